package de.tomaudit.parse.cron;

import java.util.List;

/** Commands joined by {@code |}, with the 1-based line where the pipeline starts. */
public record ShellPipeline(List<ShellCommand> commands, int line) {

    public ShellPipeline {
        commands = List.copyOf(commands);
    }
}
