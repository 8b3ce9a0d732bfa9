package de.tomaudit.parse.logrotate;

import java.util.List;
import java.util.Optional;

/**
 * logrotate's whole configuration as logrotate would use it: the log definitions in the order
 * read, with their effective settings, the files read and the problems found.
 */
public record LogrotateConfig(String mainFile, List<LogrotateRule> rules, List<String> files,
                              List<LogrotateProblem> problems) {

    public LogrotateConfig {
        rules = List.copyOf(rules);
        files = List.copyOf(files);
        problems = List.copyOf(problems);
    }

    /** The definition that rotates a log path: the first that matches (logrotate rejects later duplicates). */
    public Optional<LogrotateRule> ruleFor(String path) {
        return rules.stream().filter(r -> r.covers(path)).findFirst();
    }
}
