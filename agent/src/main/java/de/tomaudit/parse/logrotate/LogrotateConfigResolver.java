package de.tomaudit.parse.logrotate;

import de.tomaudit.i18n.AuditTexts;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads logrotate's configuration from its main file as logrotate 3.21 does: global directives
 * set defaults for every definition after them, also across {@code include}s (a directory is read
 * file by file in name order, skipping taboo extensions and files writable by group or others);
 * a definition starts from the defaults and applies its own directives. A file with an error in a
 * global directive is dropped with every definition it made, and the defaults go back to what
 * they were before it; a definition with an error is dropped alone. Includes nest at most
 * {@link #MAX_NESTING} deep; a loop is reported.
 */
public final class LogrotateConfigResolver {
    public static final int MAX_NESTING = 16;
    /** Larger values are absurd (logrotate keeps an int); rejected as "value out of range" so day sums never overflow. */
    static final long MAX_ROTATE = 1_000_000;
    static final long MAX_DAYS = 365_000;
    static final List<String> DEFAULT_TABOO = List.of(",v", ".cfsaved", ".disabled", ".dpkg-bak", ".dpkg-del",
            ".dpkg-dist", ".dpkg-new", ".dpkg-old", ".rhn-cfg-tmp-*", ".rpmnew", ".rpmorig", ".rpmsave", ".swp",
            ".ucf-dist", ".ucf-new", ".ucf-old", "~");
    private static final Pattern SIZE = Pattern.compile("(\\d+)([kKmMgG]?)");
    private static final Pattern WEEKDAY = Pattern.compile("[0-7]");

    private final LogrotateSource source;
    private final List<LogrotateRule> rules = new ArrayList<>();
    private final List<String> files = new ArrayList<>();
    private final List<LogrotateProblem> problems = new ArrayList<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private List<String> tabooExtensions = new ArrayList<>(DEFAULT_TABOO);
    private List<String> tabooPatterns = new ArrayList<>();
    private LogrotateSettings defaults = LogrotateSettings.BUILT_IN;

    private LogrotateConfigResolver(LogrotateSource source) {
        this.source = source;
    }

    public static LogrotateConfig load(LogrotateSource source, String mainFile) {
        LogrotateConfigResolver r = new LogrotateConfigResolver(source);
        r.file(mainFile, mainFile, 0);
        return new LogrotateConfig(mainFile, r.rules, r.files, r.problems);
    }

    /** Reads one file; false when logrotate would reject it as a whole. */
    private boolean file(String path, String from, int fromLine) {
        if (stack.contains(path)) {
            problems.add(new LogrotateProblem(from, fromLine, AuditTexts.get("parse.include-loop", path)));
            return false;
        }
        if (stack.size() > MAX_NESTING) {
            problems.add(new LogrotateProblem(from, fromLine, AuditTexts.get("parse.logrotate.include-depth")));
            return false;
        }
        String text;
        try {
            text = source.read(path);
        } catch (LogrotateSourceException e) {
            problems.add(new LogrotateProblem(path, 0, e.getMessage()));
            return false;
        }
        files.add(path);
        LogrotateFile parsed = LogrotateFileParser.parse(path, text);
        problems.addAll(parsed.problems());
        LogrotateSettings before = defaults;
        int mark = rules.size();
        boolean ok = !parsed.failed();
        stack.push(path);
        try {
            for (LogrotateEntry entry : parsed.entries()) {
                if (!ok) {
                    break;
                }
                if (entry instanceof LogrotateDirective d) {
                    ok = global(d);
                } else if (entry instanceof LogrotateStanza s) {
                    stanza(s);
                }
            }
        } finally {
            stack.pop();
        }
        if (!ok) {
            while (rules.size() > mark) {
                rules.remove(rules.size() - 1);
            }
            defaults = before;
            problems.add(new LogrotateProblem(path, 0, AuditTexts.get("parse.logrotate.skips-file")));
        }
        return ok;
    }

    private boolean global(LogrotateDirective d) {
        switch (d.keyword()) {
            case "include" -> {
                include(d);
                return true;
            }
            case "tabooext" -> {
                tabooExtensions = updateList(tabooExtensions, d.value());
                return true;
            }
            case "taboopat" -> {
                tabooPatterns = updateList(tabooPatterns, d.value());
                return true;
            }
            default -> {
                Optional<LogrotateSettings> next = apply(defaults, d);
                next.ifPresent(s -> defaults = s);
                return next.isPresent();
            }
        }
    }

    private void stanza(LogrotateStanza s) {
        if (s.broken()) {
            return;
        }
        LogrotateSettings settings = defaults;
        for (LogrotateDirective d : s.directives()) {
            Optional<LogrotateSettings> next = apply(settings, d);
            if (next.isEmpty()) {
                problems.add(new LogrotateProblem(s.file(), s.line(), AuditTexts.get("parse.logrotate.skips-definition", String.join(" ", s.patterns()))));
                return;
            }
            settings = next.get();
        }
        rules.add(new LogrotateRule(s, settings));
    }

    /** The settings after one directive, or empty after recording why its value is bad. */
    private Optional<LogrotateSettings> apply(LogrotateSettings s, LogrotateDirective d) {
        String src = d.source();
        switch (d.keyword()) {
            case "hourly" -> {
                return Optional.of(s.withInterval(LogrotateInterval.HOURLY, src));
            }
            case "daily" -> {
                return Optional.of(s.withInterval(LogrotateInterval.DAILY, src));
            }
            case "weekly" -> {
                if (!d.value().isEmpty() && !WEEKDAY.matcher(d.value()).matches()) {
                    return bad(d, AuditTexts.get("parse.logrotate.bad-weekly"));
                }
                return Optional.of(s.withInterval(LogrotateInterval.WEEKLY, src));
            }
            case "monthly" -> {
                return Optional.of(s.withInterval(LogrotateInterval.MONTHLY, src));
            }
            case "yearly" -> {
                return Optional.of(s.withInterval(LogrotateInterval.YEARLY, src));
            }
            case "size" -> {
                return size(d).map(b -> s.withInterval(LogrotateInterval.SIZE, src));
            }
            case "minsize" -> {
                return size(d).map(b -> s.withMinSize(b, src));
            }
            case "maxsize" -> {
                return size(d).map(b -> s);
            }
            case "rotate" -> {
                Optional<Long> n = number(d.value());
                if (n.isEmpty() || n.get() < -1) {
                    return bad(d, AuditTexts.get("parse.logrotate.bad-rotate"));
                }
                if (n.get() > MAX_ROTATE) {
                    return bad(d, AuditTexts.get("parse.logrotate.rotate-range", String.valueOf(MAX_ROTATE)));
                }
                return Optional.of(s.withRotate(n.get(), src));
            }
            case "maxage" -> {
                Optional<Long> n = number(d.value());
                if (n.isEmpty() || n.get() < 0) {
                    return bad(d, AuditTexts.get("parse.logrotate.bad-maxage"));
                }
                if (n.get() > MAX_DAYS) {
                    return bad(d, AuditTexts.get("parse.logrotate.maxage-range", String.valueOf(MAX_DAYS)));
                }
                return Optional.of(s.withMaxAge(n, src));
            }
            default -> {
                return Optional.of(s);
            }
        }
    }

    private Optional<LogrotateSettings> bad(LogrotateDirective d, String message) {
        problems.add(new LogrotateProblem(d.file(), d.line(), message));
        return Optional.empty();
    }

    private Optional<Long> size(LogrotateDirective d) {
        var m = SIZE.matcher(d.value());
        if (!m.matches()) {
            problems.add(new LogrotateProblem(d.file(), d.line(), AuditTexts.get("parse.logrotate.bad-size")));
            return Optional.empty();
        }
        Optional<Long> n = number(m.group(1));
        if (n.isEmpty()) {
            problems.add(new LogrotateProblem(d.file(), d.line(), AuditTexts.get("parse.logrotate.size-range")));
            return Optional.empty();
        }
        long unit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 1024L;
            case "m" -> 1024L * 1024;
            case "g" -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        if (Math.multiplyHigh(n.get(), unit) != 0 || n.get() * unit < 0) {
            problems.add(new LogrotateProblem(d.file(), d.line(), AuditTexts.get("parse.logrotate.size-range")));
            return Optional.empty();
        }
        return Optional.of(n.get() * unit);
    }

    private static Optional<Long> number(String s) {
        try {
            return Optional.of(Long.parseLong(s.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void include(LogrotateDirective d) {
        String path = d.value();
        Optional<LogrotateSource.Entry> entry;
        try {
            entry = source.stat(path);
        } catch (LogrotateSourceException e) {
            problems.add(new LogrotateProblem(d.file(), d.line(), AuditTexts.get("parse.logrotate.cannot-stat", path, e.getMessage())));
            return;
        }
        if (entry.isEmpty()) {
            problems.add(new LogrotateProblem(d.file(), d.line(), AuditTexts.get("parse.logrotate.cannot-stat", path, AuditTexts.get("parse.no-such-file"))));
            return;
        }
        if (entry.get().kind() == LogrotateSource.Kind.DIRECTORY) {
            List<String> names;
            try {
                names = source.list(path).stream().sorted().toList();
            } catch (LogrotateSourceException e) {
                problems.add(new LogrotateProblem(d.file(), d.line(), AuditTexts.get("parse.logrotate.cannot-read-dir", path, e.getMessage())));
                return;
            }
            String dir = path.endsWith("/") ? path : path + "/";
            for (String name : names) {
                if (!taboo(name)) {
                    includeFile(dir + name, d);
                }
            }
        } else {
            includeFile(path, d);
        }
    }

    private void includeFile(String path, LogrotateDirective from) {
        Optional<LogrotateSource.Entry> entry;
        try {
            entry = source.stat(path);
        } catch (LogrotateSourceException e) {
            problems.add(new LogrotateProblem(path, 0, e.getMessage()));
            return;
        }
        if (entry.isEmpty() || entry.get().kind() != LogrotateSource.Kind.FILE) {
            return;
        }
        int mode = entry.get().mode();
        if (mode >= 0 && (mode & 0022) != 0) {
            problems.add(new LogrotateProblem(path, 0, AuditTexts.get("parse.logrotate.writable", String.format("%04o", mode))));
            return;
        }
        file(path, from.file(), from.line());
    }

    private boolean taboo(String name) {
        for (String ext : tabooExtensions) {
            if (ext.contains("*") || ext.contains("?") || ext.contains("[")) {
                if (LogrotatePatterns.matches("*" + ext, name)) {
                    return true;
                }
            } else if (name.endsWith(ext)) {
                return true;
            }
        }
        return tabooPatterns.stream().anyMatch(p -> LogrotatePatterns.matches(p, name));
    }

    /** {@code + a, b} adds to the list, anything else replaces it. */
    private static List<String> updateList(List<String> current, String value) {
        String v = value.strip();
        List<String> out = new ArrayList<>();
        if (v.startsWith("+")) {
            out.addAll(current);
            v = v.substring(1);
        }
        for (String part : v.split("[\\s,]+")) {
            if (!part.isEmpty()) {
                out.add(part);
            }
        }
        return out;
    }
}
