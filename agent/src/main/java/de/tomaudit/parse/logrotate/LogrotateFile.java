package de.tomaudit.parse.logrotate;

import java.util.List;

/**
 * One parsed logrotate file: its entries in order and the problems found. {@code failed} when
 * logrotate would reject the file as a whole (then none of its log definitions are used).
 */
public record LogrotateFile(String path, List<LogrotateEntry> entries, List<LogrotateProblem> problems, boolean failed) {

    public LogrotateFile {
        entries = List.copyOf(entries);
        problems = List.copyOf(problems);
    }
}
