package de.tomaudit.pattern;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The one wildcard matcher of the agent: waiver targets, sshd {@code Match} patterns, include globs
 * of nginx, sshd and logrotate, and every directory glob on a target. A pattern is compiled once
 * into tokens and matched without backtracking blow-up: the classic single-restart algorithm (on a
 * mismatch, go back only to the last {@code *}) takes at most O(text x pattern) steps, where the
 * regular expressions of {@code java.nio.file.PathMatcher} grow exponentially with the number of
 * {@code *} against a long name.
 *
 * <p>Syntax: {@code *} any run of characters, {@code ?} one character; in {@link Syntax#GLOB} also
 * {@code [abc]}, {@code [a-z]}, {@code [!a]} / {@code [^a]} and {@code \} quoting the next character
 * (an unclosed {@code [} is a literal, as in glob(3)). {@link Syntax#SSH} knows only {@code *} and
 * {@code ?} (OpenSSH match.c). {@link #matchesPath} keeps {@code *}, {@code ?} and classes within
 * one path component, as glob(3) and shell globs do.
 */
public final class Wildcard {

    /** Which characters are special. */
    public enum Syntax {
        /** OpenSSH patterns: {@code *} and {@code ?} only. */
        SSH,
        /** Shell/glob(3) patterns: {@code * ? [..]} and backslash quoting. */
        GLOB
    }

    private static final int STAR = -1;

    /** One token per pattern position: a char, ANY, or a class; STAR marked in {@link #kind}. */
    private final int[] kind;
    private final BitSet[] classes;
    private final boolean[] negated;

    private static final int LITERAL = 0;
    private static final int ANY = 1;
    private static final int CLASS = 2;
    private final char[] literal;

    private Wildcard(List<Object[]> tokens) {
        int n = tokens.size();
        kind = new int[n];
        literal = new char[n];
        classes = new BitSet[n];
        negated = new boolean[n];
        for (int i = 0; i < n; i++) {
            Object[] t = tokens.get(i);
            kind[i] = (Integer) t[0];
            if (kind[i] == LITERAL) {
                literal[i] = (Character) t[1];
            } else if (kind[i] == CLASS) {
                classes[i] = (BitSet) t[1];
                negated[i] = (Boolean) t[2];
            }
        }
    }

    /** Compiles a pattern; never fails (malformed classes are literals). */
    public static Wildcard compile(String pattern, Syntax syntax) {
        List<Object[]> tokens = new ArrayList<>();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '*') {
                if (tokens.isEmpty() || (Integer) tokens.get(tokens.size() - 1)[0] != STAR) {
                    tokens.add(new Object[] {STAR});
                }
                i++;
            } else if (c == '?') {
                tokens.add(new Object[] {ANY});
                i++;
            } else if (syntax == Syntax.GLOB && c == '\\' && i + 1 < pattern.length()) {
                tokens.add(new Object[] {LITERAL, pattern.charAt(i + 1)});
                i += 2;
            } else if (syntax == Syntax.GLOB && c == '[') {
                int end = classEnd(pattern, i);
                if (end < 0) {
                    tokens.add(new Object[] {LITERAL, c});
                    i++;
                } else {
                    boolean neg = pattern.charAt(i + 1) == '!' || pattern.charAt(i + 1) == '^';
                    tokens.add(new Object[] {CLASS, members(pattern, neg ? i + 2 : i + 1, end), neg});
                    i = end + 1;
                }
            } else {
                tokens.add(new Object[] {LITERAL, c});
                i++;
            }
        }
        return new Wildcard(tokens);
    }

    /** Index of the {@code ]} closing the class at {@code open}, or -1 (a {@code ]} first is a member). */
    private static int classEnd(String p, int open) {
        int j = open + 1;
        if (j < p.length() && (p.charAt(j) == '!' || p.charAt(j) == '^')) {
            j++;
        }
        if (j < p.length() && p.charAt(j) == ']') {
            j++;
        }
        while (j < p.length() && p.charAt(j) != ']') {
            j++;
        }
        return j < p.length() ? j : -1;
    }

    private static BitSet members(String p, int from, int end) {
        BitSet set = new BitSet();
        for (int j = from; j < end; j++) {
            char c = p.charAt(j);
            if (j + 2 < end && p.charAt(j + 1) == '-') {
                char hi = p.charAt(j + 2);
                if (c <= hi) {
                    set.set(c, hi + 1);
                }
                j += 2;
            } else {
                set.set(c);
            }
        }
        return set;
    }

    /** Whether the pattern matches all of {@code text}; {@code *} and {@code ?} match any character. */
    public boolean matches(String text) {
        return matches(text, 0, text.length());
    }

    private boolean matches(String s, int from, int to) {
        int si = from;
        int pi = 0;
        int starP = -1;
        int starS = -1;
        int n = kind.length;
        while (si < to) {
            if (pi < n && kind[pi] == STAR) {
                starP = ++pi;
                starS = si;
            } else if (pi < n && one(pi, s.charAt(si))) {
                pi++;
                si++;
            } else if (starP >= 0) {
                pi = starP;
                si = ++starS;
            } else {
                return false;
            }
        }
        while (pi < n && kind[pi] == STAR) {
            pi++;
        }
        return pi == n;
    }

    private boolean one(int pi, char c) {
        return switch (kind[pi]) {
            case LITERAL -> literal[pi] == c;
            case ANY -> true;
            case CLASS -> classes[pi].get(c) != negated[pi];
            default -> false;
        };
    }

    /** Whether {@code text} matches {@code pattern} (convenience for one-off use). */
    public static boolean matches(String text, String pattern, Syntax syntax) {
        return compile(pattern, syntax).matches(text);
    }

    /**
     * Matches path against pattern component by component: {@code *}, {@code ?} and classes never
     * match {@code /}, and both must have the same number of components.
     */
    public static boolean matchesPath(String path, String pattern, Syntax syntax) {
        String[] ps = pattern.split("/", -1);
        String[] ts = path.split("/", -1);
        if (ps.length != ts.length) {
            return false;
        }
        for (int i = 0; i < ps.length; i++) {
            if (!compile(ps[i], syntax).matches(ts[i])) {
                return false;
            }
        }
        return true;
    }

    /** Whether the string holds a character that is special in the syntax. */
    public static boolean hasWildcard(String s, Syntax syntax) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || syntax == Syntax.GLOB && s.indexOf('[') >= 0;
    }
}
