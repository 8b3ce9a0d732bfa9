package de.tomaudit.parse.logrotate;

import java.util.List;
import java.util.Optional;

/** Where logrotate's configuration files come from (a target's file system). Paths are absolute. */
public interface LogrotateSource {

    enum Kind { FILE, DIRECTORY, OTHER }

    /** What is at a path; {@code mode} holds the permission bits, -1 when unknown. */
    record Entry(Kind kind, int mode) { }

    /** The entry at a path, empty when nothing is there. */
    Optional<Entry> stat(String path) throws LogrotateSourceException;

    /** The names in a directory. */
    List<String> list(String dir) throws LogrotateSourceException;

    String read(String path) throws LogrotateSourceException;
}
