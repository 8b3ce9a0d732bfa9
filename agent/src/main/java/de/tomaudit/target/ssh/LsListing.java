package de.tomaudit.target.ssh;

import de.tomaudit.target.DirEntry;
import de.tomaudit.target.FileStat;
import de.tomaudit.target.TargetException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A directory listing from GNU {@code ls -l -A -n --time-style=+%s --quoting-style=c} in the C
 * locale (used through sudo for directories SFTP may not list): the type from the mode's first
 * character, the name from the first C-quoted string, escapes decoded, so names with spaces,
 * quotes, newlines or any byte come back exactly.
 */
final class LsListing {

    private LsListing() { }

    static List<DirEntry> parse(String dir, String output) throws TargetException {
        if (!output.startsWith("total ")) {
            throw new TargetException(TargetException.Reason.IO, dir, dir + ": not a directory");
        }
        List<DirEntry> out = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.isEmpty() || line.startsWith("total ")) {
                continue;
            }
            if (line.length() > 1 && line.charAt(1) == '?') {
                continue; // ls could not stat it (no search permission): sftp-server leaves such entries out too
            }
            int q = line.indexOf('"');
            if (q < 0) {
                throw garbage(dir, line);
            }
            FileStat.Type type = switch (line.charAt(0)) {
                case '-' -> FileStat.Type.FILE;
                case 'd' -> FileStat.Type.DIRECTORY;
                case 'l' -> FileStat.Type.SYMLINK;
                case 'p', 's', 'c', 'b' -> FileStat.Type.OTHER;
                default -> throw garbage(dir, line);
            };
            out.add(new DirEntry(unquote(dir, line, q), type));
        }
        out.sort(Comparator.comparing(DirEntry::name));
        return out;
    }

    /** The C-quoted string starting at {@code start} (a '"'). */
    private static String unquote(String dir, String line, int start) throws TargetException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int i = start + 1;
        while (i < line.length()) {
            char c = line.charAt(i++);
            if (c == '"') {
                return b.toString(StandardCharsets.UTF_8);
            }
            if (c != '\\') {
                byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                b.write(raw, 0, raw.length);
                continue;
            }
            if (i >= line.length()) {
                break;
            }
            char e = line.charAt(i++);
            switch (e) {
                case 'n' -> b.write('\n');
                case 't' -> b.write('\t');
                case 'r' -> b.write('\r');
                case 'a' -> b.write(7);
                case 'b' -> b.write('\b');
                case 'f' -> b.write('\f');
                case 'v' -> b.write(11);
                case '0', '1', '2', '3' -> {
                    int v = e - '0';
                    for (int k = 0; k < 2 && i < line.length() && line.charAt(i) >= '0' && line.charAt(i) <= '7'; k++) {
                        v = v * 8 + (line.charAt(i++) - '0');
                    }
                    b.write(v);
                }
                default -> b.write(e);
            }
        }
        throw garbage(dir, line);
    }

    private static TargetException garbage(String dir, String line) {
        String shown = line.length() > 80 ? line.substring(0, 80) + "…" : line;
        return new TargetException(TargetException.Reason.IO, dir, dir + ": unexpected ls output '" + shown + "'");
    }
}
