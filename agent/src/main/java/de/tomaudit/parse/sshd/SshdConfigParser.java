package de.tomaudit.parse.sshd;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.parse.source.ConfigSource;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads sshd_config as sshd 9.2 does: keywords case-insensitive, {@code Include} with globs
 * (relative paths are relative to /etc/ssh) expanded where it stands, so a drop-in included at
 * the top comes before, and therefore wins over, later lines; {@code Match} blocks recorded with
 * every line they govern. Which value is effective is decided by {@link SshdConfigResolver}.
 * Include loops, too deep nesting and unreadable included files are reported with file and line.
 */
public final class SshdConfigParser {

    /** Where relative Include paths point (SSHDIR of Debian's build). */
    public static final String SSH_DIR = "/etc/ssh";
    /** SERVCONF_MAX_DEPTH: sshd refuses more nested includes than this. */
    public static final int MAX_DEPTH = 16;
    static final int MAX_FILE_VISITS = 1000;
    static final long MAX_LINES = 500_000;

    private static final Set<String> MATCH_ATTRIBUTES =
            Set.of("user", "group", "host", "address", "localaddress", "localport", "rdomain");

    private final ConfigSource source;
    private final Map<String, String> cache = new HashMap<>();
    private final List<Directive> directives = new ArrayList<>();
    private final List<MatchBlock> matchBlocks = new ArrayList<>();
    private final List<String> files = new ArrayList<>();
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private long lines;
    private boolean aborted;

    private SshdConfigParser(ConfigSource source) {
        this.source = source;
    }

    /**
     * Parses {@code mainFile} and everything it includes.
     *
     * @throws ConfigSource.SourceException when the main file itself cannot be read
     */
    public static SshdConfig parse(String mainFile, ConfigSource source) throws ConfigSource.SourceException {
        SshdConfigParser p = new SshdConfigParser(source);
        String text = source.read(mainFile);
        p.parseFile(mainFile, text, List.of(), 0);
        return new SshdConfig(mainFile, p.directives, p.matchBlocks, p.files, p.problems);
    }

    /** Parses text held in memory; includes are read from {@code source}. */
    public static SshdConfig parseText(String name, String text, ConfigSource source) {
        SshdConfigParser p = new SshdConfigParser(source);
        p.parseFile(name, text, List.of(), 0);
        return new SshdConfig(name, p.directives, p.matchBlocks, p.files, p.problems);
    }

    private void parseFile(String path, String text, List<MatchBlock> outer, int depth) {
        files.add(path);
        stack.addLast(path);
        MatchBlock current = null;
        String[] fileLines = text.split("\n", -1);
        for (int i = 0; i < fileLines.length && !aborted; i++) {
            int lineNo = i + 1;
            if (++lines > MAX_LINES) {
                abort(path, lineNo, AuditTexts.get("parse.sshd.too-many-lines", MAX_LINES));
                break;
            }
            Optional<SshdLineSplitter.Split> split;
            try {
                split = SshdLineSplitter.split(fileLines[i]);
            } catch (SshdSyntaxException e) {
                problems.add(new ConfigProblem(path, lineNo, e.getMessage(), false));
                continue;
            }
            if (split.isEmpty()) {
                continue;
            }
            String written = split.get().keyword();
            List<String> args = split.get().args();
            Optional<String> canonical = SshdKeywords.canonical(written);
            if (canonical.isEmpty()) {
                problems.add(new ConfigProblem(path, lineNo, AuditTexts.get("parse.sshd.bad-option"), false));
                continue;
            }
            String keyword = canonical.get();
            List<MatchBlock> chain = chain(outer, current);
            if (keyword.equals("match")) {
                current = matchBlock(args, path, lineNo);
                matchBlocks.add(current);
                continue;
            }
            if (args.isEmpty()) {
                problems.add(new ConfigProblem(path, lineNo, AuditTexts.get("parse.sshd.no-argument", written), false));
                continue;
            }
            if (keyword.equals("include")) {
                include(args, path, lineNo, chain, depth);
                continue;
            }
            if (!allMatchAll(chain) && !SshdKeywords.allowedInMatch(keyword)) {
                problems.add(new ConfigProblem(path, lineNo,
                        AuditTexts.get("parse.sshd.not-in-match", written), false));
                continue;
            }
            Optional<String> badValue = SshdValues.problem(keyword, args);
            if (badValue.isPresent()) {
                problems.add(new ConfigProblem(path, lineNo, written + ": " + badValue.get(), false));
                continue;
            }
            if (SshdKeywords.isIgnored(keyword)) {
                problems.add(new ConfigProblem(path, lineNo, de.tomaudit.i18n.AuditTexts.get("parse.sshd.deprecated", written), false));
                continue;
            }
            directives.add(new Directive(keyword, written, args, path, lineNo, chain));
        }
        stack.removeLast();
    }

    private static boolean allMatchAll(List<MatchBlock> chain) {
        for (MatchBlock b : chain) {
            if (!b.isAll()) {
                return false;
            }
        }
        return true;
    }

    private static List<MatchBlock> chain(List<MatchBlock> outer, MatchBlock current) {
        if (current == null) {
            return outer;
        }
        List<MatchBlock> c = new ArrayList<>(outer);
        c.add(current);
        return c;
    }

    private MatchBlock matchBlock(List<String> args, String path, int lineNo) {
        List<MatchCriterion> criteria = new ArrayList<>();
        String error = null;
        for (int i = 0; i < args.size() && error == null; i++) {
            String attribute = args.get(i).toLowerCase(Locale.ROOT);
            if (attribute.equals("all")) {
                if (!criteria.isEmpty() || i + 1 < args.size()) {
                    error = AuditTexts.get("parse.sshd.match-all");
                } else {
                    criteria.add(new MatchCriterion("all", ""));
                }
            } else if (!MATCH_ATTRIBUTES.contains(attribute)) {
                error = AuditTexts.get("parse.sshd.match-attribute");
            } else if (i + 1 >= args.size()) {
                error = AuditTexts.get("parse.sshd.match-criteria", attribute);
            } else {
                String patterns = args.get(++i);
                if (attribute.equals("localport") && !validPort(patterns)) {
                    error = AuditTexts.get("parse.sshd.match-localport");
                } else if ((attribute.equals("address") || attribute.equals("localaddress")) && !validAddresses(patterns)) {
                    // sshd checks the list when it reads the line (match_cidr_list): a host part set under the mask, a mask too long
                    error = AuditTexts.get("parse.sshd.match-network", args.get(i - 1));
                } else {
                    criteria.add(new MatchCriterion(attribute, patterns));
                }
            }
        }
        if (args.isEmpty()) {
            error = AuditTexts.get("parse.sshd.match-empty");
        }
        if (error != null) {
            problems.add(new ConfigProblem(path, lineNo, de.tomaudit.i18n.AuditTexts.get("parse.sshd.bad-match", error), false));
            return new MatchBlock(List.of(), path, lineNo);
        }
        return new MatchBlock(criteria, path, lineNo);
    }

    private static boolean validAddresses(String list) {
        try {
            AddressPatterns.validate(list);
            return true;
        } catch (AddressPatterns.InvalidPatternException e) {
            return false;
        }
    }

    private static boolean validPort(String s) {
        try {
            int p = Integer.parseInt(s);
            return p > 0 && p <= 65535;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void include(List<String> args, String path, int lineNo, List<MatchBlock> chain, int depth) {
        for (String arg : args) {
            if (aborted) {
                return;
            }
            if (arg.startsWith("~")) {
                problems.add(new ConfigProblem(path, lineNo, AuditTexts.get("parse.sshd.include-home"), false));
                continue;
            }
            String pattern = arg.startsWith("/") ? arg : SSH_DIR + "/" + arg;
            List<String> matches;
            try {
                matches = source.glob(pattern);
            } catch (ConfigSource.SourceException e) {
                abort(path, lineNo, AuditTexts.get("parse.sshd.include-glob", e.getMessage()));
                return;
            }
            for (String file : matches) {
                if (aborted) {
                    return;
                }
                if (stack.contains(file)) {
                    abort(path, lineNo, AuditTexts.get("parse.include-loop", file) + " (" + String.join(" -> ", stack) + " -> " + file + ")");
                    return;
                }
                if (depth + 1 > MAX_DEPTH) {
                    abort(path, lineNo, AuditTexts.get("parse.sshd.include-depth", MAX_DEPTH));
                    return;
                }
                if (files.size() >= MAX_FILE_VISITS) {
                    abort(path, lineNo, AuditTexts.get("parse.sshd.include-files", MAX_FILE_VISITS));
                    return;
                }
                String text = cache.get(file);
                if (text == null) {
                    try {
                        text = source.read(file);
                    } catch (ConfigSource.SourceException e) {
                        abort(path, lineNo, AuditTexts.get("parse.included-file", file) + ": " + e.getMessage());
                        return;
                    }
                    cache.put(file, text);
                }
                parseFile(file, text, chain, depth + 1);
            }
        }
    }

    private void abort(String path, int lineNo, String message) {
        problems.add(new ConfigProblem(path, lineNo, message, true));
        aborted = true;
    }
}
