package de.tomaudit.parse.nginx;

/** A syntax error in an nginx configuration file, with the file and 1-based line nginx would name. */
public final class NginxParseException extends Exception {
    private final String file;
    private final int line;
    private final String detail;

    public NginxParseException(String file, int line, String message) {
        super(file + ":" + line + ": " + message);
        this.file = file;
        this.line = line;
        this.detail = message;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    /** The message without the file and line. */
    public String detail() {
        return detail;
    }
}
