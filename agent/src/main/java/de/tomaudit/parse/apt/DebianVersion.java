package de.tomaudit.parse.apt;

import java.util.Comparator;

/**
 * Debian version ordering as dpkg defines it (deb-version(5)): epoch, then upstream version
 * and revision, each compared as alternating non-digit and digit runs, where {@code ~} sorts
 * before everything (even the end of the string) and letters before other characters.
 * Also orders kernel release strings such as {@code 6.1.0-21-amd64}.
 */
public final class DebianVersion {

    public static final Comparator<String> ORDER = DebianVersion::compare;

    private DebianVersion() { }

    public static int compare(String a, String b) {
        Parts pa = Parts.of(a);
        Parts pb = Parts.of(b);
        if (pa.epoch() != pb.epoch()) {
            return Long.compare(pa.epoch(), pb.epoch());
        }
        int c = verrevcmp(pa.upstream(), pb.upstream());
        return c != 0 ? c : verrevcmp(pa.revision(), pb.revision());
    }

    private record Parts(long epoch, String upstream, String revision) {
        static Parts of(String v) {
            String s = v.strip();
            long epoch = 0;
            int colon = s.indexOf(':');
            if (colon > 0 && s.substring(0, colon).chars().allMatch(Character::isDigit)) {
                try {
                    epoch = Long.parseLong(s.substring(0, colon));
                } catch (NumberFormatException e) {
                    epoch = Long.MAX_VALUE;
                }
                s = s.substring(colon + 1);
            }
            int dash = s.lastIndexOf('-');
            if (dash >= 0) {
                return new Parts(epoch, s.substring(0, dash), s.substring(dash + 1));
            }
            return new Parts(epoch, s, "");
        }
    }

    private static int order(char c) {
        if (Character.isDigit(c)) {
            return 0;
        }
        if (Character.isLetter(c)) {
            return c;
        }
        if (c == '~') {
            return -1;
        }
        return c + 256;
    }

    private static int verrevcmp(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            int firstDiff = 0;
            while ((i < a.length() && !Character.isDigit(a.charAt(i)))
                    || (j < b.length() && !Character.isDigit(b.charAt(j)))) {
                int ac = i < a.length() ? order(a.charAt(i)) : 0;
                int bc = j < b.length() ? order(b.charAt(j)) : 0;
                if (ac != bc) {
                    return Integer.compare(ac, bc);
                }
                i++;
                j++;
            }
            while (i < a.length() && a.charAt(i) == '0') {
                i++;
            }
            while (j < b.length() && b.charAt(j) == '0') {
                j++;
            }
            while (i < a.length() && Character.isDigit(a.charAt(i))
                    && j < b.length() && Character.isDigit(b.charAt(j))) {
                if (firstDiff == 0) {
                    firstDiff = a.charAt(i) - b.charAt(j);
                }
                i++;
                j++;
            }
            if (i < a.length() && Character.isDigit(a.charAt(i))) {
                return 1;
            }
            if (j < b.length() && Character.isDigit(b.charAt(j))) {
                return -1;
            }
            if (firstDiff != 0) {
                return Integer.signum(firstDiff);
            }
        }
        return 0;
    }
}
