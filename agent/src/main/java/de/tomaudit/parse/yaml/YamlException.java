package de.tomaudit.parse.yaml;

/**
 * A YAML document that is malformed or not of the expected shape, with file and 1-based line. The
 * message is one line: line breaks and other control characters are shown as escapes.
 */
public class YamlException extends Exception {
    private final String file;
    private final int line;

    public YamlException(String file, int line, String message) {
        super(oneLine(file + (line > 0 ? ":" + line : "") + ": " + message));
        this.file = file;
        this.line = line;
    }

    /** A key or name for a message: control characters escaped, at most 60 characters. */
    public static String shown(String text) {
        String t = oneLine(text);
        return t.length() > 60 ? t.substring(0, 60) + "…" : t;
    }

    private static String oneLine(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\n') {
                b.append("\\n");
            } else if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }
}
