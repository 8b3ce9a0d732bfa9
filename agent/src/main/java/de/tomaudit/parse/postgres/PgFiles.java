package de.tomaudit.parse.postgres;

import java.util.List;

/**
 * How the PostgreSQL parsers reach included files: the caller adapts its target. Paths are
 * absolute; a failure is a value, so parsing goes on and reports it with file and line.
 */
public interface PgFiles {

    /** The text of a file, or why there is none. */
    Loaded read(String path);

    /** The names of the entries of a directory (not paths), or why there are none. */
    Listed list(String dir);

    record Loaded(Status status, String text, String message) {
        public static Loaded ok(String text) { return new Loaded(Status.OK, text, ""); }
        public static Loaded missing(String message) { return new Loaded(Status.MISSING, "", message); }
        public static Loaded failed(String message) { return new Loaded(Status.FAILED, "", message); }
    }

    record Listed(Status status, List<String> names, String message) {
        public Listed {
            names = List.copyOf(names);
        }
        public static Listed ok(List<String> names) { return new Listed(Status.OK, names, ""); }
        public static Listed missing(String message) { return new Listed(Status.MISSING, List.of(), message); }
        public static Listed failed(String message) { return new Listed(Status.FAILED, List.of(), message); }
    }

    enum Status { OK, MISSING, FAILED }
}
