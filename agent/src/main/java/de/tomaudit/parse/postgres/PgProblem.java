package de.tomaudit.parse.postgres;

/**
 * Something in a PostgreSQL config file that PostgreSQL itself would reject or that could not
 * be read. {@code fatal} problems make the effective configuration unknown (PostgreSQL would
 * refuse to start or to reload); the others are notes.
 */
public record PgProblem(String file, int line, String message, boolean fatal) {

    public String where() {
        return line > 0 ? file + ":" + line : file;
    }

    @Override
    public String toString() {
        return where() + ": " + message;
    }
}
