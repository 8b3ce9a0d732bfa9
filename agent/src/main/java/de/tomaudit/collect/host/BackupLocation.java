package de.tomaudit.collect.host;

import java.util.Optional;

/**
 * Where a backup job writes. {@code path} is set for locations on this host; remote ones
 * (ssh://, user@host:path, s3:, b2:…) and unresolved ones keep only their display text.
 */
record BackupLocation(Kind kind, String display, Optional<String> path) {

    enum Kind {
        /** One file, its mtime is the artefact's. */
        FILE,
        /** A directory: its newest entry is the artefact. */
        DIR,
        BORG_REPO, RESTIC_REPO, RDIFF_DEST,
        /** Not on this host. */
        REMOTE,
        /** The job does not say (or it is hidden in an unreadable config). */
        UNKNOWN
    }

    static BackupLocation unknown(String why) {
        return new BackupLocation(Kind.UNKNOWN, why, Optional.empty());
    }

    static BackupLocation remote(String where) {
        return new BackupLocation(Kind.REMOTE, where, Optional.empty());
    }

    static BackupLocation local(Kind kind, String path) {
        return new BackupLocation(kind, path, Optional.of(path));
    }

    /**
     * A file path that may contain unexpanded parts ({@code $(date +%F)}, {@code $VAR}, backquotes):
     * then the directory before the first such part is the location.
     */
    static BackupLocation fileOrDir(String raw) {
        int cut = firstDynamic(raw);
        if (cut < 0) {
            return raw.startsWith("/") ? local(Kind.FILE, raw) : unknown("relative path " + raw);
        }
        int slash = raw.lastIndexOf('/', cut);
        if (slash <= 0 || !raw.startsWith("/")) {
            return unknown("path built at run time: " + raw);
        }
        return local(Kind.DIR, raw.substring(0, slash));
    }

    private static int firstDynamic(String s) {
        int best = -1;
        for (char c : new char[] {'$', '`', '%', '*', '?', '{'}) {
            int i = s.indexOf(c);
            if (i >= 0 && (best < 0 || i < best)) {
                best = i;
            }
        }
        return best;
    }

    /** Repository or target strings: remote when they name a host or a cloud scheme. */
    static boolean isRemote(String s) {
        return s.matches("^[a-z][a-z0-9+.-]*://.*") && !s.startsWith("file://")
                || s.matches("^[A-Za-z0-9._-]+@[^/]+:.*") || s.matches("^[A-Za-z0-9.-]+:[^/].*")
                || s.matches("^(s3|b2|gs|azure|swift|rclone|sftp|rest):.*");
    }
}
