package de.tomaudit.parse.cron;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits the POSIX shell text that cron and systemd hand to a shell into pipelines of simple
 * commands: quotes, backslashes, {@code $VAR} / {@code ${VAR}} / {@code ${VAR:-default}}
 * substitution from known variables (unknown ones stay as written), {@code $(…)} and
 * backquotes kept as one word, redirections, {@code | ; && || &} and newlines, {@code #}
 * comments, backslash-newline continuation. It never executes or expands anything else.
 */
public final class ShellCommandParser {

    private static final Pattern ASSIGNMENT = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*=.*", Pattern.DOTALL);
    private static final Set<String> SEPARATORS = Set.of(";", "&&", "||", "&", "\n", "(", ")");

    private record Token(String text, boolean operator, int line) { }

    private final String s;
    private final Map<String, String> vars;
    private final List<Token> tokens = new ArrayList<>();
    private int i;
    private int line = 1;

    private ShellCommandParser(String text, Map<String, String> vars) {
        this.s = text;
        this.vars = vars;
    }

    public static List<ShellPipeline> parse(String text, Map<String, String> vars) {
        return parse(text, vars, 1);
    }

    /** As {@link #parse(String, Map)}, numbering lines from {@code firstLine}. */
    public static List<ShellPipeline> parse(String text, Map<String, String> vars, int firstLine) {
        ShellCommandParser p = new ShellCommandParser(text, vars);
        p.line = firstLine;
        p.tokenize();
        return p.group();
    }

    private void tokenize() {
        StringBuilder word = null;
        int wordLine = line;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                i += 2;
                line++;
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\r') {
                word = flush(word, wordLine);
                i++;
                continue;
            }
            if (c == '\n') {
                word = flush(word, wordLine);
                tokens.add(new Token("\n", true, line));
                line++;
                i++;
                continue;
            }
            if (c == '#' && word == null) {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            String op = operatorAt(word);
            if (op != null) {
                if (word != null && Character.isDigit(op.charAt(0))) {
                    word = null;
                }
                word = flush(word, wordLine);
                tokens.add(new Token(op, true, line));
                i += op.length();
                continue;
            }
            if (word == null) {
                word = new StringBuilder();
                wordLine = line;
            }
            if (c == '\'') {
                int end = s.indexOf('\'', i + 1);
                end = end < 0 ? s.length() : end;
                String lit = s.substring(i + 1, end);
                line += count(lit, '\n');
                word.append(lit);
                i = Math.min(end + 1, s.length());
            } else if (c == '"') {
                i++;
                doubleQuoted(word);
            } else if (c == '\\' && i + 1 < s.length()) {
                word.append(s.charAt(i + 1));
                i += 2;
            } else if (c == '$') {
                dollar(word);
            } else if (c == '`') {
                int end = s.indexOf('`', i + 1);
                end = end < 0 ? s.length() - 1 : end;
                word.append(s, i, end + 1);
                i = end + 1;
            } else {
                word.append(c);
                i++;
            }
        }
        flush(word, wordLine);
    }

    /** An operator starting here; a lone digit word before {@code >} belongs to it ({@code 2>}). */
    private String operatorAt(StringBuilder word) {
        char c = s.charAt(i);
        if (word != null && word.length() == 1 && Character.isDigit(word.charAt(0)) && c == '>') {
            String rest = s.startsWith(">>", i) ? ">>" : s.startsWith(">&", i) ? ">&" : ">";
            String op = word.charAt(0) + rest;
            i -= 1;
            return op;
        }
        for (String op : List.of("&>>", "&>", "&&", "||", "|&", ">>", ">&", ">|", "<<", "|", ";", "&", ">", "<", "(", ")")) {
            if (s.startsWith(op, i)) {
                return op;
            }
        }
        return null;
    }

    private void doubleQuoted(StringBuilder word) {
        while (i < s.length() && s.charAt(i) != '"') {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && "$`\"\\\n".indexOf(s.charAt(i + 1)) >= 0) {
                if (s.charAt(i + 1) != '\n') {
                    word.append(s.charAt(i + 1));
                } else {
                    line++;
                }
                i += 2;
            } else if (c == '$') {
                dollar(word);
            } else {
                if (c == '\n') {
                    line++;
                }
                word.append(c);
                i++;
            }
        }
        i++;
    }

    private void dollar(StringBuilder word) {
        if (s.startsWith("$(", i)) {
            int depth = 0;
            int j = i + 1;
            for (; j < s.length(); j++) {
                if (s.charAt(j) == '(') {
                    depth++;
                } else if (s.charAt(j) == ')' && --depth == 0) {
                    break;
                }
            }
            int end = Math.min(j + 1, s.length());
            word.append(s, i, end);
            i = end;
            return;
        }
        if (s.startsWith("${", i)) {
            int end = s.indexOf('}', i);
            if (end < 0) {
                word.append(s.substring(i));
                i = s.length();
                return;
            }
            String inner = s.substring(i + 2, end);
            int colon = inner.indexOf(":-");
            String name = colon >= 0 ? inner.substring(0, colon) : inner;
            String value = vars.get(name);
            if (value != null) {
                word.append(value);
            } else if (colon >= 0) {
                word.append(inner.substring(colon + 2));
            } else {
                word.append(s, i, end + 1);
            }
            i = end + 1;
            return;
        }
        int j = i + 1;
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
            j++;
        }
        String name = s.substring(i + 1, j);
        String value = name.isEmpty() ? null : vars.get(name);
        word.append(value != null ? value : s.substring(i, Math.max(j, i + 1)));
        i = Math.max(j, i + 1);
    }

    private StringBuilder flush(StringBuilder word, int wordLine) {
        if (word != null) {
            tokens.add(new Token(word.toString(), false, wordLine));
        }
        return null;
    }

    private static int count(String s, char c) {
        return (int) s.chars().filter(x -> x == c).count();
    }

    private List<ShellPipeline> group() {
        List<ShellPipeline> out = new ArrayList<>();
        List<ShellCommand> pipeline = new ArrayList<>();
        List<String> assignments = new ArrayList<>();
        List<String> argv = new ArrayList<>();
        List<ShellRedirect> redirects = new ArrayList<>();
        int start = -1;
        for (int k = 0; k < tokens.size(); k++) {
            Token t = tokens.get(k);
            if (start < 0 && !t.operator()) {
                start = t.line();
            }
            if (!t.operator()) {
                if (argv.isEmpty() && ASSIGNMENT.matcher(t.text()).matches()) {
                    assignments.add(t.text());
                } else {
                    argv.add(t.text());
                }
            } else if (t.text().equals("|") || t.text().equals("|&")) {
                addCommand(pipeline, assignments, argv, redirects);
                assignments = new ArrayList<>();
                argv = new ArrayList<>();
                redirects = new ArrayList<>();
            } else if (SEPARATORS.contains(t.text())) {
                addCommand(pipeline, assignments, argv, redirects);
                if (!pipeline.isEmpty()) {
                    out.add(new ShellPipeline(pipeline, start));
                }
                pipeline = new ArrayList<>();
                assignments = new ArrayList<>();
                argv = new ArrayList<>();
                redirects = new ArrayList<>();
                start = -1;
            } else {
                String target = "";
                if (k + 1 < tokens.size() && !tokens.get(k + 1).operator()) {
                    target = tokens.get(++k).text();
                }
                redirects.add(new ShellRedirect(t.text(), target));
            }
        }
        addCommand(pipeline, assignments, argv, redirects);
        if (!pipeline.isEmpty()) {
            out.add(new ShellPipeline(pipeline, Math.max(start, 1)));
        }
        return out;
    }

    private static void addCommand(List<ShellCommand> pipeline, List<String> assignments, List<String> argv,
                                   List<ShellRedirect> redirects) {
        if (!argv.isEmpty() || !assignments.isEmpty() || !redirects.isEmpty()) {
            pipeline.add(new ShellCommand(assignments, argv, redirects));
        }
    }
}
