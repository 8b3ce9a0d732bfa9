package de.tomaudit.parse.redis;

import java.util.ArrayList;
import java.util.List;

/** Splits a line into arguments the way Redis's {@code sdssplitargs} does. */
final class RedisArgs {

    private RedisArgs() { }

    /** The words of a non-empty line; unbalanced quotes throw with a message (no line content). */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return out;
            }
            StringBuilder sb = new StringBuilder();
            char c = line.charAt(i);
            if (c == '"') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char d = line.charAt(i);
                    if (d == '\\' && i + 3 < n && line.charAt(i + 1) == 'x' && hex(line.charAt(i + 2)) >= 0
                            && hex(line.charAt(i + 3)) >= 0) {
                        sb.append((char) (hex(line.charAt(i + 2)) * 16 + hex(line.charAt(i + 3))));
                        i += 4;
                    } else if (d == '\\' && i + 1 < n) {
                        char e = line.charAt(i + 1);
                        sb.append(switch (e) {
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            case 't' -> '\t';
                            case 'b' -> '\b';
                            case 'a' -> (char) 7;
                            default -> e;
                        });
                        i += 2;
                    } else if (d == '"') {
                        closed = true;
                        i++;
                        break;
                    } else {
                        sb.append(d);
                        i++;
                    }
                }
                if (!closed || (i < n && !Character.isWhitespace(line.charAt(i)))) {
                    throw new IllegalArgumentException("unbalanced quotes in configuration line");
                }
            } else if (c == '\'') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char d = line.charAt(i);
                    if (d == '\\' && i + 1 < n && line.charAt(i + 1) == '\'') {
                        sb.append('\'');
                        i += 2;
                    } else if (d == '\'') {
                        closed = true;
                        i++;
                        break;
                    } else {
                        sb.append(d);
                        i++;
                    }
                }
                if (!closed || (i < n && !Character.isWhitespace(line.charAt(i)))) {
                    throw new IllegalArgumentException("unbalanced quotes in configuration line");
                }
            } else {
                while (i < n && !Character.isWhitespace(line.charAt(i))) {
                    sb.append(line.charAt(i));
                    i++;
                }
            }
            out.add(sb.toString());
        }
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
