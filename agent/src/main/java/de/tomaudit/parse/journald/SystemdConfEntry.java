package de.tomaudit.parse.journald;

/** One {@code Key=Value} assignment of a systemd configuration file, with its section and place. */
public record SystemdConfEntry(String section, String key, String value, String file, int line) {

    public String source() {
        return file + ":" + line;
    }
}
