package de.tomaudit.parse.properties;

/**
 * Something in a {@code .properties} layer that keeps a value from being known: a broken escape
 * (the file cannot be read past it), a {@code ${…}} cycle or an unresolved reference (one key).
 *
 * @param key the property concerned, or empty when the whole file is
 */
public record PropertiesProblem(String file, int line, String key, String message) {

    public String source() {
        return line > 0 ? file + ":" + line : file;
    }

    @Override
    public String toString() {
        return source() + ": " + message;
    }
}
