package de.tomaudit.parse.source;

import java.util.List;

/** Where a config parser gets files from: a target, a directory, or text held in a test. */
public interface ConfigSource {

    /** Failure to read or list; {@code missing} when the path does not exist. */
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

    /** Existing paths matching a glob, sorted as glob(3) sorts them; empty when none match. */
    List<String> glob(String pattern) throws SourceException;
}
