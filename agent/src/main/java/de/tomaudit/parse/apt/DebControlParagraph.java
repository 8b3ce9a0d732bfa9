package de.tomaudit.parse.apt;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One paragraph of a Debian control file (dpkg's status database, an apt Packages list):
 * fields by lower-case name, each with the line it starts on.
 */
public record DebControlParagraph(String path, int line, Map<String, Field> fields) {

    public record Field(String value, int line) { }

    public DebControlParagraph {
        fields = Map.copyOf(fields);
    }

    public Optional<String> get(String name) {
        Field f = fields.get(name.toLowerCase(Locale.ROOT));
        return f == null ? Optional.empty() : Optional.of(f.value());
    }

    /** The line of the field, or of the paragraph when the field is absent. */
    public int lineOf(String name) {
        Field f = fields.get(name.toLowerCase(Locale.ROOT));
        return f == null ? line : f.line();
    }
}
