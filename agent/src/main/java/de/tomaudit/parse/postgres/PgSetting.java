package de.tomaudit.parse.postgres;

/** One {@code name = value} line of postgresql.conf (name lower-cased, value unquoted). */
public record PgSetting(String name, String value, String file, int line) {

    public String where() {
        return file + ":" + line;
    }
}
