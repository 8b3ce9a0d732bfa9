package de.tomaudit.parse.lua;

/** A file or directory of the configuration could not be read; {@link #missing()} when it does not exist. */
public final class ConfigSourceException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean missing;

    public ConfigSourceException(String message, boolean missing) {
        super(message);
        this.missing = missing;
    }

    public boolean missing() {
        return missing;
    }
}
