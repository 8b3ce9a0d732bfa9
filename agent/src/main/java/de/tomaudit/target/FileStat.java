package de.tomaudit.target;

import java.time.Instant;

/** What {@code stat} says of a path; {@code mode} holds the permission bits (e.g. 0640). */
public record FileStat(String path, Type type, int mode, String owner, String group, long size,
                       Instant modified) {

    public enum Type { FILE, DIRECTORY, SYMLINK, OTHER }

    public boolean worldReadable() {
        return (mode & 0004) != 0;
    }

    public boolean groupReadable() {
        return (mode & 0040) != 0;
    }

    public String octalMode() {
        return String.format("%04o", mode);
    }
}
