package de.tomaudit.mastodondb;

/** A database check that could not be completed, with the stage it failed in (db-connect, db-login, db-privilege, db-schema, db-timeout, db-query). */
public final class MastodonDbException extends Exception {
    private final String stage;

    public MastodonDbException(String stage, String message) {
        super(message);
        this.stage = stage;
    }

    public String stage() {
        return stage;
    }

    static MastodonDbException of(java.sql.SQLException e, String where) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String msg = firstLine(e.getMessage());
        if (state.startsWith("28")) {
            return new MastodonDbException("db-login", where + ": the database refused the login: " + msg);
        }
        if (state.startsWith("08") || state.equals("3D000")) {
            return new MastodonDbException("db-connect", where + ": " + msg);
        }
        if (state.equals("42501")) {
            return new MastodonDbException("db-privilege", where + ": the role lacks a right: " + msg);
        }
        if (state.equals("57014")) {
            return new MastodonDbException("db-timeout", where + ": a query passed the statement timeout: " + msg);
        }
        if (state.equals("42P01") || state.equals("42703")) {
            return new MastodonDbException("db-schema", where + ": " + msg);
        }
        return new MastodonDbException("db-query", where + ": " + msg + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")"));
    }

    static String firstLine(String s) {
        String t = s == null ? "" : s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
