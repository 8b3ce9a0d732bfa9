package de.tomaudit.parse.cron;

import java.util.List;

/**
 * A simple command after quote removal and variable substitution: leading
 * {@code NAME=value} assignments, the words, and its redirections.
 */
public record ShellCommand(List<String> assignments, List<String> argv, List<ShellRedirect> redirects) {

    public ShellCommand {
        assignments = List.copyOf(assignments);
        argv = List.copyOf(argv);
        redirects = List.copyOf(redirects);
    }

    /** The program name without its directory ({@code /usr/bin/borg} → {@code borg}); empty when none. */
    public String program() {
        if (argv.isEmpty()) {
            return "";
        }
        String p = argv.get(0);
        int slash = p.lastIndexOf('/');
        return slash >= 0 ? p.substring(slash + 1) : p;
    }
}
