package de.tomaudit.parse.lua;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/** POSIX path arithmetic for Include and FileContents, as Prosody's {@code util.paths} does it. */
final class PathNames {

    private PathNames() { }

    /** The directory of a file path ({@code /etc/prosody} for {@code /etc/prosody/prosody.cfg.lua}). */
    static String parent(String file) {
        int slash = file.lastIndexOf('/');
        return slash <= 0 ? "/" : file.substring(0, slash);
    }

    /** {@code path} relative to {@code dir} unless absolute; {@code ./} and {@code ..} resolved. */
    static String resolve(String dir, String path) {
        String p = path;
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        return normalise(p.startsWith("/") ? p : join(dir, p));
    }

    static String join(String dir, String name) {
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    /** Removes {@code .}, {@code ..} and repeated slashes; never climbs above the root. */
    static String normalise(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return "/" + String.join("/", parts);
    }

    /** A file-name glob of Prosody's Include: {@code *} any characters, {@code ?} one. */
    static Pattern globPattern(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
