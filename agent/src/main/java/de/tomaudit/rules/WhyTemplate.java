package de.tomaudit.rules;

import de.tomaudit.i18n.AuditTexts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A sentence with {@code {expression}} holes, each a sandboxed rule expression over facts:
 * {@code auth_scram_hash is {t:first(ejabberd.auth).scram_hash}}. Braces nest, so a hole may hold
 * a map literal; a literal brace is written {@code {{}} or {@code {}}}.
 */
public record WhyTemplate(String text, List<Object> parts) {
    public WhyTemplate {
        parts = List.copyOf(parts);
    }

    /** The dotted names its holes read, each once, in order. */
    public List<String> references() {
        List<String> refs = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof Condition hole) {
                hole.references().stream().filter(r -> !refs.contains(r)).forEach(refs::add);
            }
        }
        return refs;
    }

    /** Compiles the template; an unbalanced brace or an expression that does not compile is an IllegalArgumentException. */
    public static WhyTemplate compile(String text) {
        return compile(text, Conditions::compile);
    }

    /**
     * As {@link #compile(String)}, with the holes made by {@code holes} ({@link Conditions#deferred}
     * for a built-in rule); the braces are checked here either way.
     */
    public static WhyTemplate compile(String text, java.util.function.Function<String, Condition> holes) {
        List<Object> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '{' && text.startsWith("{{}", i)) {
                literal.append('{');
                i += 3;
            } else if (c == '{' && text.startsWith("{}}", i)) {
                literal.append('}');
                i += 3;
            } else if (c == '{') {
                int depth = 1;
                int j = i + 1;
                while (j < text.length() && depth > 0) {
                    char d = text.charAt(j);
                    depth += d == '{' ? 1 : d == '}' ? -1 : 0;
                    j++;
                }
                if (depth != 0) {
                    throw new IllegalArgumentException(AuditTexts.get("input.rule.why-unclosed", String.valueOf(i + 1)));
                }
                if (literal.length() > 0) {
                    parts.add(literal.toString());
                    literal.setLength(0);
                }
                parts.add(holes.apply(text.substring(i + 1, j - 1)));
                i = j;
            } else if (c == '}') {
                throw new IllegalArgumentException(AuditTexts.get("input.rule.why-unopened", String.valueOf(i + 1)));
            } else {
                literal.append(c);
                i++;
            }
        }
        if (literal.length() > 0) {
            parts.add(literal.toString());
        }
        return new WhyTemplate(text, parts);
    }

    /** The sentence with every hole filled from the variables. */
    public String render(Map<String, Object> variables) {
        StringBuilder out = new StringBuilder();
        for (Object p : parts) {
            if (p instanceof Condition c) {
                out.append(display(Conditions.evaluate(c, variables)));
            } else {
                out.append(p);
            }
        }
        return out.toString().strip();
    }

    /**
     * Display text of a value: lists joined with commas, maps as key=value, whole (the JSON result
     * and the reports keep the whole why; only the console shortens it, at an item boundary).
     */
    public static String display(Object v) {
        String s;
        if (v == null) {
            s = "unset";
        } else if (v instanceof List<?> l) {
            s = String.join(", ", l.stream().map(WhyTemplate::display).toList());
        } else if (v instanceof Map<?, ?> m) {
            List<String> kv = new ArrayList<>();
            m.forEach((k, x) -> kv.add(k + "=" + display(x)));
            s = String.join(" ", kv);
        } else {
            s = String.valueOf(v);
        }
        return s.replace('\n', ' ');
    }
}
