package de.tomaudit.collect.bbb;

import de.tomaudit.parse.ejabberd.ShellAssignments;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a cleanup script such as {@code /etc/cron.daily/bigbluebutton} deletes, read as text and never
 * run: its variables (the script's own, then those of the override file it sources, which is read as
 * shell assignments only), its functions and which of them are called or commented out, and every
 * {@code find DIR … -mtime +N} that deletes ({@code -delete}, {@code -exec rm}, or a deleting body).
 * Nothing about a BigBlueButton version is assumed: what counts is what the installed script says.
 */
final class CleanupScript {
    private static final Pattern FUNCTION = Pattern.compile(
            "^\\s*(?:function\\s+)?([A-Za-z_][A-Za-z0-9_-]*)\\s*\\(\\s*\\)\\s*(\\{)?\\s*(?:#.*)?$");
    private static final Pattern ASSIGNMENT = Pattern.compile("^\\s*([A-Za-z_][A-Za-z0-9_]*)=(\\S*)\\s*(?:#.*)?$");
    private static final Pattern SOURCE = Pattern.compile("(?:^|[\\s;&])(?:source|\\.)\\s+(\\S+)");
    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    enum Kind {
        /** raw data of meetings marked {@code .norecord} (no recording marks), via bbb-record --delete */
        RAW_UNRECORDED,
        /** raw data of recordings whose presentation format was published */
        RAW_PUBLISHED,
        /** files or directories under a directory */
        DELETE
    }

    /** A variable's effective value; empty when it cannot be known from the files (and why). */
    record Variable(String name, Optional<String> value, String source, String unknownBecause) { }

    /**
     * One deleting {@code find}. {@code days} is N of {@code -mtime +N}; empty when N is not a number
     * the files determine ({@code unknownBecause} says why).
     */
    record Cleanup(Kind kind, String dir, String name, OptionalLong days, String daysText, String source, boolean active,
                   String function, String unknownBecause, int maxDepth) {

        /**
         * Whether this find reaches the entries directly under {@code dir} (recordings, meetings): {@code dir} is
         * at or below the find's directory, within {@code -maxdepth}, and the entries' names match {@code -name}.
         */
        boolean reachesEntriesOf(String dir, String sampleName) {
            String c = this.dir.replaceAll("/+$", "");
            String d = dir.replaceAll("/+$", "");
            if (c.isEmpty() || c.contains("$") || !(d.equals(c) || d.startsWith(c + "/"))) {
                return false;
            }
            int depth = (d.equals(c) ? 0 : d.substring(c.length() + 1).split("/").length) + 1;
            if (depth > maxDepth) {
                return false;
            }
            return name.isEmpty() || sampleName == null || globMatches(name, sampleName);
        }
    }

    static boolean globMatches(String glob, String name) {
        StringBuilder re = new StringBuilder();
        for (char ch : glob.toCharArray()) {
            switch (ch) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return name.matches(re.toString());
    }

    /** A call of one of the script's functions, active or commented out. */
    record Call(String function, String source, boolean active) { }

    private final String file;
    private final Map<String, Variable> variables;
    private final List<Cleanup> cleanups;
    private final List<Call> calls;
    private final Optional<String> sourcedOverride;
    private final List<String> overrideProblems;

    private CleanupScript(String file, Map<String, Variable> variables, List<Cleanup> cleanups, List<Call> calls,
                          Optional<String> sourcedOverride, List<String> overrideProblems) {
        this.file = file;
        this.variables = variables;
        this.cleanups = List.copyOf(cleanups);
        this.calls = List.copyOf(calls);
        this.sourcedOverride = sourcedOverride;
        this.overrideProblems = List.copyOf(overrideProblems);
    }

    String file() {
        return file;
    }

    Map<String, Variable> variables() {
        return variables;
    }

    List<Cleanup> cleanups() {
        return cleanups;
    }

    List<Call> calls() {
        return calls;
    }

    /** The line that sources the override file, when the script does. */
    Optional<String> sourcedOverride() {
        return sourcedOverride;
    }

    /** Commands and substitutions in the override: reported, never run. */
    List<String> overrideProblems() {
        return overrideProblems;
    }

    /**
     * @param overridePath the file the script may source (its assignments apply only if it does)
     * @param overrideText its text, when it exists
     */
    static CleanupScript parse(String file, String text, String overridePath, Optional<String> overrideText) {
        String[] lines = text.split("\r?\n", -1);
        String[] owner = functionsOf(lines);
        Map<String, Variable> vars = new LinkedHashMap<>();
        Optional<String> sourced = Optional.empty();
        for (int i = 0; i < lines.length; i++) {
            if (owner[i] != null || comment(lines[i])) {
                continue;
            }
            Matcher a = ASSIGNMENT.matcher(lines[i]);
            if (a.matches()) {
                String v = unquote(a.group(2));
                boolean known = !v.contains("$(") && !v.contains("`");
                vars.put(a.group(1), new Variable(a.group(1), known ? Optional.of(substitute(v, vars)) : Optional.empty(),
                        file + ":" + (i + 1), known ? "" : file + ":" + (i + 1) + ": command substitution (never run)"));
                continue;
            }
            Matcher s = SOURCE.matcher(lines[i]);
            if (s.find() && unquote(substitute(unquote(s.group(1)), vars)).equals(overridePath)) {
                sourced = Optional.of(file + ":" + (i + 1));
            }
        }
        List<String> problems = new ArrayList<>();
        if (sourced.isPresent() && overrideText.isPresent()) {
            ShellAssignments override = ShellAssignments.parse(overridePath, overrideText.get(), Map.of());
            override.problems().forEach(p -> problems.add(p.toString() + " (never run by the audit)"));
            for (ShellAssignments.Assignment x : override.all().values()) {
                vars.put(x.name(), new Variable(x.name(), x.exact() ? Optional.of(x.value()) : Optional.empty(),
                        x.loc().toString(), x.exact() ? "" : x.loc() + ": the value comes from a command substitution,"
                        + " which the audit never runs"));
            }
        }
        Set<String> functions = new LinkedHashSet<>();
        for (String f : owner) {
            if (f != null) {
                functions.add(f);
            }
        }
        List<Call> calls = calls(file, lines, owner, functions);
        Set<String> active = new LinkedHashSet<>();
        calls.stream().filter(Call::active).forEach(c -> active.add(c.function()));
        List<Cleanup> cleanups = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (comment(lines[i]) || !lines[i].matches(".*(^|[\\s(<;|])find\\s.*")) {
                continue;
            }
            String body = owner[i] == null ? lines[i] : bodyOf(lines, owner, owner[i]);
            cleanupOf(file, i + 1, lines[i], body, owner[i], owner[i] == null || active.contains(owner[i]), vars)
                    .ifPresent(cleanups::add);
        }
        return new CleanupScript(file, vars, cleanups, calls, sourced, problems);
    }

    private static Optional<Cleanup> cleanupOf(String file, int line, String text, String body, String function,
                                               boolean active, Map<String, Variable> vars) {
        List<String> words = words(text.substring(text.indexOf("find") + 4));
        if (words.isEmpty()) {
            return Optional.empty();
        }
        String dir = substitute(words.get(0), vars);
        String mtime = null;
        String name = "";
        int maxDepth = Integer.MAX_VALUE;
        for (int k = 1; k + 1 < words.size(); k++) {
            if (words.get(k).equals("-mtime") || words.get(k).equals("-mmin")) {
                mtime = words.get(k).equals("-mtime") ? words.get(k + 1) : null;
            } else if (words.get(k).equals("-name") && name.isEmpty()) {
                name = words.get(k + 1);
            } else if (words.get(k).equals("-maxdepth") && words.get(k + 1).matches("\\d{1,3}")) {
                maxDepth = Integer.parseInt(words.get(k + 1));
            }
        }
        if (mtime == null) {
            return Optional.empty();
        }
        Kind kind;
        if (dir.startsWith("/var/bigbluebutton/recording/status") && body.contains("norecord")) {
            kind = Kind.RAW_UNRECORDED;
        } else if (dir.replaceAll("/+$", "").equals("/var/bigbluebutton/recording/raw") && body.contains("status/published")) {
            kind = Kind.RAW_PUBLISHED;
        } else if (text.contains("-delete") || text.matches(".*-exec\\s+rm.*") || body.matches("(?s).*(\\brm\\s|bbb-record\\s+--delete).*")) {
            kind = Kind.DELETE;
        } else {
            return Optional.empty();
        }
        String unknown = "";
        OptionalLong days = OptionalLong.empty();
        Matcher v = VAR.matcher(mtime);
        while (v.find()) {
            String n = v.group(1) != null ? v.group(1) : v.group(2);
            Variable var = vars.get(n);
            if (var == null) {
                unknown = file + ":" + line + ": $" + n + " is not set in the script or its override";
            } else if (var.value().isEmpty()) {
                unknown = var.unknownBecause();
            }
        }
        String resolved = substitute(mtime, vars);
        if (unknown.isEmpty()) {
            Matcher num = Pattern.compile("\\+?(\\d{1,6})").matcher(resolved);
            if (num.matches()) {
                days = OptionalLong.of(Long.parseLong(num.group(1)));
            } else {
                unknown = file + ":" + line + ": -mtime is not a number of days (or more than 999999)";
            }
        }
        return Optional.of(new Cleanup(kind, dir, name, days, mtime, file + ":" + line, active,
                function == null ? "" : function, unknown, maxDepth));
    }

    /** Which function each line belongs to (null at top level); the defining line belongs to it too. */
    private static String[] functionsOf(String[] lines) {
        String[] owner = new String[lines.length];
        String current = null;
        int depth = 0;
        boolean opened = false;
        for (int i = 0; i < lines.length; i++) {
            if (current == null) {
                Matcher f = comment(lines[i]) ? null : FUNCTION.matcher(lines[i]);
                if (f != null && f.matches()) {
                    current = f.group(1);
                    depth = braces(lines[i]);
                    opened = f.group(2) != null;
                    owner[i] = current;
                }
                continue;
            }
            owner[i] = current;
            if (comment(lines[i])) {
                continue;
            }
            depth += braces(lines[i]);
            opened |= lines[i].contains("{");
            if (opened && depth <= 0) {
                current = null;
            }
        }
        return owner;
    }

    private static int braces(String line) {
        String t = line.replaceAll("\\$\\{[^}]*}", "").replaceAll("'[^']*'", "").replaceAll("\"[^\"]*\"", "");
        int hash = t.indexOf(" #");
        if (hash >= 0) {
            t = t.substring(0, hash);
        }
        int d = 0;
        for (char c : t.toCharArray()) {
            if (c == '{') {
                d++;
            } else if (c == '}') {
                d--;
            }
        }
        return d;
    }

    private static List<Call> calls(String file, String[] lines, String[] owner, Set<String> functions) {
        List<Call> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (owner[i] != null) {
                continue;
            }
            String t = lines[i].strip();
            boolean commented = t.startsWith("#");
            String word = (commented ? t.replaceFirst("^#+\\s*", "") : t).split("[\\s;&|]", 2)[0];
            if (functions.contains(word) && (!commented || t.replaceFirst("^#+\\s*", "").strip().equals(word))) {
                out.add(new Call(word, file + ":" + (i + 1), !commented));
            }
        }
        return out;
    }

    private static String bodyOf(String[] lines, String[] owner, String function) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (function.equals(owner[i]) && !comment(lines[i])) {
                b.append(lines[i]).append('\n');
            }
        }
        return b.toString();
    }

    private static boolean comment(String line) {
        return line.stripLeading().startsWith("#");
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(s.length() - 1) == s.charAt(0)) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    static String substitute(String s, Map<String, Variable> vars) {
        Matcher m = VAR.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String n = m.group(1) != null ? m.group(1) : m.group(2);
            Variable v = vars.get(n);
            m.appendReplacement(b, Matcher.quoteReplacement(v != null && v.value().isPresent() ? v.value().get() : m.group()));
        }
        m.appendTail(b);
        return b.toString();
    }

    /** Shell-like words: whitespace separated, quotes removed, stopping at a comment or pipe. */
    private static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                int close = s.indexOf(c, i + 1);
                w.append(close < 0 ? s.substring(i + 1) : s.substring(i + 1, close));
                i = close < 0 ? s.length() : close;
                inWord = true;
            } else if (Character.isWhitespace(c) || c == '|' || c == ';' || c == ')') {
                if (inWord) {
                    out.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
                if (c == '|' || c == ';' || c == ')') {
                    break;
                }
            } else if (c == '#' && !inWord) {
                break;
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            out.add(w.toString());
        }
        return out;
    }
}
