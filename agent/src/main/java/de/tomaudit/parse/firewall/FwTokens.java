package de.tomaudit.parse.firewall;

import java.util.ArrayList;
import java.util.List;

/** Splits rule text into words, keeping "quoted strings" and { brace groups } whole. */
final class FwTokens {

    private FwTokens() { }

    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            if (c == '"') {
                i++;
                while (i < n && text.charAt(i) != '"') {
                    i += text.charAt(i) == '\\' ? 2 : 1;
                }
                i = Math.min(n, i + 1);
            } else if (c == '{') {
                int depth = 0;
                while (i < n) {
                    char d = text.charAt(i);
                    if (d == '{') {
                        depth++;
                    } else if (d == '}' && --depth == 0) {
                        i++;
                        break;
                    }
                    i++;
                }
            } else {
                while (i < n && !Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
            }
            out.add(text.substring(start, i));
        }
        return out;
    }

    static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    /** {@code { 80, 443 }} or {@code 80,443} into its elements. */
    static List<String> elements(String s) {
        String t = s.strip();
        if (t.startsWith("{") && t.endsWith("}")) {
            t = t.substring(1, t.length() - 1);
        }
        List<String> out = new ArrayList<>();
        for (String e : t.split(",")) {
            String x = e.strip();
            if (!x.isEmpty()) {
                out.add(x);
            }
        }
        return out;
    }

    /**
     * A port as the rule means it: a number (1-65535), a range of two, or a service name as
     * /etc/services spells them (lower case); anything else, which nft and iptables refuse, is
     * {@code "invalid"}: the text is not repeated in findings (issue 13).
     */
    static String port(String p) {
        if (p.matches("\\d{1,5}([-:]\\d{1,5})?")) {
            for (String n : p.split("[-:]")) {
                if (Integer.parseInt(n) > 65_535) {
                    return "invalid";
                }
            }
            return p;
        }
        return p.matches("[a-z][a-z0-9._+-]{0,31}") || p.startsWith("@") || p.startsWith("$") ? p : "invalid";
    }

    /** A chain policy: accept or drop (any case); anything else is {@code "invalid"}. */
    static String policy(String p) {
        String l = p.toLowerCase(java.util.Locale.ROOT);
        return l.equals("accept") || l.equals("drop") ? l : "invalid";
    }
}
