package de.tomaudit.collect.host;

import java.util.ArrayList;
import java.util.List;

/** One line of /proc/mounts: device, mount point (octal escapes decoded), file system type. */
record DiskMount(String device, String mountpoint, String fstype, int line) {

    /** Parses /proc/mounts; malformed lines are skipped. */
    static List<DiskMount> parse(String text) {
        List<DiskMount> out = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String[] f = lines[i].strip().split("\\s+");
            if (f.length >= 3 && f[1].startsWith("/")) {
                out.add(new DiskMount(unescape(f[0]), unescape(f[1]), f[2], i + 1));
            }
        }
        return out;
    }

    /** The kernel writes space, tab, newline and backslash as \040, \011, \012, \134. */
    static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    boolean onBlockDevice() {
        return device.startsWith("/dev/");
    }
}
