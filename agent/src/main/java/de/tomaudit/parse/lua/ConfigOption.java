package de.tomaudit.parse.lua;

import java.util.Objects;

/**
 * One option as the configuration left it, with the file and 1-based line of the assignment that
 * set it last. The value is String, Long, Double, Boolean, {@link ConfigTable} or {@link ConfigOpaque}.
 * It may hold a secret (a password): callers that report values wrap those in {@code Secret}.
 */
public record ConfigOption(String name, Object value, String file, int line) {

    public ConfigOption {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(file, "file");
    }

    /** {@code file:line}. */
    public String source() {
        return line > 0 ? file + ":" + line : file;
    }
}
