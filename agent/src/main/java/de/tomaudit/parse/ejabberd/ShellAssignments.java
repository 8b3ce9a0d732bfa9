package de.tomaudit.parse.ejabberd;

import de.tomaudit.i18n.AuditTexts;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The variable assignments of a file that a shell sources ({@code ejabberdctl.cfg}, {@code /etc/default/ejabberd}):
 * {@code NAME=value} and {@code export NAME=value}, with single and double quotes, backslashes, line
 * continuations, comments, and {@code $NAME}/{@code ${NAME}} taken from earlier assignments or the given
 * predefined variables. Command substitution and unknown variables make a value inexact; any other command
 * is reported and ignored (the shell would run it). The last assignment of a name wins, as in the shell.
 */
public final class ShellAssignments {

    /** One assignment; {@code exact} is false when part of the value could not be known from the file. */
    public record Assignment(String name, String value, Loc loc, boolean exact) { }

    private final Map<String, Assignment> values;
    private final List<ConfigProblem> problems;

    private ShellAssignments(Map<String, Assignment> values, List<ConfigProblem> problems) {
        this.values = Collections.unmodifiableMap(values);
        this.problems = List.copyOf(problems);
    }

    public Optional<Assignment> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** The value when assigned and not empty. */
    public Optional<Assignment> nonEmpty(String name) {
        return get(name).filter(a -> !a.value().isEmpty());
    }

    public Map<String, Assignment> all() {
        return values;
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    public static ShellAssignments parse(String file, String text, Map<String, String> predefined) {
        return new Reader(file, text, predefined).run();
    }

    private static final class Reader {
        private final String file;
        private final String s;
        private final Map<String, String> predefined;
        private final Map<String, Assignment> values = new LinkedHashMap<>();
        private final List<ConfigProblem> problems = new ArrayList<>();
        private int pos;
        private int line = 1;

        Reader(String file, String text, Map<String, String> predefined) {
            this.file = file;
            this.s = text;
            this.predefined = predefined;
        }

        /** A word of a command: its text after quote removal, where it started, whether it was exact. */
        private record Word(String text, int line, boolean exact, boolean quotedName) { }

        ShellAssignments run() {
            while (pos < s.length()) {
                List<Word> words = new ArrayList<>();
                int commandLine = line;
                String end = command(words);
                if (!words.isEmpty()) {
                    apply(words, commandLine);
                }
                if (end.equals("other")) {
                    problems.add(new ConfigProblem(new Loc(file, line), AuditTexts.get("parse.shell.control-operator"), false));
                    skipLine();
                }
            }
            return new ShellAssignments(values, problems);
        }

        /** Reads words up to the end of the command; returns "eol", ";" or "other" (|, &, parentheses...). */
        private String command(List<Word> words) {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '\n') {
                    pos++;
                    line++;
                    return "eol";
                }
                if (c == ' ' || c == '\t' || c == '\r') {
                    pos++;
                    continue;
                }
                if (c == '\\' && pos + 1 < s.length() && s.charAt(pos + 1) == '\n') {
                    pos += 2;
                    line++;
                    continue;
                }
                if (c == '#') {
                    skipLine();
                    return "eol";
                }
                if (c == ';') {
                    pos++;
                    return ";";
                }
                if (c == '|' || c == '&' || c == '(' || c == ')' || c == '<' || c == '>') {
                    return "other";
                }
                words.add(word());
            }
            return "eol";
        }

        private void skipLine() {
            while (pos < s.length() && s.charAt(pos) != '\n') {
                pos++;
            }
        }

        private Word word() {
            int startLine = line;
            StringBuilder b = new StringBuilder();
            boolean exact = true;
            boolean quotedBeforeEquals = false;
            boolean sawEquals = false;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ';' || c == '|' || c == '&'
                        || c == '(' || c == ')' || c == '<' || c == '>') {
                    break;
                }
                if (c == '=') {
                    sawEquals = true;
                }
                if (c == '\'') {
                    quotedBeforeEquals |= !sawEquals;
                    int close = s.indexOf('\'', pos + 1);
                    if (close < 0) {
                        problems.add(new ConfigProblem(new Loc(file, line), AuditTexts.get("parse.shell.single-quote"), false));
                        close = s.length();
                    }
                    String part = s.substring(pos + 1, close);
                    line += count(part);
                    b.append(part);
                    pos = Math.min(close + 1, s.length());
                } else if (c == '"') {
                    quotedBeforeEquals |= !sawEquals;
                    pos++;
                    exact &= doubleQuoted(b);
                } else if (c == '\\') {
                    if (pos + 1 < s.length()) {
                        char n = s.charAt(pos + 1);
                        if (n == '\n') {
                            line++;
                        } else {
                            b.append(n);
                        }
                        pos += 2;
                    } else {
                        pos++;
                    }
                } else if (c == '$') {
                    exact &= dollar(b);
                } else if (c == '`') {
                    exact = false;
                    int close = s.indexOf('`', pos + 1);
                    problems.add(new ConfigProblem(new Loc(file, line), AuditTexts.get("parse.shell.command-substitution"), false));
                    String part = close < 0 ? s.substring(pos) : s.substring(pos, close + 1);
                    line += count(part);
                    pos = close < 0 ? s.length() : close + 1;
                } else {
                    b.append(c);
                    pos++;
                }
            }
            return new Word(b.toString(), startLine, exact, quotedBeforeEquals);
        }

        /** Inside "...": backslash escapes only $ ` " \ and newline; $ expands. */
        private boolean doubleQuoted(StringBuilder b) {
            boolean exact = true;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '"') {
                    pos++;
                    return exact;
                }
                if (c == '\n') {
                    line++;
                }
                if (c == '\\' && pos + 1 < s.length() && "$`\"\\\n".indexOf(s.charAt(pos + 1)) >= 0) {
                    char n = s.charAt(pos + 1);
                    if (n == '\n') {
                        line++;
                    } else {
                        b.append(n);
                    }
                    pos += 2;
                } else if (c == '$') {
                    exact &= dollar(b);
                } else if (c == '`') {
                    exact = false;
                    int close = s.indexOf('`', pos + 1);
                    pos = close < 0 ? s.length() : close + 1;
                } else {
                    b.append(c);
                    pos++;
                }
            }
            problems.add(new ConfigProblem(new Loc(file, line), AuditTexts.get("parse.shell.double-quote"), false));
            return false;
        }

        /** $NAME, ${NAME}, ${NAME:-x}-like forms and $( ... ); returns whether the value is known. */
        private boolean dollar(StringBuilder b) {
            int start = pos;
            pos++;
            if (pos >= s.length()) {
                b.append('$');
                return true;
            }
            char c = s.charAt(pos);
            if (c == '(') {
                int depth = 0;
                while (pos < s.length()) {
                    char x = s.charAt(pos);
                    if (x == '(') {
                        depth++;
                    } else if (x == ')' && --depth == 0) {
                        pos++;
                        break;
                    } else if (x == '\n') {
                        line++;
                    }
                    pos++;
                }
                problems.add(new ConfigProblem(new Loc(file, line), AuditTexts.get("parse.shell.command-substitution"), false));
                return false;
            }
            String name;
            boolean braced = c == '{';
            if (braced) {
                int close = s.indexOf('}', pos);
                if (close < 0) {
                    pos = s.length();
                    return false;
                }
                String inner = s.substring(pos + 1, close);
                pos = close + 1;
                if (!inner.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    problems.add(new ConfigProblem(new Loc(file, line), AuditTexts.get("parse.shell.parameter-expansion", ""), false));
                    return false;
                }
                name = inner;
            } else {
                int end = pos;
                while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_')) {
                    end++;
                }
                if (end == pos) {
                    b.append('$');
                    return true;
                }
                name = s.substring(pos, end);
                pos = end;
            }
            if (values.containsKey(name)) {
                b.append(values.get(name).value());
                return values.get(name).exact();
            }
            if (predefined.containsKey(name)) {
                b.append(predefined.get(name));
                return true;
            }
            return false;
        }

        private void apply(List<Word> words, int commandLine) {
            int i = 0;
            if (words.get(0).text().equals("export") || words.get(0).text().equals("readonly")) {
                i = 1;
            }
            boolean allAssignments = i < words.size() || i == 1;
            for (int k = i; k < words.size(); k++) {
                Word w = words.get(k);
                int eq = w.text().indexOf('=');
                boolean assignment = eq > 0 && !w.quotedName() && w.text().substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_]*");
                if (!assignment && !(i == 1 && w.text().matches("[A-Za-z_][A-Za-z0-9_]*"))) {
                    allAssignments = false;
                    break;
                }
            }
            if (!allAssignments) {
                problems.add(new ConfigProblem(new Loc(file, commandLine), AuditTexts.get("parse.shell.command"), false));
                return;
            }
            for (int k = i; k < words.size(); k++) {
                Word w = words.get(k);
                int eq = w.text().indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String name = w.text().substring(0, eq);
                values.put(name, new Assignment(name, w.text().substring(eq + 1), new Loc(file, w.line()), w.exact()));
            }
        }

        private static int count(String part) {
            int n = 0;
            for (int i = 0; i < part.length(); i++) {
                if (part.charAt(i) == '\n') {
                    n++;
                }
            }
            return n;
        }

    }
}
