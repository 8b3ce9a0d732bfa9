package de.tomaudit.report;

/**
 * Makes text from a target safe to print: control characters (C0, DEL, C1), line and paragraph
 * separators and the bidirectional overrides that reorder what a terminal shows become visible
 * escapes ({@code \e}, {@code \n}, {@code \x7f}, {@code \u202e}), so a file name holding
 * {@code ESC [ 2 J} cannot clear the screen, forge a line or hide a finding. A backslash stays
 * as it is. Every renderer that writes text a person reads calls this on every value it did not
 * write itself (names, addresses, messages, evidence); JSON needs no call (Jackson escapes).
 */
public final class Printable {

    private Printable() { }

    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        int i = 0;
        while (i < s.length() && !unsafe(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!unsafe(c)) {
                b.append(c);
                continue;
            }
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case 0x1b -> b.append("\\e");
                default -> {
                    if (c < 0x100) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(String.format("\\u%04x", (int) c));
                    }
                }
            }
        }
        return b.toString();
    }

    static boolean unsafe(char c) {
        return c < 0x20 || c >= 0x7f && c <= 0x9f
                || c == 0x2028 || c == 0x2029
                || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069 || c == 0x200e || c == 0x200f || c == 0x061c;
    }
}
