package de.tomaudit.report;

/**
 * Makes any value safe to show: control characters (C0 but tab and newline, DEL, C1), bidirectional
 * overrides, byte-order marks, non-characters and lone surrogates become a visible {@code <U+001B>}
 * instead of acting on a terminal, a viewer or an XML parser. Every format passes text through here.
 */
public final class VisibleText {

    private VisibleText() { }

    /** The value with every invisible or dangerous character written as {@code <U+XXXX>}. */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad;
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                if (out != null) {
                    out.append(c).append(s.charAt(i + 1));
                }
                i++;
                continue;
            }
            bad = Character.isSurrogate(c) || hidden(c);
            if (bad && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                if (bad) {
                    out.append(String.format("<U+%04X>", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? s : out.toString();
    }

    /** The value on one line: newlines and tabs become spaces, everything else as {@link #escape}. */
    public static String oneLine(String s) {
        return escape(s).replace("\r\n", " ").replace('\n', ' ').replace('\t', ' ');
    }

    /**
     * The value cut to {@code max} characters, with {@code marker} (which should say how long the
     * whole value was) appended where it was cut; never cut silently, never inside a surrogate pair.
     */
    public static String shorten(String s, int max, String marker) {
        if (s.length() <= max) {
            return s;
        }
        int end = Character.isLowSurrogate(s.charAt(max)) ? max - 1 : max;
        return s.substring(0, end) + " " + marker;
    }

    static boolean hidden(char c) {
        return (c < 0x20 && c != '\n' && c != '\t')
                || (c >= 0x7f && c <= 0x9f)
                || c == '\u200e' || c == '\u200f'
                || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069')
                || c == '\ufeff' || c == '\ufffe' || c == '\uffff';
    }
}
