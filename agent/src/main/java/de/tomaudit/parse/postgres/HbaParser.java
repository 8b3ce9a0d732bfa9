package de.tomaudit.parse.postgres;

import de.tomaudit.facts.Secret;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * pg_hba.conf as PostgreSQL reads it: whitespace-separated fields, {@code #} comments outside
 * double quotes, comma lists inside a field ({@code db1,db2} or {@code db1, db2}), a trailing
 * backslash continuing the record on the next line, an address as CIDR, IP plus netmask
 * column, host name or keyword, then the method and {@code name=value} options; and the
 * PG 16 {@code include}, {@code include_if_exists}, {@code include_dir} records. A record
 * PostgreSQL would reject is a fatal problem (PostgreSQL then does not load the file).
 */
public final class HbaParser {
    private static final Set<String> TYPES = Set.of("local", "host", "hostssl", "hostnossl", "hostgssenc", "hostnogssenc");
    private static final Set<String> SECRET_OPTIONS = Set.of("ldapbindpasswd", "radiussecrets");
    private final PgFiles files;

    public HbaParser(PgFiles files) {
        this.files = files;
    }

    public HbaFile parse(String path) {
        Acc acc = new Acc();
        PgFiles.Loaded loaded = files.read(path);
        if (loaded.status() != PgFiles.Status.OK) {
            acc.problems.add(new PgProblem(path, 0, loaded.message(), true));
        } else {
            parseText(path, loaded.text(), new ArrayDeque<>(), acc);
        }
        return new HbaFile(acc.records, acc.files, acc.problems);
    }

    private void parseText(String path, String text, Deque<String> stack, Acc acc) {
        stack.push(path);
        acc.files.add(path);
        String[] lines = text.split("\r?\n", -1);
        int i = 0;
        while (i < lines.length) {
            int first = i + 1;
            StringBuilder logical = new StringBuilder(lines[i]);
            while (endsWithContinuation(logical) && i + 1 < lines.length) {
                logical.setLength(logical.length() - 1);
                logical.append(' ').append(lines[++i]);
            }
            i++;
            List<List<Token>> fields;
            try {
                fields = fields(logical.toString());
            } catch (IllegalArgumentException e) {
                acc.problems.add(new PgProblem(path, first, e.getMessage(), true));
                continue;
            }
            if (!fields.isEmpty()) {
                record(fields, path, first, stack, acc);
            }
        }
        stack.pop();
    }

    private static boolean endsWithContinuation(StringBuilder sb) {
        String s = sb.toString();
        int hash = commentStart(s);
        return hash < 0 && s.endsWith("\\");
    }

    private void record(List<List<Token>> fields, String file, int line, Deque<String> stack, Acc acc) {
        String type = single(fields.get(0)).toLowerCase(Locale.ROOT);
        if (type.startsWith("include")) {
            include(type, fields, file, line, stack, acc);
            return;
        }
        if (!TYPES.contains(type)) {
            acc.problems.add(new PgProblem(file, line, de.tomaudit.i18n.AuditTexts.get("parse.pg.connection-type"), true));
            return;
        }
        int f = 1;
        if (fields.size() <= f + 1) {
            acc.problems.add(new PgProblem(file, line, de.tomaudit.i18n.AuditTexts.get("parse.pg.eol-before", fields.size() <= f ? "database" : "role"), true));
            return;
        }
        List<String> dbs = texts(fields.get(f++));
        List<String> users = texts(fields.get(f++));
        String address = "";
        String mask = "";
        if (!type.equals("local")) {
            if (fields.size() <= f) {
                acc.problems.add(new PgProblem(file, line, de.tomaudit.i18n.AuditTexts.get("parse.pg.eol-before", "IP address"), true));
                return;
            }
            address = single(fields.get(f++));
            boolean isIp = de.tomaudit.parse.sockets.InetLiteral.parse(address).isPresent();
            if (isIp && !address.contains("/")) {
                if (fields.size() <= f) {
                    acc.problems.add(new PgProblem(file, line, de.tomaudit.i18n.AuditTexts.get("parse.pg.eol-before", "netmask"), true));
                    return;
                }
                mask = single(fields.get(f++));
                if (de.tomaudit.parse.sockets.InetLiteral.maskPrefix(mask).isEmpty()) {
                    acc.problems.add(new PgProblem(file, line, "invalid IP mask", true));
                    return;
                }
            } else if (address.contains("/") && de.tomaudit.parse.sockets.InetLiteral.network(address).isEmpty()) {
                acc.problems.add(new PgProblem(file, line, "invalid IP address", true));
                return;
            }
        }
        if (fields.size() <= f) {
            acc.problems.add(new PgProblem(file, line, de.tomaudit.i18n.AuditTexts.get("parse.pg.eol-method"), true));
            return;
        }
        String method = single(fields.get(f++)).toLowerCase(Locale.ROOT);
        Map<String, String> options = new LinkedHashMap<>();
        for (; f < fields.size(); f++) {
            String opt = single(fields.get(f));
            int eq = opt.indexOf('=');
            if (eq <= 0) {
                acc.problems.add(new PgProblem(file, line, de.tomaudit.i18n.AuditTexts.get("parse.pg.option-format"), true));
                continue;
            }
            String name = opt.substring(0, eq).toLowerCase(Locale.ROOT);
            String value = opt.substring(eq + 1);
            options.put(name, SECRET_OPTIONS.contains(name) ? Secret.of(value).toString() : value);
        }
        acc.records.add(new HbaRecord(type, dbs, users, address, mask, method, options, file, line));
    }

    private void include(String kind, List<List<Token>> fields, String file, int line, Deque<String> stack, Acc acc) {
        if (!Set.of("include", "include_if_exists", "include_dir").contains(kind)) {
            acc.problems.add(new PgProblem(file, line, de.tomaudit.i18n.AuditTexts.get("parse.pg.connection-type"), true));
            return;
        }
        if (fields.size() != 2) {
            acc.problems.add(new PgProblem(file, line, de.tomaudit.i18n.AuditTexts.get("parse.pg.one-file", kind), true));
            return;
        }
        String target = PgIncludes.resolve(file, single(fields.get(1)));
        String refusal = PgIncludes.refusal(stack, target);
        if (refusal != null) {
            acc.problems.add(new PgProblem(file, line, refusal, true));
            return;
        }
        if (kind.equals("include_dir")) {
            PgFiles.Listed listed = files.list(target);
            if (listed.status() != PgFiles.Status.OK) {
                acc.problems.add(new PgProblem(file, line, de.tomaudit.i18n.AuditTexts.get("parse.pg.open-dir", target, listed.message()), true));
                return;
            }
            stack.push(target);
            for (String name : PgIncludes.confFiles(listed.names())) {
                readInclude(target + "/" + name, false, file, line, stack, acc);
            }
            stack.pop();
            return;
        }
        readInclude(target, kind.equals("include_if_exists"), file, line, stack, acc);
    }

    private void readInclude(String target, boolean optional, String file, int line, Deque<String> stack, Acc acc) {
        String refusal = PgIncludes.refusal(stack, target);
        if (refusal != null) {
            acc.problems.add(new PgProblem(file, line, refusal, true));
            return;
        }
        PgFiles.Loaded loaded = files.read(target);
        switch (loaded.status()) {
            case OK -> parseText(target, loaded.text(), stack, acc);
            case MISSING -> {
                if (!optional) {
                    acc.problems.add(new PgProblem(file, line, de.tomaudit.i18n.AuditTexts.get("parse.pg.open-file", target, loaded.message()), true));
                }
            }
            case FAILED -> acc.problems.add(new PgProblem(file, line, de.tomaudit.i18n.AuditTexts.get("parse.pg.read-file", target, loaded.message()), true));
        }
    }

    /** One token: its text without quotes, and whether it was quoted (a quoted "all" is a name). */
    record Token(String text, boolean quoted) { }

    /** Splits a logical line into fields; each field is a comma list of tokens. */
    static List<List<Token>> fields(String line) {
        List<List<Token>> fields = new ArrayList<>();
        List<Token> current = null;
        int i = 0;
        int n = line.length();
        boolean continueList = false;
        while (true) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i >= n || line.charAt(i) == '#') {
                break;
            }
            StringBuilder sb = new StringBuilder();
            boolean quoted = false;
            boolean inQuote = false;
            boolean comma = false;
            while (i < n) {
                char c = line.charAt(i);
                if (c == '"') {
                    inQuote = !inQuote;
                    quoted = true;
                    i++;
                    continue;
                }
                if (!inQuote && (Character.isWhitespace(c) || c == '#')) {
                    break;
                }
                if (!inQuote && c == ',') {
                    comma = true;
                    i++;
                    break;
                }
                sb.append(c);
                i++;
            }
            if (inQuote) {
                throw new IllegalArgumentException("unterminated quoted string");
            }
            if (!continueList || current == null) {
                current = new ArrayList<>();
                fields.add(current);
            }
            if (sb.length() > 0 || quoted) {
                current.add(new Token(sb.toString(), quoted));
            }
            continueList = comma;
        }
        if (continueList) {
            throw new IllegalArgumentException("list ends with a comma");
        }
        return fields;
    }

    private static String single(List<Token> field) {
        return field.isEmpty() ? "" : field.get(0).text();
    }

    private static List<String> texts(List<Token> field) {
        return field.stream().map(t -> t.quoted() ? "\"" + t.text() + "\"" : t.text()).toList();
    }

    private static int commentStart(String s) {
        boolean inQuote = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                inQuote = !inQuote;
            } else if (c == '#' && !inQuote) {
                return i;
            }
        }
        return -1;
    }

    private static final class Acc {
        final List<HbaRecord> records = new ArrayList<>();
        final List<String> files = new ArrayList<>();
        final List<PgProblem> problems = new ArrayList<>();
    }
}
