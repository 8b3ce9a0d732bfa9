package de.tomaudit.rules;

import de.tomaudit.facts.Evidence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The entries of a list fact that made a rule fail, and its evidence with their lines first. A
 * finding shows only its first evidence lines on the console: when the why-line names the listener on
 * port 5443, the lines of that listener come first, not those of the listener on 5222 that passes.
 *
 * <p>The entries are found from the text of what decided: in the applied why's {@code when} and
 * template, {@code t:any(F, x -> p)} and {@code t:filter(F, x -> p)} name the entries of fact F for
 * which p holds; with no why, in the rule's condition, {@code t:none(F, x -> p)} names those for
 * which p holds and {@code t:all(F, x -> p)} those for which it does not. An entry's lines are those
 * whose source is its {@code source} or whose value starts with its {@code label}, and the lines
 * after them up to the next line of another entry (collectors write an entry's lines together).
 * Lines are only moved, never dropped.
 */
final class DecidingEntries {
    private static final Pattern CALL = Pattern.compile("t:(any|filter|none|all)\\(\\s*([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z0-9_]+)+)\\s*,");

    private DecidingEntries() { }

    /** From a why's texts: {@code t:any} and {@code t:filter} calls name the entries for which their lambda holds. */
    static Map<String, Decided> fromWhy(List<String> texts, Map<String, Object> values) {
        Map<String, Decided> out = new LinkedHashMap<>();
        for (String text : texts) {
            for (Call c : calls(text)) {
                if (c.kind().equals("any") || c.kind().equals("filter")) {
                    add(out, c, select(c, false, values));
                }
            }
        }
        return out;
    }

    /** From a failed condition: {@code t:none} names the entries its lambda holds for, {@code t:all} those it does not. */
    static Map<String, Decided> fromCondition(String condition, Map<String, Object> values) {
        Map<String, Decided> out = new LinkedHashMap<>();
        for (Call c : calls(condition)) {
            if (c.kind().equals("none")) {
                add(out, c, select(c, false, values));
            } else if (c.kind().equals("all")) {
                add(out, c, select(c, true, values));
            }
        }
        return out;
    }

    /**
     * The entries of one list fact that decided, and the fields of theirs the deciding expression read
     * ({@code l.protocol_options}): of a deciding entry's lines, those naming such a field come first.
     */
    record Decided(List<Object> entries, Set<String> fields) { }

    /** {@code lines} of fact {@code entries}, the lines of the deciding entries first (each group in its order). */
    static List<Evidence> first(List<Evidence> lines, Object entries, Decided decided) {
        if (decided == null || decided.entries().isEmpty() || !(entries instanceof List<?> all) || lines.size() < 2) {
            return lines;
        }
        List<Evidence> named = new ArrayList<>();
        List<Evidence> front = new ArrayList<>();
        List<Evidence> rest = new ArrayList<>();
        Boolean current = null; // the entry the lines belong to decided (true), did not (false), unknown (null)
        for (Evidence e : lines) {
            Boolean owner = owner(e, all, decided.entries());
            if (owner != null) {
                current = owner;
            }
            if (!Boolean.TRUE.equals(current)) {
                rest.add(e);
            } else if (decided.fields().stream().anyMatch(f -> e.source().contains(f) || e.value().contains(f))) {
                named.add(e);
            } else {
                front.add(e);
            }
        }
        if (named.isEmpty() && front.isEmpty()) {
            return lines;
        }
        named.addAll(front);
        named.addAll(rest);
        return named;
    }

    /**
     * Only the lines of the {@code kept} entries among {@code all}: a line of its own (its source or label) and
     * the lines after it up to the next line of another entry; lines before the first entry's are dropped.
     */
    static List<Evidence> only(List<Evidence> lines, List<?> all, List<Object> kept) {
        List<Evidence> out = new ArrayList<>();
        boolean keeping = false;
        for (Evidence e : lines) {
            Boolean owner = owner(e, all, kept);
            if (owner != null) {
                keeping = owner;
            }
            if (keeping) {
                out.add(e);
            }
        }
        return out;
    }

    /** True when the line belongs to a deciding entry, false to another entry, null to none it can tell. */
    private static Boolean owner(Evidence e, List<?> all, List<Object> deciding) {
        boolean other = false;
        for (Object o : all) {
            if (o instanceof Map<?, ?> m && belongs(e, m)) {
                if (deciding.contains(o)) {
                    return true;
                }
                other = true;
            }
        }
        return other ? Boolean.FALSE : null;
    }

    private static boolean belongs(Evidence e, Map<?, ?> entry) {
        Object source = entry.get("source");
        if (source != null && e.source().equals(String.valueOf(source))) {
            return true;
        }
        Object label = entry.get("label");
        return label != null && (e.value().equals(String.valueOf(label)) || e.value().startsWith(label + " "));
    }

    private static void add(Map<String, Decided> out, Call c, Optional<List<Object>> entries) {
        entries.ifPresent(l -> {
            Decided d = out.computeIfAbsent(c.fact(), k -> new Decided(new ArrayList<>(), new LinkedHashSet<>()));
            d.entries().addAll(l);
            d.fields().addAll(c.fields());
        });
    }

    private static Optional<List<Object>> select(Call c, boolean negate, Map<String, Object> values) {
        if (!values.containsKey(c.fact())) {
            return Optional.empty();
        }
        int arrow = c.lambda().indexOf("->");
        if (arrow < 0) {
            return Optional.empty();
        }
        String param = c.lambda().substring(0, arrow).strip();
        String body = c.lambda().substring(arrow + 2).strip();
        String expr = "t:filter(" + c.fact() + ", " + param + " -> " + (negate ? "!(" + body + ")" : "(" + body + ")") + ")";
        try {
            Object r = Conditions.evaluate(Conditions.compile(expr), values);
            return r instanceof List<?> l ? Optional.of(new ArrayList<>(l)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not an expression on its own here: no order from it
        }
    }

    record Call(String kind, String fact, String lambda) {
        private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

        /** The fields of its parameter the lambda reads ({@code l.port} in {@code l -> l.port > 0}), at least 4 characters long. */
        Set<String> fields() {
            int arrow = lambda.indexOf("->");
            Set<String> out = new LinkedHashSet<>();
            if (arrow < 0 || !NAME.matcher(lambda.substring(0, arrow).strip()).matches()) {
                return out;
            }
            Matcher m = Pattern.compile("\\b" + Pattern.quote(lambda.substring(0, arrow).strip()) + "\\.([A-Za-z_][A-Za-z0-9_]*)")
                    .matcher(lambda.substring(arrow + 2));
            while (m.find()) {
                if (m.group(1).length() >= 4) {
                    out.add(m.group(1));
                }
            }
            return out;
        }
    }

    /** The {@code t:any/filter/none/all(FACT, LAMBDA)} calls in an expression or a why template. */
    static List<Call> calls(String text) {
        List<Call> out = new ArrayList<>();
        Matcher m = CALL.matcher(text);
        while (m.find()) {
            int end = ConditionParts.closing(text, text.indexOf('(', m.start()));
            if (end > m.end()) {
                out.add(new Call(m.group(1), m.group(2), text.substring(m.end(), end).strip()));
            }
        }
        return out;
    }
}
