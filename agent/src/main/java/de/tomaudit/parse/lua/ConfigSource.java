package de.tomaudit.parse.lua;

import java.util.List;

/**
 * Where a configuration's files come from: a target's file system, or a map in a test. Paths are
 * absolute POSIX paths.
 */
public interface ConfigSource {

    /** The whole text of a file. */
    String read(String path) throws ConfigSourceException;

    /** The names in a directory (not paths). */
    List<String> list(String dir) throws ConfigSourceException;
}
