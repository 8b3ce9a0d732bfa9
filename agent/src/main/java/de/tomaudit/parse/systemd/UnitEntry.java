package de.tomaudit.parse.systemd;

/** One {@code Key=value} assignment of a unit file, in its section, with file and 1-based line. */
public record UnitEntry(String section, String key, String value, String path, int line) {

    public String source() {
        return path + ":" + line;
    }
}
