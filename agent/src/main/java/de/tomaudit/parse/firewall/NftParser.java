package de.tomaudit.parse.firewall;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * nftables rulesets: the output of {@code nft list ruleset} and files in the same syntax such
 * as /etc/nftables.conf ({@code #} comments, {@code flush ruleset}, {@code define} variables,
 * {@code include}, statements separated by {@code ;}, {@code add rule}/{@code add chain}).
 * Tables hold sets (their elements resolve {@code @name} in rules) and chains; a chain's
 * {@code type … hook … ; policy …;} header makes it a base chain.
 */
public final class NftParser {
    static final int MAX_INCLUDE_DEPTH = 16;

    /** Reads included files (a path or a glob) for file parsing; none for command output. */
    public interface Includes {
        /** The matching files with their text, in name order; throws with a message when unreadable. */
        List<Included> resolve(String pattern) throws Exception;

        record Included(String path, String text) { }
    }

    private final Includes includes;
    private final List<FwProblem> problems = new ArrayList<>();
    private final Map<String, ChainBuilder> chains = new LinkedHashMap<>();
    private final Map<String, List<String>> sets = new HashMap<>();
    private final Map<String, String> defines = new HashMap<>();
    private final Deque<Block> blocks = new ArrayDeque<>();
    private final Deque<String> includeStack = new ArrayDeque<>();

    private NftParser(Includes includes) {
        this.includes = includes;
    }

    /** The output of {@code nft list ruleset}; {@code origin} names the command for line references. */
    public static FwRuleset parseOutput(String text, String origin) {
        NftParser p = new NftParser(pattern -> List.of());
        p.parseText(text, origin);
        return p.result();
    }

    /** A ruleset file such as /etc/nftables.conf, following its includes. */
    public static FwRuleset parseFile(String path, String text, Includes includes) {
        NftParser p = new NftParser(includes);
        p.includeStack.push(path);
        p.parseText(text, path);
        return p.result();
    }

    private record Block(String kind, String family, String table, String name) { }

    private static final class ChainBuilder {
        final String family;
        final String table;
        final String name;
        final String origin;
        Optional<String> hook = Optional.empty();
        Optional<String> type = Optional.empty();
        Optional<String> policy = Optional.empty();
        final List<List<String>> ruleTokens = new ArrayList<>();
        final List<String> ruleOrigins = new ArrayList<>();

        ChainBuilder(String family, String table, String name, String origin) {
            this.family = family;
            this.table = table;
            this.name = name;
            this.origin = origin;
        }
    }

    private FwRuleset result() {
        List<FwChain> out = new ArrayList<>();
        for (ChainBuilder c : chains.values()) {
            Map<String, List<String>> tableSets = new HashMap<>();
            String prefix = c.family + " " + c.table + " ";
            sets.forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    tableSets.put(k.substring(prefix.length()), v);
                }
            });
            List<FwRule> rules = new ArrayList<>();
            for (int i = 0; i < c.ruleTokens.size(); i++) {
                rules.add(NftRuleReader.read(c.ruleTokens.get(i), tableSets, c.ruleOrigins.get(i)));
            }
            out.add(new FwChain(c.family, c.table, c.name, c.hook, c.type, c.policy, rules, c.origin));
        }
        return new FwRuleset(out, problems);
    }

    private void parseText(String text, String origin) {
        String[] lines = text.split("\r?\n", -1);
        int i = 0;
        while (i < lines.length) {
            int first = i + 1;
            StringBuilder logical = new StringBuilder(stripComment(lines[i]));
            // an unbalanced { that does not open a block (a multi-line set) continues on the next lines
            while (openBraces(logical) > 0 && !logical.toString().strip().endsWith("{") && i + 1 < lines.length) {
                logical.append(' ').append(stripComment(lines[++i]));
            }
            i++;
            String where = origin + ":" + first;
            for (String stmt : statements(logical.toString())) {
                statement(substitute(stmt.strip(), where), where);
            }
        }
    }

    private void statement(String s, String where) {
        if (s.isEmpty()) {
            return;
        }
        if (s.equals("}")) {
            if (blocks.isEmpty()) {
                problems.add(new FwProblem(where, "unbalanced }"));
            } else {
                blocks.pop();
            }
            return;
        }
        if (s.endsWith("{")) {
            open(FwTokens.split(s.substring(0, s.length() - 1)), where);
            return;
        }
        Block b = blocks.peek();
        List<String> t = FwTokens.split(s);
        if (b == null) {
            topLevel(t, s, where);
        } else if (b.kind.equals("chain")) {
            chainStatement(chains.get(key(b.family, b.table, b.name)), t, where);
        } else if (b.kind.equals("set") && t.size() >= 3 && t.get(0).equals("elements") && t.get(1).equals("=")) {
            sets.put(b.family + " " + b.table + " " + b.name, FwTokens.elements(String.join(" ", t.subList(2, t.size()))));
        }
        // other statements inside tables, sets, maps, flowtables carry nothing for the input path
    }

    private void open(List<String> t, String where) {
        Block parent = blocks.peek();
        if (!t.isEmpty() && t.get(0).equals("table") && parent == null) {
            String family = t.size() >= 3 ? t.get(1) : "ip";
            String name = t.size() >= 3 ? t.get(2) : t.size() == 2 ? t.get(1) : "";
            blocks.push(new Block("table", family, name, name));
        } else if (!t.isEmpty() && t.get(0).equals("chain") && t.size() >= 2 && parent != null && parent.kind.equals("table")) {
            blocks.push(new Block("chain", parent.family, parent.table, t.get(1)));
            chains.computeIfAbsent(key(parent.family, parent.table, t.get(1)),
                    k -> new ChainBuilder(parent.family, parent.table, t.get(1), where));
        } else if (!t.isEmpty() && (t.get(0).equals("set") || t.get(0).equals("map")) && t.size() >= 2 && parent != null) {
            blocks.push(new Block("set", parent.family, parent.table, t.get(1)));
        } else if (parent == null && t.size() >= 5 && t.get(0).equals("add") && t.get(1).equals("chain")) {
            // add chain inet filter input { type filter hook input priority 0; policy drop; }
            chains.computeIfAbsent(key(t.get(2), t.get(3), t.get(4)),
                    k -> new ChainBuilder(t.get(2), t.get(3), t.get(4), where));
            blocks.push(new Block("chain", t.get(2), t.get(3), t.get(4)));
        } else {
            blocks.push(new Block("other", parent == null ? "" : parent.family, parent == null ? "" : parent.table, ""));
        }
    }

    private void topLevel(List<String> t, String s, String where) {
        String w0 = t.get(0);
        if (w0.equals("flush") || w0.equals("#!") || w0.startsWith("#!")) {
            return;
        }
        if (w0.equals("define") && t.size() >= 4 && t.get(2).equals("=")) {
            defines.put(t.get(1), String.join(" ", t.subList(3, t.size())));
            return;
        }
        if (w0.equals("include") && t.size() == 2) {
            include(FwTokens.unquote(t.get(1)), where);
            return;
        }
        if ((w0.equals("add") || w0.equals("insert")) && t.size() >= 5 && t.get(1).equals("rule")) {
            ChainBuilder c = chains.computeIfAbsent(key(t.get(2), t.get(3), t.get(4)),
                    k -> new ChainBuilder(t.get(2), t.get(3), t.get(4), where));
            List<String> rule = t.subList(5, t.size());
            if (w0.equals("insert")) {
                c.ruleTokens.add(0, new ArrayList<>(rule));
                c.ruleOrigins.add(0, where);
            } else {
                c.ruleTokens.add(new ArrayList<>(rule));
                c.ruleOrigins.add(where);
            }
            return;
        }
        if (w0.equals("add") || w0.equals("table") || w0.equals("delete") || w0.equals("destroy")) {
            return; // add table / add set …: nothing for the input path
        }
        problems.add(new FwProblem(where, de.tomaudit.i18n.AuditTexts.get("parse.fw.unknown-statement")));
    }

    private void chainStatement(ChainBuilder c, List<String> t, String where) {
        if (t.get(0).equals("type")) {
            for (int i = 0; i + 1 < t.size(); i++) {
                switch (t.get(i)) {
                    case "type" -> c.type = Optional.of(t.get(i + 1));
                    case "hook" -> c.hook = Optional.of(t.get(i + 1));
                    case "policy" -> c.policy = Optional.of(FwTokens.policy(t.get(i + 1)));
                    default -> { }
                }
            }
            return;
        }
        if (t.get(0).equals("policy") && t.size() >= 2) {
            c.policy = Optional.of(FwTokens.policy(t.get(1)));
            return;
        }
        if (t.get(0).equals("comment") || t.get(0).equals("devices") || t.get(0).equals("flags")) {
            return;
        }
        c.ruleTokens.add(t);
        c.ruleOrigins.add(where);
    }

    private void include(String pattern, String where) {
        if (includeStack.size() > MAX_INCLUDE_DEPTH) {
            problems.add(new FwProblem(where, de.tomaudit.i18n.AuditTexts.get("parse.fw.include-depth")));
            return;
        }
        List<Includes.Included> files;
        try {
            files = includes.resolve(pattern);
        } catch (Exception e) {
            problems.add(new FwProblem(where, "include: " + e.getMessage()));
            return;
        }
        for (Includes.Included f : files) {
            if (includeStack.contains(f.path())) {
                problems.add(new FwProblem(where, de.tomaudit.i18n.AuditTexts.get("parse.fw.include-loop", f.path())));
                continue;
            }
            includeStack.push(f.path());
            parseText(f.text(), f.path());
            includeStack.pop();
        }
    }

    private String substitute(String s, String where) {
        if (s.indexOf('$') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '$') {
                int j = i + 1;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                    j++;
                }
                String name = s.substring(i + 1, j);
                String v = defines.get(name);
                if (v == null) {
                    problems.add(new FwProblem(where, de.tomaudit.i18n.AuditTexts.get("parse.fw.undefined-variable")));
                    out.append(s, i, j);
                } else {
                    out.append(v);
                }
                i = j;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String key(String family, String table, String chain) {
        return family + " " + table + " " + chain;
    }

    /** Splits on ; outside quotes and braces that do not end the line (chain headers use ;). */
    private static List<String> statements(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quote = false;
        int depth = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quote = !quote;
            } else if (!quote && c == '{') {
                depth++;
            } else if (!quote && c == '}') {
                depth--;
            }
            if (c == ';' && !quote && depth <= 0) {
                out.add(cur.toString());
                cur.setLength(0);
                continue;
            }
            cur.append(c);
        }
        String rest = cur.toString().strip();
        // "chain input { type filter hook input priority 0; policy drop; }" on one line
        if (rest.contains("{") && rest.endsWith("}") && !rest.startsWith("{") && depth == 0 && !rest.contains("elements")
                && (rest.startsWith("chain") || rest.startsWith("add chain") || rest.startsWith("table")
                || rest.startsWith("set") || rest.startsWith("map"))) {
            int open = rest.indexOf('{');
            out.add(rest.substring(0, open + 1));
            out.addAll(statements(rest.substring(open + 1, rest.length() - 1)));
            out.add("}");
            return out;
        }
        out.add(cur.toString());
        return out;
    }

    private static int openBraces(CharSequence s) {
        int depth = 0;
        boolean quote = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quote = !quote;
            } else if (!quote && c == '{') {
                depth++;
            } else if (!quote && c == '}') {
                depth--;
            }
        }
        return depth;
    }

    private static String stripComment(String line) {
        boolean quote = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quote = !quote;
            } else if (c == '#' && !quote) {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
