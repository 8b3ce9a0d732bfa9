package de.tomaudit.parse.logrotate;

/** Something logrotate would complain about, with file and 1-based line (0: the whole file). */
public record LogrotateProblem(String file, int line, String message) {

    public String source() {
        return line > 0 ? file + ":" + line : file;
    }

    @Override
    public String toString() {
        return source() + ": " + message;
    }
}
