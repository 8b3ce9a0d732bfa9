package de.tomaudit.parse.sshd;

import de.tomaudit.pattern.Wildcard;
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

    /** Whether {@code s} matches the single wildcard pattern (linear: {@link Wildcard}). */
    public static boolean matches(String s, String pattern) {
        // most list entries are names without wildcards: no matcher to build for those
        return hasWildcard(pattern) ? Wildcard.matches(s, pattern, Wildcard.Syntax.SSH) : s.equals(pattern);
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
