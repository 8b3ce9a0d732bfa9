package de.tomaudit.parse.sshd;

import java.util.Locale;

/**
 * OpenSSH's pattern matching (match.c): {@code *} matches any run of characters, {@code ?} one
 * character; a pattern list is comma-separated, and an entry starting with {@code !} is negated.
 */
public final class SshPatterns {

    /** Result of matching a pattern list. */
    public enum ListMatch {
        /** A negated entry matched: this overrides every positive one. */
        NEGATED,
        /** No entry matched. */
        NONE,
        /** A positive entry matched and no negated one. */
        MATCHED
    }

    private SshPatterns() { }

    /** Whether {@code s} matches the single wildcard pattern. */
    public static boolean matches(String s, String pattern) {
        return matches(s, 0, pattern, 0);
    }

    private static boolean matches(String s, int si, String p, int pi) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                while (pi < p.length() && p.charAt(pi) == '*') {
                    pi++;
                }
                if (pi == p.length()) {
                    return true;
                }
                for (int k = si; k <= s.length(); k++) {
                    if (matches(s, k, p, pi)) {
                        return true;
                    }
                }
                return false;
            }
            if (si >= s.length()) {
                return false;
            }
            if (c != '?' && c != s.charAt(si)) {
                return false;
            }
            si++;
            pi++;
        }
        return si == s.length();
    }

    /** match_pattern_list: {@code lower} lowercases the patterns (used for host names). */
    public static ListMatch matchList(String s, String list, boolean lower) {
        boolean positive = false;
        for (String entry : list.split(",", -1)) {
            boolean negated = entry.startsWith("!");
            String pattern = negated ? entry.substring(1) : entry;
            if (lower) {
                pattern = pattern.toLowerCase(Locale.ROOT);
            }
            if (matches(s, pattern)) {
                if (negated) {
                    return ListMatch.NEGATED;
                }
                positive = true;
            }
        }
        return positive ? ListMatch.MATCHED : ListMatch.NONE;
    }

    public static boolean hasWildcard(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0;
    }
}
