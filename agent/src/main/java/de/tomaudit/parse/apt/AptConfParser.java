package de.tomaudit.parse.apt;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Parses apt.conf(5) syntax: {@code Name "value";}, nested scopes {@code Name { … };},
 * {@code ::}-joined names, list elements (a bare {@code "value";} inside a scope, or a name
 * ending in {@code ::}), {@code //}, {@code /* *}{@code /} and {@code #} comments, and the
 * {@code #clear} directive. {@code #include} is deprecated and not followed. Only parses:
 * merging files is {@link AptConfig}'s job.
 */
public final class AptConfParser {

    private enum T { WORD, STRING, OPEN, CLOSE, SEMI, CLEAR, INCLUDE, END }

    private record Token(T type, String text, int line) { }

    private final String path;
    private final List<AptConfProblem> problems = new ArrayList<>();
    private final List<AptConfOp> ops = new ArrayList<>();
    private List<Token> tokens;
    private int pos;

    private AptConfParser(String path) {
        this.path = path;
    }

    public static AptConfFile parse(String path, String text) {
        AptConfParser p = new AptConfParser(path);
        p.tokens = p.tokenize(text);
        p.statements();
        return new AptConfFile(path, p.ops, p.problems);
    }

    private List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int line = 1;
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                i = endOfLine(s, i);
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                int stop = end < 0 ? n : end + 2;
                if (end < 0) {
                    problems.add(new AptConfProblem(path, line, "unterminated /* comment"));
                }
                for (int k = i; k < stop; k++) {
                    if (s.charAt(k) == '\n') {
                        line++;
                    }
                }
                i = stop;
            } else if (c == '#') {
                if (s.startsWith("#clear", i)) {
                    out.add(new Token(T.CLEAR, "#clear", line));
                    i += 6;
                } else if (s.startsWith("#include", i)) {
                    out.add(new Token(T.INCLUDE, "#include", line));
                    i += 8;
                } else {
                    i = endOfLine(s, i);
                }
            } else if (c == '"') {
                int end = i + 1;
                while (end < n && s.charAt(end) != '"' && s.charAt(end) != '\n') {
                    end++;
                }
                if (end >= n || s.charAt(end) != '"') {
                    problems.add(new AptConfProblem(path, line, de.tomaudit.i18n.AuditTexts.get("parse.apt.quote")));
                    out.add(new Token(T.STRING, s.substring(i + 1, end), line));
                    i = end;
                } else {
                    out.add(new Token(T.STRING, s.substring(i + 1, end), line));
                    i = end + 1;
                }
            } else if (c == '{') {
                out.add(new Token(T.OPEN, "{", line));
                i++;
            } else if (c == '}') {
                out.add(new Token(T.CLOSE, "}", line));
                i++;
            } else if (c == ';') {
                out.add(new Token(T.SEMI, ";", line));
                i++;
            } else {
                int end = i;
                while (end < n && !isWordEnd(s, end)) {
                    end++;
                }
                out.add(new Token(T.WORD, s.substring(i, end), line));
                i = end;
            }
        }
        out.add(new Token(T.END, "", line));
        return out;
    }

    private static int endOfLine(String s, int i) {
        int nl = s.indexOf('\n', i);
        return nl < 0 ? s.length() : nl;
    }

    private static boolean isWordEnd(String s, int i) {
        char c = s.charAt(i);
        return Character.isWhitespace(c) || c == '{' || c == '}' || c == ';' || c == '"' || c == '#'
                || (c == '/' && i + 1 < s.length() && (s.charAt(i + 1) == '/' || s.charAt(i + 1) == '*'));
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.type() != T.END) {
            pos++;
        }
        return t;
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private void statements() {
        Deque<String> scope = new ArrayDeque<>();
        while (problems.isEmpty()) {
            Token t = next();
            switch (t.type()) {
                case END -> {
                    if (!scope.isEmpty()) {
                        problems.add(new AptConfProblem(path, t.line(), de.tomaudit.i18n.AuditTexts.get("parse.apt.scope", String.join("::", scope))));
                    }
                    return;
                }
                case SEMI -> { }
                case CLOSE -> {
                    if (scope.isEmpty()) {
                        problems.add(new AptConfProblem(path, t.line(), "'}' without a matching '{'"));
                        return;
                    }
                    scope.removeLast();
                    if (peek().type() == T.SEMI) {
                        next();
                    }
                }
                case STRING -> listElement(scope, t);
                case WORD -> named(scope, t);
                case CLEAR -> clear(scope, t);
                case INCLUDE -> include(t);
                default -> {
                    problems.add(new AptConfProblem(path, t.line(), "unexpected " + (t.text().length() == 1 && "{};".contains(t.text()) ? "'" + t.text() + "'" : "word")));
                    return;
                }
            }
        }
    }

    private void listElement(Deque<String> scope, Token t) {
        if (scope.isEmpty()) {
            problems.add(new AptConfProblem(path, t.line(), de.tomaudit.i18n.AuditTexts.get("parse.apt.no-name")));
            return;
        }
        ops.add(new AptConfOp(AptConfOp.Kind.APPEND, String.join("::", scope), t.text(), path, t.line()));
        endOfStatement(t, true);
    }

    private void named(Deque<String> scope, Token nameToken) {
        String name = fullName(scope, nameToken.text());
        Token t = next();
        switch (t.type()) {
            case STRING, WORD -> {
                emit(name, t.text(), nameToken.line());
                if (peek().type() == T.OPEN) {
                    next();
                    push(scope, nameToken.text());
                } else {
                    endOfStatement(nameToken, false);
                }
            }
            case OPEN -> push(scope, nameToken.text());
            case SEMI -> emit(name, "", nameToken.line());
            default -> problems.add(new AptConfProblem(path, t.line(),
                    de.tomaudit.i18n.AuditTexts.get("parse.apt.expected-value", "")));
        }
    }

    private static void push(Deque<String> scope, String name) {
        String n = name.endsWith("::") ? name.substring(0, name.length() - 2) : name;
        scope.addLast(n);
    }

    private void emit(String name, String value, int line) {
        if (name.endsWith("::")) {
            ops.add(new AptConfOp(AptConfOp.Kind.APPEND, name.substring(0, name.length() - 2), value, path, line));
        } else {
            ops.add(new AptConfOp(AptConfOp.Kind.SET, name, value, path, line));
        }
    }

    private void clear(Deque<String> scope, Token t) {
        Token name = next();
        if (name.type() != T.WORD) {
            problems.add(new AptConfProblem(path, t.line(), de.tomaudit.i18n.AuditTexts.get("parse.apt.clear")));
            return;
        }
        for (String part : name.text().split("\\s+")) {
            ops.add(new AptConfOp(AptConfOp.Kind.CLEAR, fullName(scope, part.replaceAll("::$", "")), "", path, t.line()));
        }
        endOfStatement(t, false);
    }

    private void include(Token t) {
        Token arg = next();
        if (arg.type() != T.STRING && arg.type() != T.WORD) {
            problems.add(new AptConfProblem(path, t.line(), de.tomaudit.i18n.AuditTexts.get("parse.apt.include")));
            return;
        }
        endOfStatement(t, false);
    }

    /** A statement ends with ';'; a list element may also end right before '}'. */
    private void endOfStatement(Token start, boolean closeAllowed) {
        Token t = peek();
        if (t.type() == T.SEMI) {
            next();
        } else if (!(closeAllowed && t.type() == T.CLOSE)) {
            problems.add(new AptConfProblem(path, start.line(), "missing ';'"));
        }
    }

    private static String fullName(Deque<String> scope, String name) {
        if (scope.isEmpty()) {
            return name;
        }
        return String.join("::", scope) + "::" + name;
    }
}
