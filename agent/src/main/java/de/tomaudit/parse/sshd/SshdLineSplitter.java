package de.tomaudit.parse.sshd;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits one sshd_config line the way sshd does: the keyword ends at white space, a quote or one
 * {@code =}; the arguments are split at white space, double or single quotes group words, a
 * backslash escapes a quote, a backslash or (outside quotes) a space, and a {@code #} at the start
 * of an argument ends the line.
 */
public final class SshdLineSplitter {

    /** A keyword as written and its arguments. */
    public record Split(String keyword, List<String> args) {
        public Split {
            args = List.copyOf(args);
        }
    }

    private SshdLineSplitter() { }

    /** The keyword and arguments, or empty for a blank or comment line. */
    public static Optional<Split> split(String line) throws SshdSyntaxException {
        String s = strip(line);
        if (s.isEmpty() || s.charAt(0) == '#') {
            return Optional.empty();
        }
        int end = 0;
        while (end < s.length() && " \t\r\n\"=".indexOf(s.charAt(end)) < 0) {
            end++;
        }
        String keyword = s.substring(0, end);
        if (keyword.isEmpty()) {
            throw new SshdSyntaxException("no keyword before '" + s.charAt(0) + "'");
        }
        int i = skipWhite(s, end);
        if (i < s.length() && s.charAt(i) == '=') {
            i = skipWhite(s, i + 1);
        }
        return Optional.of(new Split(keyword, arguments(s.substring(i))));
    }

    /** Splits an argument string (argv_split with comments ending the line). */
    public static List<String> arguments(String s) throws SshdSyntaxException {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
                continue;
            }
            if (c == '#') {
                break;
            }
            StringBuilder arg = new StringBuilder();
            char quote = 0;
            for (; i < n; i++) {
                char ch = s.charAt(i);
                if (ch == '\\' && i + 1 < n) {
                    char next = s.charAt(i + 1);
                    if (next == '\'' || next == '"' || next == '\\' || (quote == 0 && next == ' ')) {
                        arg.append(next);
                        i++;
                    } else {
                        arg.append(ch);
                    }
                } else if (quote == 0 && (ch == ' ' || ch == '\t')) {
                    break;
                } else if (quote == 0 && (ch == '"' || ch == '\'')) {
                    quote = ch;
                } else if (quote != 0 && ch == quote) {
                    quote = 0;
                } else {
                    arg.append(ch);
                }
            }
            if (quote != 0) {
                throw new SshdSyntaxException("unterminated quote");
            }
            out.add(arg.toString());
        }
        return out;
    }

    private static String strip(String line) {
        int start = 0;
        int end = line.length();
        while (start < end && " \t\r\n\f".indexOf(line.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && " \t\r\n\f".indexOf(line.charAt(end - 1)) >= 0) {
            end--;
        }
        return line.substring(start, end);
    }

    private static int skipWhite(String s, int i) {
        while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }
}
