package de.tomaudit.parse.logrotate;

/** A configuration file or directory that could not be read. */
public final class LogrotateSourceException extends Exception {

    public LogrotateSourceException(String message) {
        super(message);
    }
}
