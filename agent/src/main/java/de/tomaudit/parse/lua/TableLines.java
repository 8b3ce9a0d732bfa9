package de.tomaudit.parse.lua;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@link ValueLayout} of an option from the configuration's text: a small Lua tokenizer
 * (strings, long strings, comments, numbers, names, punctuation) over the statement that set it,
 * and a reader of table constructors that notes the line of every field and entry and which values
 * are not literals. It never runs anything and is bounded: it stops after {@link #MAX_TOKENS}
 * tokens or {@link #MAX_DEPTH} nested tables, and whatever it cannot read is "computed".
 */
final class TableLines {
    static final int MAX_TOKENS = 200_000;
    static final int MAX_DEPTH = 32;
    private static final Set<String> LITERALS = Set.of("true", "false", "nil");
    /** Tokens after a literal that make it part of a larger expression. */
    private static final Set<String> CONTINUES = Set.of("..", "+", "-", "*", "/", "//", "%", "^", "==", "~=", "<", ">",
            "<=", ">=", "and", "or", "(", "[", ".", ":", "{");

    private final List<Token> tokens;
    private int pos;
    private final Map<List<String>, Integer> lines = new HashMap<>();
    private final Set<List<String>> computed = new HashSet<>();

    private TableLines(List<Token> tokens, int line) {
        this.tokens = tokens;
        int lo = 0;
        int hi = tokens.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (tokens.get(mid).line < line) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        this.pos = lo;
    }

    /**
     * The layout of {@code name = <expression>} (or {@code name { … }}, {@code name:append{ … }})
     * starting on 1-based {@code line}; {@link ValueLayout#UNKNOWN} if no such statement starts there.
     */
    static ValueLayout ofStatement(List<Token> tokens, int line, String name) {
        TableLines t = new TableLines(tokens, line);
        Token first = t.peek(0);
        int i = 0;
        while (first.line == line && first.kind != Kind.EOF && !(first.kind == Kind.NAME && first.text.equals(name))) {
            first = t.peek(++i);
        }
        if (first.line != line || first.kind == Kind.EOF) {
            return ValueLayout.UNKNOWN;
        }
        t.pos += i + 1;
        Token op = t.peek(0);
        if (op.is("=")) {
            t.pos++;
        } else if (op.is(":") && t.peek(1).kind == Kind.NAME && t.peek(1).text.equals("append")) {
            t.pos += 2;
            if (t.peek(0).is("(")) {
                t.pos++;
            }
        } else if (op.is("(")) {
            t.pos++;
        } else if (!op.is("{")) {
            return ValueLayout.UNKNOWN;
        }
        return t.read();
    }

    /** The layout of the first table constructor at or after 1-based {@code line} (a VirtualHost's options). */
    static ValueLayout ofTableFrom(List<Token> tokens, int line) {
        TableLines t = new TableLines(tokens, line);
        while (!t.peek(0).is("{") && t.peek(0).kind != Kind.EOF && t.peek(0).line == line) {
            t.pos++;
        }
        return t.peek(0).is("{") ? t.read() : ValueLayout.UNKNOWN;
    }

    private ValueLayout read() {
        try {
            value(List.of(), 0, true);
        } catch (Unreadable e) {
            return ValueLayout.UNKNOWN;
        }
        return new ValueLayout(lines, computed);
    }

    /** One value at {@code path}; {@code top}: a statement's value (ends where a literal ends). */
    private void value(List<String> path, int depth, boolean top) {
        Token t = next();
        if (t.is("{")) {
            if (depth >= MAX_DEPTH) {
                throw new Unreadable();
            }
            constructor(path, depth + 1);
            if (continues(peek(0))) {
                computed.add(path);
                skipExpression(top);
            }
            return;
        }
        boolean literal = t.kind == Kind.STRING || t.kind == Kind.NUMBER
                || (t.kind == Kind.NAME && LITERALS.contains(t.text))
                || (t.is("-") && peek(0).kind == Kind.NUMBER && next() != null);
        if (!literal || continues(peek(0))) {
            computed.add(path);
            skipExpression(top);
        }
    }

    private static boolean continues(Token t) {
        return t.kind == Kind.STRING || CONTINUES.contains(t.text) && t.kind != Kind.EOF;
    }

    /** After {@code {}: fields {@code k = v}, {@code ["k"] = v} and entries, up to the closing brace. */
    private void constructor(List<String> path, int depth) {
        int index = 0;
        while (true) {
            Token t = peek(0);
            if (t.kind == Kind.EOF) {
                throw new Unreadable();
            }
            if (t.is("}")) {
                pos++;
                return;
            }
            if (t.kind == Kind.NAME && peek(1).is("=")) {
                pos += 2;
                List<String> p = child(path, t.text);
                lines.put(p, t.line);
                value(p, depth, false);
            } else if (t.is("[")) {
                Token key = peek(1);
                if ((key.kind == Kind.STRING || key.kind == Kind.NUMBER) && peek(2).is("]") && peek(3).is("=")) {
                    pos += 4;
                    List<String> p = child(path, key.text);
                    lines.put(p, t.line);
                    value(p, depth, false);
                } else {
                    computed.add(child(path, "[]"));
                    skipExpression(false);
                }
            } else {
                index++;
                List<String> p = child(path, "#" + index);
                lines.put(p, t.line);
                value(p, depth, false);
                if (t.kind == Kind.STRING && !computed.contains(p)) {
                    lines.putIfAbsent(child(path, "=" + t.text), t.line);
                }
            }
            Token sep = peek(0);
            if (sep.is(",") || sep.is(";")) {
                pos++;
            } else if (!sep.is("}")) {
                throw new Unreadable();
            }
        }
    }

    /**
     * Skips the rest of an expression: inside a constructor up to the next separator or closing
     * brace at its level; at the top of a statement nothing more needs reading.
     */
    private void skipExpression(boolean top) {
        if (top) {
            return;
        }
        int level = 0;
        while (true) {
            Token t = peek(0);
            if (t.kind == Kind.EOF) {
                throw new Unreadable();
            }
            if (level == 0 && (t.is(",") || t.is(";") || t.is("}"))) {
                return;
            }
            if (t.is("{") || t.is("(") || t.is("[")) {
                level++;
            } else if (t.is("}") || t.is(")") || t.is("]")) {
                level--;
            }
            pos++;
        }
    }

    private static List<String> child(List<String> path, String key) {
        List<String> p = new ArrayList<>(path.size() + 1);
        p.addAll(path);
        p.add(key);
        return List.copyOf(p);
    }

    private Token next() {
        Token t = peek(0);
        if (t.kind == Kind.EOF) {
            throw new Unreadable();
        }
        pos++;
        return t;
    }

    private Token peek(int ahead) {
        int i = pos + ahead;
        return i < tokens.size() ? tokens.get(i) : tokens.get(tokens.size() - 1);
    }

    // ---------------------------------------------------------------- tokenizer

    enum Kind { NAME, STRING, NUMBER, PUNCT, EOF }

    record Token(Kind kind, String text, int line) {
        boolean is(String punct) {
            return kind == Kind.PUNCT && text.equals(punct);
        }
    }

    /** Tokens of a file's text, at most {@link #MAX_TOKENS} (the rest is unknown), then EOF. */
    static List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int line = 1;
        int i = 0;
        while (i < s.length() && out.size() < MAX_TOKENS) {
            char c = s.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (s.startsWith("--", i)) {
                int level = longBracket(s, i + 2);
                if (level >= 0) {
                    int end = closeLong(s, i + 2, level);
                    line += count(s, i, end);
                    i = end;
                } else {
                    while (i < s.length() && s.charAt(i) != '\n') {
                        i++;
                    }
                }
            } else if (c == '"' || c == '\'') {
                StringBuilder v = new StringBuilder();
                int start = line;
                i++;
                while (i < s.length() && s.charAt(i) != c && s.charAt(i) != '\n') {
                    if (s.charAt(i) == '\\' && i + 1 < s.length()) {
                        if (s.charAt(i + 1) == '\n') {
                            line++;
                        }
                        v.append(s.charAt(i + 1));
                        i += 2;
                    } else {
                        v.append(s.charAt(i++));
                    }
                }
                i++;
                out.add(new Token(Kind.STRING, v.toString(), start));
            } else if (c == '[' && longBracket(s, i) >= 0) {
                int level = longBracket(s, i);
                int end = closeLong(s, i, level);
                int open = i + level + 2;
                String v = s.substring(Math.min(open, end), Math.max(open, end - level - 2));
                out.add(new Token(Kind.STRING, v.startsWith("\n") ? v.substring(1) : v, line));
                line += count(s, i, end);
                i = end;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                int j = i;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '.'
                        || ((s.charAt(j) == '-' || s.charAt(j) == '+') && "eEpP".indexOf(s.charAt(j - 1)) >= 0))) {
                    j++;
                }
                out.add(new Token(Kind.NUMBER, s.substring(i, j), line));
                i = j;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                    j++;
                }
                String w = s.substring(i, j);
                out.add(new Token(w.equals("and") || w.equals("or") ? Kind.PUNCT : Kind.NAME, w, line));
                i = j;
            } else {
                String p = punct(s, i);
                out.add(new Token(Kind.PUNCT, p, line));
                i += p.length();
            }
        }
        out.add(new Token(Kind.EOF, "", i < s.length() ? Integer.MAX_VALUE : line));
        return out;
    }

    private static String punct(String s, int i) {
        for (String p : List.of("...", "..", "==", "~=", "<=", ">=", "//", "::")) {
            if (s.startsWith(p, i)) {
                return p;
            }
        }
        return String.valueOf(s.charAt(i));
    }

    /** The level of a long bracket {@code [==[} opening at i, or -1. */
    private static int longBracket(String s, int i) {
        if (i >= s.length() || s.charAt(i) != '[') {
            return -1;
        }
        int j = i + 1;
        while (j < s.length() && s.charAt(j) == '=') {
            j++;
        }
        return j < s.length() && s.charAt(j) == '[' ? j - i - 1 : -1;
    }

    /** The index after the long bracket closing the one opening at i (or the end of the text). */
    private static int closeLong(String s, int i, int level) {
        String close = "]" + "=".repeat(level) + "]";
        int end = s.indexOf(close, i + level + 2);
        return end < 0 ? s.length() : end + close.length();
    }

    private static int count(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    /** The text cannot be read as this reader expects: nothing is known. */
    private static final class Unreadable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unreadable() {
            super(null, null, false, false);
        }
    }
}
