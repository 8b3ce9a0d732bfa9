package de.tomaudit.parse.logrotate;

import java.util.List;
import java.util.Objects;

/**
 * A log definition: one or more path patterns and the directives between its braces.
 * {@code broken} when logrotate would skip it (a structural error inside it was reported).
 */
public record LogrotateStanza(List<String> patterns, List<LogrotateDirective> directives, String file, int line,
                              boolean broken) implements LogrotateEntry {

    public LogrotateStanza {
        patterns = List.copyOf(patterns);
        directives = List.copyOf(directives);
        Objects.requireNonNull(file, "file");
    }
}
