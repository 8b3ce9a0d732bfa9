package de.tomaudit.parse.apt;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads only {@code Package}, {@code Version} and {@code Architecture} of every paragraph of an
 * apt {@code Packages} index, in one pass without building the other fields: a security index
 * holds a few MiB of descriptions and file lists the audit does not need.
 */
public final class PackageIndexScanner {

    /** One package version an index offers; {@code line} is the 1-based line of its Version field. */
    public record Offer(String pkg, String version, String architecture, int line) { }

    private PackageIndexScanner() { }

    public static List<Offer> scan(String text) {
        List<Offer> out = new ArrayList<>();
        String pkg = null;
        String version = null;
        String arch = "all";
        int versionLine = 0;
        int lineNo = 0;
        int pos = 0;
        int len = text.length();
        while (pos <= len) {
            int end = text.indexOf('\n', pos);
            if (end < 0) {
                end = len;
            }
            lineNo++;
            if (end == pos || isBlank(text, pos, end)) {
                if (pkg != null && version != null) {
                    out.add(new Offer(pkg, version, arch, versionLine));
                }
                pkg = null;
                version = null;
                arch = "all";
            } else if (text.startsWith("Package:", pos)) {
                pkg = text.substring(pos + 8, end).strip();
            } else if (text.startsWith("Version:", pos)) {
                version = text.substring(pos + 8, end).strip();
                versionLine = lineNo;
            } else if (text.startsWith("Architecture:", pos)) {
                arch = text.substring(pos + 13, end).strip();
            }
            pos = end + 1;
        }
        if (pkg != null && version != null) {
            out.add(new Offer(pkg, version, arch, versionLine));
        }
        return out;
    }

    private static boolean isBlank(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
