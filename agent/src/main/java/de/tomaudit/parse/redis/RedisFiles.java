package de.tomaudit.parse.redis;

import java.util.List;

/** How the Redis parser reaches included files; the caller adapts its target. */
public interface RedisFiles {

    /** The text of the file; throws with a message when it is missing or unreadable. */
    String read(String path) throws Failure;

    /** The names of the entries of a directory. */
    List<String> list(String dir) throws Failure;

    /** A read that did not work; {@code missing} when the path does not exist. */
    final class Failure extends Exception {
        private final boolean missing;

        public Failure(String message, boolean missing) {
            super(message);
            this.missing = missing;
        }

        public boolean missing() {
            return missing;
        }
    }
}
