package de.tomaudit.parse.env;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.facts.Secret;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Reads a {@code .env} file the way Ruby's dotenv 3 (Mastodon's Gemfile) does: optional
 * {@code export}, {@code KEY=value} or {@code KEY: value}, {@code #} comments on their own line or
 * after a value (an unquoted value ends at the first {@code #}), surrounding whitespace of
 * unquoted values stripped and their backslash escapes removed (except {@code \$}), a bare {@code KEY}
 * line setting the empty value (a bare {@code export KEY} only exports a key set before), single quotes literal, double quotes with {@code \n} and backslash
 * escapes, quoted values spanning lines, {@code $VAR} and {@code ${VAR}} references (not in single
 * quotes, {@code \$} escapes) resolved against assignments earlier in the file, and the last
 * assignment of a key winning. Command substitution {@code $(…)} is never run: the text stays
 * and a problem is recorded. Never throws on content; values of keys {@code secret} accepts
 * become {@link Secret}s before anything leaves this class.
 */
public final class DotenvParser {
    private final BiFunction<String, String, Object> reduce;

    /** Values of keys {@code secret} accepts become {@link Secret}s, the rest stay text. */
    public DotenvParser(Predicate<String> secret) {
        this((key, value) -> secret.test(key) ? Secret.of(value) : value);
    }

    /**
     * {@code reduce} turns each raw value into what may be kept: the text, a {@link Secret}, or a
     * redacted text (a URL without its password); it must return a String or a Secret.
     */
    public DotenvParser(BiFunction<String, String, Object> reduce) {
        this.reduce = reduce;
    }

    /** What may be kept of a value assigned elsewhere (a unit's Environment=): the same reduction as the file's. */
    public Object reduce(String key, String value) {
        return reduce.apply(key, value);
    }

    public DotenvFile parse(String path, String text) {
        Scanner s = new Scanner(text.replace("\r\n", "\n"));
        Map<String, String> raw = new HashMap<>();
        List<DotenvEntry> assignments = new ArrayList<>();
        Map<String, DotenvEntry> effective = new LinkedHashMap<>();
        List<DotenvProblem> problems = new ArrayList<>();
        while (!s.atEnd()) {
            s.skipBlanks();
            if (s.atEnd()) {
                break;
            }
            if (s.peek() == '\n') {
                s.next();
                continue;
            }
            if (s.peek() == '#') {
                s.skipLine();
                continue;
            }
            int line = s.line();
            boolean exported = false;
            if (s.startsWith("export") && s.isBlankAt(6)) {
                s.advance(6);
                s.skipBlanks();
                exported = true;
            }
            String key = s.key();
            if (key.isEmpty()) {
                s.restOfLine(); // skips the line; its text is not repeated (issue 13)
                problems.add(new DotenvProblem(line, AuditTexts.get("parse.dotenv.not-assignment")));
                continue;
            }
            s.skipBlanks();
            if (s.peek() == '=') {
                s.next();
            } else if (s.peek() == ':' && s.isBlankAt(1)) {
                s.next();
            } else {
                String rest = s.restOfLine().strip();
                if (!rest.isEmpty() && !rest.startsWith("#")) {
                    problems.add(new DotenvProblem(line, AuditTexts.get("parse.dotenv.not-assignment")));
                } else if (exported) {
                    // dotenv: "export KEY" only exports a key set before; otherwise it raises a FormatError
                    if (!raw.containsKey(key)) {
                        // the name is not repeated: a bare line may be a secret pasted on its own (issue 13)
                        problems.add(new DotenvProblem(line, AuditTexts.get("parse.dotenv.export")));
                    }
                } else {
                    // dotenv 3 reads a bare key as an assignment of the empty value (the last one wins)
                    problems.add(new DotenvProblem(line, AuditTexts.get("parse.dotenv.no-value", "")));
                    assign(key, "", line, false, DotenvEntry.Quote.NONE, raw, assignments, effective);
                }
                continue;
            }
            s.skipBlanks();
            String value;
            DotenvEntry.Quote quote = DotenvEntry.Quote.NONE;
            char c = s.peek();
            if ((c == '\'' || c == '"') && s.closingQuote(c) >= 0) {
                int end = s.closingQuote(c);
                String inner = s.text.substring(s.pos + 1, end);
                s.advanceTo(end + 1);
                String after = s.restOfLine().strip();
                if (!after.isEmpty() && !after.startsWith("#")) {
                    problems.add(new DotenvProblem(line, AuditTexts.get("parse.dotenv.after-quote", key)));
                }
                if (c == '\'') {
                    quote = DotenvEntry.Quote.SINGLE;
                    value = inner.replace("\\'", "'");
                } else {
                    quote = DotenvEntry.Quote.DOUBLE;
                    value = unescapeDouble(substitute(inner, raw, key, line, problems));
                }
            } else {
                if (c == '\'' || c == '"') {
                    problems.add(new DotenvProblem(line, AuditTexts.get("parse.dotenv.open-quote", key)));
                }
                String unquoted = s.untilCommentOrEol().strip();
                s.restOfLine();
                // dotenv unescapes first (a backslash before anything but $ is dropped), then substitutes
                value = substitute(unescapeUnquoted(unquoted), raw, key, line, problems).replace("\\$", "$");
            }
            assign(key, value, line, exported, quote, raw, assignments, effective);
        }
        return new DotenvFile(path, effective, assignments, problems);
    }

    private void assign(String key, String value, int line, boolean exported, DotenvEntry.Quote quote, Map<String, String> raw,
                        List<DotenvEntry> assignments, Map<String, DotenvEntry> effective) {
        raw.put(key, value);
        DotenvEntry entry = new DotenvEntry(key, reduce.apply(key, value), line, exported, quote);
        assignments.add(entry);
        effective.put(key, entry);
    }

    /** dotenv's {@code gsub(/\\([^$])/, '\1')} on unquoted values: {@code \x} becomes {@code x}, {@code \$} stays. */
    static String unescapeUnquoted(String v) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length() && v.charAt(i + 1) != '$') {
                out.append(v.charAt(++i));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code $VAR}, {@code ${VAR}} from earlier assignments; {@code \$} stays for the caller to unescape. */
    private static String substitute(String v, Map<String, String> raw, String key, int line, List<DotenvProblem> problems) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < v.length()) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length()) {
                out.append(c).append(v.charAt(i + 1));
                i += 2;
                continue;
            }
            if (c != '$' || i + 1 >= v.length()) {
                out.append(c);
                i++;
                continue;
            }
            char n = v.charAt(i + 1);
            if (n == '(') {
                problems.add(new DotenvProblem(line, AuditTexts.get("parse.dotenv.command", key)));
                out.append(c);
                i++;
                continue;
            }
            int start;
            int end;
            int resume;
            if (n == '{') {
                start = i + 2;
                end = v.indexOf('}', start);
                if (end < 0) {
                    out.append(c);
                    i++;
                    continue;
                }
                resume = end + 1;
            } else {
                start = i + 1;
                end = start;
                while (end < v.length() && (Character.isLetterOrDigit(v.charAt(end)) || v.charAt(end) == '_')) {
                    end++;
                }
                if (end == start) {
                    out.append(c);
                    i++;
                    continue;
                }
                resume = end;
            }
            String name = v.substring(start, end);
            String ref = raw.get(name);
            if (ref == null) {
                problems.add(new DotenvProblem(line, AuditTexts.get("parse.dotenv.unset-reference", key, name)));
                ref = "";
            }
            out.append(ref);
            i = resume;
        }
        return out.toString();
    }

    private static String unescapeDouble(String v) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length()) {
                char n = v.charAt(++i);
                out.append(n == 'n' ? '\n' : n == 'r' ? '\r' : n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static final class Scanner {
        final String text;
        int pos;
        int line = 1;

        Scanner(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        char peek() {
            return atEnd() ? '\n' : text.charAt(pos);
        }

        char next() {
            char c = text.charAt(pos++);
            if (c == '\n') {
                line++;
            }
            return c;
        }

        int line() {
            return line;
        }

        void advance(int n) {
            for (int i = 0; i < n && !atEnd(); i++) {
                next();
            }
        }

        void advanceTo(int p) {
            while (pos < p && !atEnd()) {
                next();
            }
        }

        boolean startsWith(String s) {
            return text.startsWith(s, pos);
        }

        boolean isBlankAt(int offset) {
            int p = pos + offset;
            return p < text.length() && (text.charAt(p) == ' ' || text.charAt(p) == '\t');
        }

        void skipBlanks() {
            while (!atEnd() && (peek() == ' ' || peek() == '\t')) {
                next();
            }
        }

        void skipLine() {
            restOfLine();
        }

        /** The rest of the line without its newline; consumes the newline. */
        String restOfLine() {
            int start = pos;
            while (!atEnd() && peek() != '\n') {
                next();
            }
            String out = text.substring(start, pos);
            if (!atEnd()) {
                next();
            }
            return out;
        }

        String untilCommentOrEol() {
            int start = pos;
            while (!atEnd() && peek() != '\n' && peek() != '#') {
                next();
            }
            return text.substring(start, pos);
        }

        String key() {
            int start = pos;
            while (!atEnd() && (Character.isLetterOrDigit(peek()) || peek() == '_' || peek() == '.')) {
                next();
            }
            return text.substring(start, pos);
        }

        /** Index of the quote closing the one at pos (a backslash escapes it), or -1. */
        int closingQuote(char q) {
            for (int i = pos + 1; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == q) {
                    return i;
                }
            }
            return -1;
        }
    }
}
