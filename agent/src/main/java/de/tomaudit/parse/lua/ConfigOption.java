package de.tomaudit.parse.lua;

import java.util.List;
import java.util.Objects;

/**
 * One option as the configuration left it, with the file and 1-based line of the assignment that
 * set it last, and the lines of its value's fields and entries ({@link ValueLayout}). The value is
 * String, Long, Double, Boolean, {@link ConfigTable} or {@link ConfigOpaque}. It may hold a secret
 * (a password): callers that report values wrap those in {@code Secret}.
 */
public record ConfigOption(String name, Object value, String file, int line, ValueLayout layout) {

    public ConfigOption {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(file, "file");
        layout = layout == null ? ValueLayout.UNKNOWN : layout;
    }

    /** An option whose value's layout is not known (its statement line is). */
    public ConfigOption(String name, Object value, String file, int line) {
        this(name, value, file, line, ValueLayout.UNKNOWN);
    }

    /** {@code file:line}. */
    public String source() {
        return line > 0 ? file + ":" + line : file;
    }

    /** The value was made by Lua code (a variable, a call, a concatenation), not written here as a literal. */
    public boolean computed() {
        return layout.isComputed();
    }

    /**
     * Where the part of the value at {@code path} (field names; {@code #n} for the n-th entry;
     * {@code =text} for the string entry "text") was written: its own line; or, when code made it
     * (a variable, a call, a concatenation) or made the table around it, the line of the nearest
     * statement or field that did, marked computed; or, when the value is all literal and has no
     * such part, the statement's line (the part is absent there).
     */
    public Part where(String... path) {
        List<String> p = List.of(path);
        int own = layout.line(p);
        if (own > 0) {
            return new Part(own, layout.computed().contains(p));
        }
        if (layout.isLiteral()) {
            return new Part(line, false);
        }
        for (int n = p.size() - 1; n > 0; n--) {
            int at = layout.line(p.subList(0, n));
            if (at > 0) {
                return new Part(at, true);
            }
        }
        return new Part(line, true);
    }

    /** The list entry {@code "value"} (or the set-like field {@code ["value"] = true}); see {@link #where}. */
    public Part entry(String value) {
        int at = layout.line(List.of("=" + value));
        return at > 0 ? new Part(at, false) : where(value);
    }

    /** A line of the option's file, and whether the value there was made by code rather than written. */
    public record Part(int line, boolean computed) { }
}
