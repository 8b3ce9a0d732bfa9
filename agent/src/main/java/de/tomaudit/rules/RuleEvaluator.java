package de.tomaudit.rules;

import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.Fact;
import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Secret;
import de.tomaudit.facts.Unavailable;
import de.tomaudit.result.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Evaluates a rule against a target's facts: applicability ({@code when}), then the condition,
 * then the severity grade of a failure. A fact the rule reads but nobody could know makes the
 * finding not-applicable or error with the collector's reason; it never passes.
 */
public final class RuleEvaluator {

    private RuleEvaluator() { }

    public static Evaluation evaluate(Rule rule, FactSet facts) {
        try {
            if (rule.when().isPresent()) {
                Condition when = rule.when().get();
                Resolved r = resolve(when, facts, rule.optional());
                if (r.missing().isPresent()) {
                    return missing(rule, r.missing().get(), List.of());
                }
                Object applies = Conditions.evaluate(when, r.values());
                if (!(applies instanceof Boolean b)) {
                    return error(rule, "'when' must give true or false, gave " + applies);
                }
                if (!b) {
                    String why = rule.notApplicable().en().isEmpty() ? "not applicable: " + when.text() : rule.notApplicable().en();
                    return new Evaluation(rule, Status.NOT_APPLICABLE, rule.severity(), why, evidence(rule, when, facts));
                }
            }
            List<String> lenient = new ArrayList<>(rule.optional());
            lenient.addAll(rule.passRequires());
            Resolved r = resolve(rule.condition(), facts, lenient);
            List<Evidence> evidence = evidence(rule, rule.condition(), facts);
            if (r.missing().isPresent()) {
                return missing(rule, r.missing().get(), evidence);
            }
            Object result = Conditions.evaluate(rule.condition(), r.values());
            if (!(result instanceof Boolean ok)) {
                return error(rule, "condition must give true or false, gave " + result);
            }
            if (ok || rule.severity() == Severity.INFO) {
                for (String key : rule.passRequires()) {
                    if (lookup(key, facts).isEmpty()) {
                        return missing(rule, facts.whyMissing(key).orElse(
                                Unavailable.error(key, "rule", "no collector provides the fact '" + key + "'")), evidence);
                    }
                }
                return new Evaluation(rule, Status.PASS, rule.severity(), "", evidence);
            }
            return new Evaluation(rule, Status.FAIL, grade(rule, facts), "", evidence);
        } catch (NumberFormatException e) {
            // its message quotes the text it could not parse, which came from the target
            return error(rule, "rule " + rule.id() + " (" + rule.source() + ") could not be evaluated: a number is malformed or out of range");
        } catch (IllegalArgumentException e) {
            return error(rule, "rule " + rule.id() + " (" + rule.source() + ") could not be evaluated: " + e.getMessage());
        } catch (RuntimeException e) {
            return error(rule, "rule " + rule.id() + " (" + rule.source() + ") failed: " + de.tomaudit.facts.Crash.describe(e));
        }
    }

    private static Severity grade(Rule rule, FactSet facts) {
        for (Grade g : rule.grades()) {
            Resolved r = resolve(g.when(), facts, rule.optional());
            if (r.missing().isEmpty() && Boolean.TRUE.equals(Conditions.evaluate(g.when(), r.values()))) {
                return g.severity();
            }
        }
        return rule.severity();
    }

    private static Evaluation missing(Rule rule, Unavailable u, List<Evidence> evidence) {
        Status s = u.kind() == Unavailable.Kind.ERROR ? Status.ERROR : Status.NOT_APPLICABLE;
        String prefix = u.kind() == Unavailable.Kind.ERROR ? u.stage() + ": " : "";
        return new Evaluation(rule, s, rule.severity(), prefix + u.reason(), evidence);
    }

    private static Evaluation error(Rule rule, String reason) {
        return new Evaluation(rule, Status.ERROR, rule.severity(), reason, List.of());
    }

    /** Values for every name the condition reads, or the first reason one is missing. */
    record Resolved(Map<String, Object> values, Optional<Unavailable> missing) { }

    static Resolved resolve(Condition c, FactSet facts, List<String> optional) {
        Map<String, Object> values = new HashMap<>();
        for (String ref : c.references()) {
            Optional<Fact> fact = lookup(ref, facts);
            if (fact.isPresent()) {
                values.put(fact.get().key(), toJexl(fact.get().value()));
                continue;
            }
            Optional<String> opt = optional.stream().filter(o -> ref.equals(o) || ref.startsWith(o + ".")).findFirst();
            if (opt.isPresent()) {
                values.put(opt.get(), null);
                continue;
            }
            Optional<Unavailable> why = facts.whyMissing(ref);
            if (why.isEmpty()) {
                why = Optional.of(Unavailable.error(ref, "rule", "no collector provides the fact '" + ref + "'"));
            }
            return new Resolved(values, why);
        }
        return new Resolved(values, Optional.empty());
    }

    /** The fact named by ref or by its longest dotted prefix ({@code a.b.c}, {@code a.b}, {@code a}). */
    static Optional<Fact> lookup(String ref, FactSet facts) {
        String key = ref;
        while (true) {
            Optional<Fact> f = facts.get(key);
            if (f.isPresent()) {
                return f;
            }
            int dot = key.lastIndexOf('.');
            if (dot < 0) {
                return Optional.empty();
            }
            key = key.substring(0, dot);
        }
    }

    private static List<Evidence> evidence(Rule rule, Condition c, FactSet facts) {
        List<String> keys = rule.evidence().isEmpty() ? c.references() : rule.evidence();
        Set<Evidence> out = new LinkedHashSet<>();
        for (String key : keys) {
            lookup(key, facts).ifPresent(f -> {
                if (f.evidence().isEmpty()) {
                    out.add(new Evidence("fact: " + f.key(), String.valueOf(f.value())));
                } else {
                    out.addAll(f.evidence());
                }
            });
        }
        return new ArrayList<>(out);
    }

    /** Secrets become maps of what may be known about them; lists and maps are converted deeply. */
    static Object toJexl(Object v) {
        if (v instanceof Secret s) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("length", (long) s.length());
            m.put("distinct_chars", (long) s.distinctChars());
            m.put("blank", s.blank());
            m.put("sha256", s.sha256());
            m.put("redacted", s.toString());
            return m;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(RuleEvaluator::toJexl).toList();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), toJexl(x)));
            return out;
        }
        return v;
    }
}
