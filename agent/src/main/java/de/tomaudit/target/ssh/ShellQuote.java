package de.tomaudit.target.ssh;

import java.util.List;
import java.util.regex.Pattern;

/**
 * POSIX {@code sh} quoting for words sent on an exec channel (the server runs them through the
 * login shell). A word is left bare only when it holds nothing a shell could interpret; anything
 * else is wrapped in single quotes, with each {@code '} written as {@code '\''}. Inside single
 * quotes a POSIX shell interprets nothing, so no path or argument can end the word early.
 */
final class ShellQuote {
    /** Characters that mean nothing to sh anywhere in a word (no '=', so no word is an assignment). */
    private static final Pattern BARE = Pattern.compile("[A-Za-z0-9_./:,@+%-]+");

    private ShellQuote() { }

    /** The word, bare when safe, else single-quoted. */
    static String word(String s) {
        check(s);
        return !s.isEmpty() && BARE.matcher(s).matches() ? s : quoted(s);
    }

    /** Always single-quoted (for paths and other data). */
    static String quoted(String s) {
        check(s);
        return "'" + s.replace("'", "'\\''") + "'";
    }

    static String words(List<String> argv) {
        StringBuilder out = new StringBuilder();
        for (String w : argv) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(word(w));
        }
        return out.toString();
    }

    private static void check(String s) {
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a NUL byte cannot be passed to a remote command");
        }
    }
}
