package de.tomaudit.policy;

import java.util.Objects;

/**
 * One promise of the privacy notice as the claims file states it: the value, the file and 1-based
 * line it was read from, and the text as written there (shown next to the contradicting evidence).
 */
public record Claim<T>(T value, String file, int line, String text) {

    public Claim {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(file, "file");
        text = text == null ? "" : text;
    }

    /** {@code file:line}. */
    public String source() {
        return line > 0 ? file + ":" + line : file;
    }
}
