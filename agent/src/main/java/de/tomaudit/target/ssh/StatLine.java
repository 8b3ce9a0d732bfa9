package de.tomaudit.target.ssh;

import de.tomaudit.target.FileStat;
import de.tomaudit.target.TargetException;
import java.time.Instant;

/** One line of {@code stat -L -c '%f %u %g %U %G %s %Y'}: raw mode in hex, ids, names, size, mtime. */
final class StatLine {
    private static final int S_IFMT = 0170000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFLNK = 0120000;

    private StatLine() { }

    static FileStat parse(String path, String output) throws TargetException {
        String[] f = output.strip().split(" ");
        if (f.length != 7) {
            throw garbage(path, output);
        }
        try {
            int raw = Integer.parseInt(f[0], 16);
            FileStat.Type type = switch (raw & S_IFMT) {
                case S_IFREG -> FileStat.Type.FILE;
                case S_IFDIR -> FileStat.Type.DIRECTORY;
                case S_IFLNK -> FileStat.Type.SYMLINK;
                default -> FileStat.Type.OTHER;
            };
            String owner = f[3].equals("UNKNOWN") ? f[1] : f[3];
            String group = f[4].equals("UNKNOWN") ? f[2] : f[4];
            return new FileStat(path, type, raw & 0777, owner, group, Long.parseLong(f[5]), Instant.ofEpochSecond(Long.parseLong(f[6])));
        } catch (NumberFormatException e) {
            throw garbage(path, output);
        }
    }

    private static TargetException garbage(String path, String output) {
        String shown = output.length() > 80 ? output.substring(0, 80) + "…" : output;
        return new TargetException(TargetException.Reason.IO, path, path + ": unexpected stat output '" + shown.strip() + "'");
    }
}
