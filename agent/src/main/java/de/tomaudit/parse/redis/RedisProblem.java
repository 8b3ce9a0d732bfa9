package de.tomaudit.parse.redis;

/** A line Redis would reject, or a file that could not be read: file, 1-based line, message. */
public record RedisProblem(String file, int line, String message) {

    public String where() {
        return line > 0 ? file + ":" + line : file;
    }

    @Override
    public String toString() {
        return where() + ": " + message;
    }
}
