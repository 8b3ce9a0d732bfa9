package de.tomaudit.parse.logrotate;

import java.util.Objects;

/**
 * One directive ({@code rotate 14}, {@code daily}, {@code include /etc/logrotate.d}) with its
 * value as written (empty for flags) and where it stands.
 */
public record LogrotateDirective(String keyword, String value, String file, int line) implements LogrotateEntry {

    public LogrotateDirective {
        Objects.requireNonNull(keyword, "keyword");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(file, "file");
    }

    /** The directive as written, for evidence. */
    public String text() {
        return value.isEmpty() ? keyword : keyword + " " + value;
    }
}
