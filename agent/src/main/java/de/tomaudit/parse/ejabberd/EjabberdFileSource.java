package de.tomaudit.parse.ejabberd;

import java.util.List;

/** Where the configuration reader gets files from: a target, or text held in a test. */
public interface EjabberdFileSource {

    /** Failure to read; {@code missing} when the path does not exist. */
    final class SourceException extends Exception {
        private final boolean missing;

        public SourceException(String message, boolean missing) {
            super(message);
            this.missing = missing;
        }

        public boolean missing() {
            return missing;
        }
    }

    /** The text of a file. */
    String read(String path) throws SourceException;

    /** Existing paths matching a glob, sorted; empty when none match. */
    List<String> glob(String pattern) throws SourceException;
}
