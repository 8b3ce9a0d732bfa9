package de.tomaudit.rules;

import java.util.ArrayList;
import java.util.List;

/** Splits a condition's text at its top-level {@code &&} (outside brackets and string literals). */
final class ConditionParts {

    private ConditionParts() { }

    static List<String> conjuncts(String text) {
        List<String> out = split(text, "&&");
        out.removeIf(String::isEmpty);
        return out;
    }

    /** The text split at its top-level commas (outside brackets and string literals), each part stripped. */
    static List<String> arguments(String text) {
        return split(text, ",");
    }

    /** The text split at each top-level {@code separator} (outside brackets and string literals), each part stripped. */
    private static List<String> split(String text, String separator) {
        List<String> out = new ArrayList<>();
        int[] depth = depths(text, 0);
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (depth[i] == 0 && text.startsWith(separator, i)) {
                out.add(text.substring(start, i).strip());
                start = i + separator.length();
                i += separator.length() - 1;
            }
        }
        out.add(text.substring(start).strip());
        return out;
    }

    /**
     * The index of the bracket closing the one at {@code open}, or -1 (brackets inside string
     * literals do not count).
     */
    static int closing(String text, int open) {
        int[] depth = depths(text, open);
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (depth[i] == 1 && (c == ')' || c == ']' || c == '}')) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The bracket depth before each character from {@code from} on (counted from there), and -1 for
     * the characters of a string literal, its quotes included: the one scan both splitting and bracket
     * matching read.
     */
    private static int[] depths(String text, int from) {
        int[] out = new int[text.length()];
        int depth = 0;
        char quote = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                out[i] = -1;
                if (c == '\\' && i + 1 < text.length()) {
                    out[++i] = -1;
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            out[i] = depth;
            switch (c) {
                case '\'', '"' -> {
                    quote = c;
                    out[i] = -1;
                }
                case '(', '[', '{' -> depth++;
                case ')', ']', '}' -> depth--;
                default -> { }
            }
        }
        return out;
    }

    /** The text without brackets around all of it: {@code ((a && b))} is {@code a && b}. */
    static String unwrapped(String text) {
        String t = text.strip();
        while (t.startsWith("(") && closing(t, 0) == t.length() - 1) {
            t = t.substring(1, t.length() - 1).strip();
        }
        return t;
    }
}
