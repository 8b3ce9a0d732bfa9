package de.tomaudit.parse.redis;

import de.tomaudit.pattern.Wildcard;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * redis.conf as Redis reads it: one directive per line, arguments split like Redis's
 * {@code sdssplitargs} (double quotes with {@code \n}, {@code \xHH} … escapes, single quotes),
 * lines starting with {@code #} are comments ({@code #} inside a line is not), and
 * {@code include} read in place (wildcards in the file name part, matches in name order; a
 * wildcard matching nothing is ignored, a missing plain file is an error). Include loops and
 * nesting deeper than 16 are reported with the including file and line.
 */
public final class RedisConfParser {
    static final int MAX_DEPTH = 16;
    private static final Set<String> SECRET_DIRECTIVES = Set.of("requirepass", "masterauth",
            "tls-key-file-pass", "tls-client-key-file-pass");
    private final RedisFiles files;

    public RedisConfParser(RedisFiles files) {
        this.files = files;
    }

    public RedisConfig parse(String path) {
        Acc acc = new Acc();
        try {
            parseText(path, files.read(path), new ArrayDeque<>(), acc);
        } catch (RedisFiles.Failure e) {
            acc.problems.add(new RedisProblem(path, 0, e.getMessage()));
        }
        return new RedisConfig(acc.directives, acc.files, acc.problems);
    }

    /** Parses an ACL file: only {@code user} lines are allowed there. */
    public RedisConfig parseAclText(String path, String text) {
        Acc acc = new Acc();
        acc.files.add(path);
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String t = lines[i].strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            try {
                RedisDirective d = directive(t, path, i + 1);
                if (!d.name().equals("user") || d.args().isEmpty()) {
                    acc.problems.add(new RedisProblem(path, i + 1, de.tomaudit.i18n.AuditTexts.get("parse.redis.acl-line")));
                } else {
                    acc.directives.add(d);
                }
            } catch (IllegalArgumentException e) {
                acc.problems.add(new RedisProblem(path, i + 1, e.getMessage()));
            }
        }
        return new RedisConfig(acc.directives, acc.files, acc.problems);
    }

    private void parseText(String path, String text, Deque<String> stack, Acc acc) {
        stack.push(path);
        acc.files.add(path);
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String t = lines[i].strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            RedisDirective d;
            try {
                d = directive(t, path, i + 1);
            } catch (IllegalArgumentException e) {
                acc.problems.add(new RedisProblem(path, i + 1, e.getMessage()));
                continue;
            }
            if (d.name().equals("include")) {
                include(d, stack, acc);
            } else {
                acc.directives.add(d);
            }
        }
        stack.pop();
    }

    private void include(RedisDirective d, Deque<String> stack, Acc acc) {
        if (d.args().size() != 1) {
            acc.problems.add(new RedisProblem(d.file(), d.line(), de.tomaudit.i18n.AuditTexts.get("parse.redis.include-one")));
            return;
        }
        String pattern = resolve(d.file(), d.first());
        int slash = pattern.lastIndexOf('/');
        String dir = slash <= 0 ? "/" : pattern.substring(0, slash);
        String name = pattern.substring(slash + 1);
        List<String> targets = new ArrayList<>();
        if (name.indexOf('*') >= 0 || name.indexOf('?') >= 0 || name.indexOf('[') >= 0) {
            try {
                Wildcard m = Wildcard.compile(name, Wildcard.Syntax.GLOB);
                files.list(dir).stream().filter(m::matches).sorted()
                        .forEach(n -> targets.add(dir + "/" + n));
            } catch (RedisFiles.Failure e) {
                if (!e.missing()) {
                    acc.problems.add(new RedisProblem(d.file(), d.line(), "include " + pattern + ": " + e.getMessage()));
                }
                return;
            } catch (IllegalArgumentException e) {
                acc.problems.add(new RedisProblem(d.file(), d.line(), de.tomaudit.i18n.AuditTexts.get("parse.redis.include-pattern", name)));
                return;
            }
        } else {
            targets.add(pattern);
        }
        for (String target : targets) {
            if (stack.contains(target)) {
                acc.problems.add(new RedisProblem(d.file(), d.line(), de.tomaudit.i18n.AuditTexts.get("parse.redis.include-loop", target)));
                continue;
            }
            if (stack.size() >= MAX_DEPTH) {
                acc.problems.add(new RedisProblem(d.file(), d.line(), de.tomaudit.i18n.AuditTexts.get("parse.redis.include-depth", MAX_DEPTH)));
                continue;
            }
            try {
                parseText(target, files.read(target), stack, acc);
            } catch (RedisFiles.Failure e) {
                acc.problems.add(new RedisProblem(d.file(), d.line(), "include " + target + ": " + e.getMessage()));
            }
        }
    }

    private static String resolve(String includingFile, String path) {
        if (path.startsWith("/")) {
            return path;
        }
        int slash = includingFile.lastIndexOf('/');
        return (slash <= 0 ? "" : includingFile.substring(0, slash)) + "/" + path;
    }

    static RedisDirective directive(String line, String file, int lineNo) {
        List<String> words = RedisArgs.split(line);
        String name = words.get(0).toLowerCase(Locale.ROOT);
        List<RedisArg> args = new ArrayList<>();
        for (int i = 1; i < words.size(); i++) {
            String w = words.get(i);
            if (SECRET_DIRECTIVES.contains(name)) {
                args.add(RedisArg.secret("", w));
            } else if (name.equals("user") && i > 1 && !w.isEmpty() && ">#<!".indexOf(w.charAt(0)) >= 0) {
                args.add(RedisArg.secret(w.substring(0, 1), w.substring(1)));
            } else {
                args.add(RedisArg.plain(w));
            }
        }
        return new RedisDirective(name, args, file, lineNo);
    }

    private static final class Acc {
        final List<RedisDirective> directives = new ArrayList<>();
        final List<String> files = new ArrayList<>();
        final List<RedisProblem> problems = new ArrayList<>();
    }
}
