package de.tomaudit.parse.xml;

/** A document that was not read: not well-formed, a DOCTYPE or entity (refused), or over a bound. */
public final class XmlRefused extends Exception {
    private final String file;
    private final int line;

    public XmlRefused(String file, int line, String message) {
        super((line > 0 ? file + ":" + line : file) + ": " + message);
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
