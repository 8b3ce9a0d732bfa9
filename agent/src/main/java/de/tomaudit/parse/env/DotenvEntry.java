package de.tomaudit.parse.env;

import de.tomaudit.facts.Secret;
import java.util.Objects;

/**
 * One assignment of a dotenv file after quoting, escapes and {@code ${VAR}} references were
 * applied. {@code value} is a {@link String}, or a {@link Secret} for names the caller declared
 * secret (the raw text never leaves the parser). {@code line} is the 1-based line the assignment
 * starts on.
 */
public record DotenvEntry(String key, Object value, int line, boolean exported, Quote quote) {

    public enum Quote { NONE, SINGLE, DOUBLE }

    public DotenvEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (!(value instanceof String) && !(value instanceof Secret)) {
            throw new IllegalArgumentException("value must be a String or a Secret");
        }
    }

    public boolean isSecret() {
        return value instanceof Secret;
    }

    /** Plain text, or empty for a secret (whose text is not kept). */
    public String text() {
        return value instanceof String s ? s : "";
    }

    public boolean blank() {
        return value instanceof Secret s ? s.blank() : ((String) value).isBlank();
    }
}
