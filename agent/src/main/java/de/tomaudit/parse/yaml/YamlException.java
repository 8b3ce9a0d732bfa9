package de.tomaudit.parse.yaml;

/** A YAML document that is malformed or not of the expected shape, with file and 1-based line. */
public class YamlException extends Exception {
    private final String file;
    private final int line;

    public YamlException(String file, int line, String message) {
        super(file + (line > 0 ? ":" + line : "") + ": " + message);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }
}
