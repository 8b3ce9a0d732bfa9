package de.tomaudit.target;

import java.util.List;

/**
 * A command line from the {@link CommandCatalog}. Instances made any other way are refused
 * by every target: {@link CommandCatalog#verify(Command)} checks the argv against the list.
 *
 * @param id        catalog id, e.g. {@code sshd-effective}
 * @param argv      the exact argument vector, no shell
 * @param needsRoot whether it only tells the truth as root (used with {@code --sudo})
 */
public record Command(String id, List<String> argv, boolean needsRoot) {

    public Command {
        argv = List.copyOf(argv);
    }

    public String line() {
        return String.join(" ", argv);
    }
}
