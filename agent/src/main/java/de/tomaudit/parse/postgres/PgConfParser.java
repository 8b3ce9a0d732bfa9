package de.tomaudit.parse.postgres;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * postgresql.conf (and postgresql.auto.conf) as PostgreSQL's own lexer reads it: one
 * {@code name [=] value} per line, {@code #} comments, values unquoted or in single quotes
 * (with {@code ''} and backslash escapes), names case-insensitive, and {@code include},
 * {@code include_if_exists}, {@code include_dir} relative to the including file. A line
 * PostgreSQL would reject is a fatal problem with its file and line, and is skipped.
 */
public final class PgConfParser {
    private static final Logger LOG = LoggerFactory.getLogger(PgConfParser.class);
    private static final java.util.Set<String> SECRET_SETTINGS = java.util.Set.of("primary_conninfo");
    private final PgFiles files;

    public PgConfParser(PgFiles files) {
        this.files = files;
    }

    /** The file and everything it includes; a missing or unreadable file is a fatal problem. */
    public PgConfig parse(String path) {
        Acc acc = new Acc();
        PgFiles.Loaded loaded = files.read(path);
        if (loaded.status() != PgFiles.Status.OK) {
            acc.problems.add(new PgProblem(path, 0, loaded.message(), true));
        } else {
            parseText(path, loaded.text(), new ArrayDeque<>(), acc);
        }
        return acc.config();
    }

    /** Like {@link #parse}, but a missing file is simply no settings (postgresql.auto.conf). */
    public PgConfig parseIfExists(String path) {
        PgFiles.Loaded loaded = files.read(path);
        if (loaded.status() == PgFiles.Status.MISSING) {
            return new PgConfig(List.of(), List.of(), List.of());
        }
        return parse(path);
    }

    /** Parses text that is not read through {@link PgFiles} (includes still are). */
    public PgConfig parseText(String path, String text) {
        Acc acc = new Acc();
        parseText(path, text, new ArrayDeque<>(), acc);
        return acc.config();
    }

    private void parseText(String path, String text, Deque<String> stack, Acc acc) {
        stack.push(path);
        acc.files.add(path);
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            Lexed lexed = lex(lines[i]);
            if (lexed == null) {
                continue;
            }
            if (lexed.error() != null) {
                acc.problems.add(new PgProblem(path, lineNo, lexed.error(), true));
                continue;
            }
            switch (lexed.name()) {
                case "include", "include_if_exists", "include_dir" ->
                        include(lexed.name(), lexed.value(), path, lineNo, stack, acc);
                default -> acc.lines.add(new PgSetting(lexed.name(), redacted(lexed.name(), lexed.value()), path, lineNo));
            }
        }
        stack.pop();
    }

    /** Settings that may carry a password (a conninfo string) keep only its redacted form. */
    private static String redacted(String name, String value) {
        return SECRET_SETTINGS.contains(name) ? de.tomaudit.facts.Secret.of(value).toString() : value;
    }

    private void include(String kind, String value, String file, int line, Deque<String> stack, Acc acc) {
        if (value.isBlank()) {
            acc.problems.add(new PgProblem(file, line, de.tomaudit.i18n.AuditTexts.get("parse.pg.empty-name", kind), true));
            return;
        }
        String target = PgIncludes.resolve(file, value);
        String refusal = PgIncludes.refusal(stack, target);
        if (refusal != null) {
            acc.problems.add(new PgProblem(file, line, refusal, true));
            return;
        }
        if (kind.equals("include_dir")) {
            PgFiles.Listed listed = files.list(target);
            if (listed.status() == PgFiles.Status.MISSING) {
                // PostgreSQL refuses to start without the directory; then it is not running this config
                acc.problems.add(new PgProblem(file, line, de.tomaudit.i18n.AuditTexts.get("parse.pg.no-dir", target), false));
                return;
            }
            if (listed.status() == PgFiles.Status.FAILED) {
                acc.problems.add(new PgProblem(file, line, de.tomaudit.i18n.AuditTexts.get("parse.pg.open-conf-dir", target, listed.message()), true));
                return;
            }
            stack.push(target);
            for (String name : PgIncludes.confFiles(listed.names())) {
                String child = target + "/" + name;
                String childRefusal = PgIncludes.refusal(stack, child);
                if (childRefusal != null) {
                    acc.problems.add(new PgProblem(file, line, childRefusal, true));
                    continue;
                }
                readInclude(child, false, file, line, stack, acc);
            }
            stack.pop();
            return;
        }
        readInclude(target, kind.equals("include_if_exists"), file, line, stack, acc);
    }

    private void readInclude(String target, boolean optional, String file, int line, Deque<String> stack, Acc acc) {
        PgFiles.Loaded loaded = files.read(target);
        switch (loaded.status()) {
            case OK -> parseText(target, loaded.text(), stack, acc);
            case MISSING -> {
                if (optional) {
                    LOG.debug("{}:{}: skipping missing configuration file {}", file, line, target);
                } else {
                    acc.problems.add(new PgProblem(file, line, de.tomaudit.i18n.AuditTexts.get("parse.pg.open-conf-file", target, loaded.message()), true));
                }
            }
            case FAILED -> acc.problems.add(new PgProblem(file, line, de.tomaudit.i18n.AuditTexts.get("parse.pg.read-conf-file", target, loaded.message()), true));
        }
    }

    /** name and value of one line; null for blank and comment lines. */
    record Lexed(String name, String value, String error) { }

    static Lexed lex(String raw) {
        int n = raw.length();
        int i = skipSpace(raw, 0);
        if (i >= n || raw.charAt(i) == '#') {
            return null;
        }
        int start = i;
        if (!isLetter(raw.charAt(i))) {
            return new Lexed(null, null, de.tomaudit.i18n.AuditTexts.get("parse.pg.syntax"));
        }
        while (i < n && (isLetter(raw.charAt(i)) || Character.isDigit(raw.charAt(i)) || raw.charAt(i) == '$'
                || raw.charAt(i) == '.')) {
            i++;
        }
        String name = raw.substring(start, i).toLowerCase(Locale.ROOT);
        i = skipSpace(raw, i);
        if (i < n && raw.charAt(i) == '=') {
            i = skipSpace(raw, i + 1);
        }
        if (i >= n || raw.charAt(i) == '#') {
            return new Lexed(null, null, de.tomaudit.i18n.AuditTexts.get("parse.pg.no-value"));
        }
        String value;
        if (raw.charAt(i) == '\'') {
            StringBuilder sb = new StringBuilder();
            i++;
            boolean closed = false;
            while (i < n) {
                char c = raw.charAt(i);
                if (c == '\'' && i + 1 < n && raw.charAt(i + 1) == '\'') {
                    sb.append('\'');
                    i += 2;
                } else if (c == '\'') {
                    closed = true;
                    i++;
                    break;
                } else if (c == '\\' && i + 1 < n) {
                    i = unescape(raw, i + 1, sb);
                } else {
                    sb.append(c);
                    i++;
                }
            }
            if (!closed) {
                return new Lexed(null, null, de.tomaudit.i18n.AuditTexts.get("parse.pg.quote", name));
            }
            value = sb.toString();
        } else {
            int vs = i;
            while (i < n && !Character.isWhitespace(raw.charAt(i)) && raw.charAt(i) != '#' && raw.charAt(i) != '\'') {
                i++;
            }
            value = raw.substring(vs, i);
        }
        i = skipSpace(raw, i);
        if (i < n && raw.charAt(i) != '#') {
            return new Lexed(null, null, de.tomaudit.i18n.AuditTexts.get("parse.pg.after-value"));
        }
        return new Lexed(name, value, null);
    }

    private static int unescape(String raw, int i, StringBuilder sb) {
        char c = raw.charAt(i);
        switch (c) {
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            default -> {
                if (c >= '0' && c <= '7') {
                    int v = 0;
                    int k = i;
                    while (k < raw.length() && k < i + 3 && raw.charAt(k) >= '0' && raw.charAt(k) <= '7') {
                        v = v * 8 + (raw.charAt(k) - '0');
                        k++;
                    }
                    sb.append((char) v);
                    return k;
                }
                sb.append(c);
            }
        }
        return i + 1;
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static final class Acc {
        final List<PgSetting> lines = new ArrayList<>();
        final List<String> files = new ArrayList<>();
        final List<PgProblem> problems = new ArrayList<>();

        PgConfig config() {
            return new PgConfig(lines, files, problems);
        }
    }
}
