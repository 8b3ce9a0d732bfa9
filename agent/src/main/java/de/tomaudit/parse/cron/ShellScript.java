package de.tomaudit.parse.cron;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A shell script read for what it runs: its pipelines, with the variables it assigns
 * ({@code NAME=value}, {@code export NAME=value}, {@code readonly}/{@code local}/{@code declare})
 * substituted where they are used. Assignments are applied in file order and the last one
 * wins everywhere (the script is not executed, so branches are not followed).
 */
public record ShellScript(String path, Map<String, String> vars, List<ShellPipeline> pipelines) {

    private static final Set<String> DECLARERS = Set.of("export", "readonly", "local", "declare", "typeset");
    private static final Pattern REF = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    public ShellScript {
        vars = Map.copyOf(vars);
        pipelines = List.copyOf(pipelines);
    }

    public static ShellScript parse(String path, String text, Map<String, String> inherited) {
        Map<String, String> vars = new LinkedHashMap<>(inherited);
        for (ShellPipeline p : ShellCommandParser.parse(text, Map.of())) {
            for (ShellCommand c : p.commands()) {
                if (c.argv().isEmpty()) {
                    c.assignments().forEach(a -> assign(vars, a));
                } else if (DECLARERS.contains(c.argv().get(0))) {
                    c.argv().stream().skip(1).filter(w -> w.indexOf('=') > 0 && !w.startsWith("-"))
                            .forEach(a -> assign(vars, a));
                }
            }
        }
        return new ShellScript(path, vars, ShellCommandParser.parse(text, vars));
    }

    private static void assign(Map<String, String> vars, String assignment) {
        int eq = assignment.indexOf('=');
        vars.put(assignment.substring(0, eq), substitute(assignment.substring(eq + 1), vars));
    }

    /** Replaces {@code $NAME}, {@code ${NAME}} and {@code ${NAME:-default}} with known values. */
    public static String substitute(String value, Map<String, String> vars) {
        Matcher m = REF.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(3);
            String v = vars.get(name);
            if (v == null && m.group(2) != null) {
                v = m.group(2);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v != null ? v : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
