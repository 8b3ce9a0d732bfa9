package de.tomaudit.parse.nginx;

/** A file of the configuration that could not be read; {@link #missing()} when it does not exist. */
public final class NginxSourceException extends Exception {
    private final boolean missing;

    public NginxSourceException(String message, boolean missing) {
        super(message);
        this.missing = missing;
    }

    public boolean missing() {
        return missing;
    }
}
