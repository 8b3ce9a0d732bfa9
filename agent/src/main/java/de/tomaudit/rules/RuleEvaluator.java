package de.tomaudit.rules;

import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.Fact;
import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Secret;
import de.tomaudit.facts.Unavailable;
import de.tomaudit.result.Status;
import java.util.ArrayList;
import java.util.Collections;
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
        if (rule.manual()) {
            Text question = rule.question().orElseThrow();
            return new Evaluation(rule, Status.MANUAL, rule.severity(), question.en(), List.of(), question);
        }
        try {
            if (rule.when().isPresent()) {
                Condition when = rule.when().get();
                Resolved r = resolve(when, facts, rule.optional());
                if (r.missing().isPresent()) {
                    return missing(rule, r.missing().get(), List.of());
                }
                Object applies = Conditions.evaluate(when, r.values());
                if (!(applies instanceof Boolean b)) {
                    return error(rule, de.tomaudit.i18n.AuditTexts.get("rule.when-not-boolean", String.valueOf(applies)));
                }
                if (!b) {
                    Text why = rule.notApplicable().en().isEmpty() ? new Text("not applicable: " + when.text(),
                            "nicht anwendbar: " + when.text()) : rule.notApplicable();
                    return new Evaluation(rule, Status.NOT_APPLICABLE, rule.severity(), why.en(), evidence(rule, when, facts), why);
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
                return error(rule, de.tomaudit.i18n.AuditTexts.get("rule.condition-not-boolean", String.valueOf(result)));
            }
            if (ok) {
                for (String key : rule.passRequires()) {
                    if (lookup(key, facts).isEmpty()) {
                        return missing(rule, facts.whyMissing(key).orElse(
                                Unavailable.error(key, "rule", de.tomaudit.i18n.AuditTexts.get("rule.no-collector", key))), evidence);
                    }
                }
                return new Evaluation(rule, Status.PASS, rule.severity(), "", evidence);
            }
            return failed(rule, facts, r.values());
        } catch (NumberFormatException e) {
            // its message quotes the text it could not parse, which came from the target
            return error(rule, de.tomaudit.i18n.AuditTexts.get("rule.not-evaluated", rule.id(), rule.source(),
                    de.tomaudit.i18n.AuditTexts.get("rule.bad-number")));
        } catch (IllegalArgumentException e) {
            return error(rule, de.tomaudit.i18n.AuditTexts.get("rule.not-evaluated", rule.id(), rule.source(), e.getMessage()));
        } catch (RuntimeException e) {
            return error(rule, de.tomaudit.i18n.AuditTexts.get("rule.crashed", rule.id(), rule.source(), de.tomaudit.facts.Crash.describe(e)));
        }
    }

    /**
     * A failure: its why-line is the first of the rule's {@code why:} sentences whose {@code when}
     * holds and that renders; the evidence of the facts that sentence names comes first. A rule
     * without one says which fact it read and what that fact was.
     */
    private static Evaluation failed(Rule rule, FactSet facts, Map<String, Object> conditionValues) {
        for (Why w : rule.why()) {
            try {
                List<String> refs = new ArrayList<>(w.en().references());
                w.when().ifPresent(c -> refs.addAll(c.references()));
                w.de().references().forEach(refs::add);
                Map<String, Object> values = new HashMap<>(conditionValues);
                for (String ref : refs) {
                    lookup(ref, facts).ifPresent(f -> values.put(f.key(), facts.derived(f, RuleEvaluator::toJexl)));
                }
                if (w.when().isPresent() && !Boolean.TRUE.equals(Conditions.evaluate(w.when().get(), values))) {
                    continue;
                }
                Text why = new Text(w.en().render(values), w.de().render(values));
                List<String> named = rule.evidence().isEmpty() ? rule.condition().references() : rule.evidence();
                List<String> first = w.en().references().stream()
                        .filter(ref -> named.stream().anyMatch(n -> ref.equals(n) || ref.startsWith(n + ".") || n.startsWith(ref + ".")))
                        .toList();
                List<String> deciding = new ArrayList<>();
                w.when().ifPresent(c -> deciding.add(c.text()));
                deciding.add(w.en().text());
                List<Evidence> evidence = evidence(rule, rule.condition(), facts, first,
                        DecidingEntries.fromWhy(deciding, values));
                return new Evaluation(rule, Status.FAIL, grade(rule, facts), "", evidence, why);
            } catch (IllegalArgumentException e) {
                // a why that cannot be rendered on these facts: try the next, then the generic line
            }
        }
        List<Evidence> evidence = evidence(rule, rule.condition(), facts, List.of(),
                DecidingEntries.fromCondition(rule.condition().text(), conditionValues));
        return new Evaluation(rule, Status.FAIL, grade(rule, facts), "", evidence, genericWhy(rule, facts, conditionValues));
    }

    /**
     * Without a {@code why:} that applies: the first part of the condition (split at its top-level
     * {@code &&}) that does not hold, said as "KEY is VALUE" for each plain value it reads. A part
     * that quantifies over a list ({@code t:none}, {@code t:all}, {@code t:any}, {@code size},
     * {@code empty}) names the entries that decide it: those that match for {@code t:none}, those
     * that do not for {@code t:all}. Never the expression's text.
     */
    static Text genericWhy(Rule rule, FactSet facts, Map<String, Object> values) {
        List<String> parts = ConditionParts.conjuncts(rule.condition().text());
        for (String part : parts) {
            Condition c;
            try {
                c = Conditions.compile(part);
                if (!Boolean.FALSE.equals(Conditions.evaluate(c, values))) {
                    continue;
                }
            } catch (IllegalArgumentException e) {
                continue;
            }
            Optional<Text> entries = entriesWhy(part, values);
            if (entries.isPresent()) {
                return entries.get();
            }
            List<String> en = new ArrayList<>();
            List<String> de = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            Set<String> wholeMaps = new LinkedHashSet<>();
            for (String ref : c.references()) {
                Optional<Fact> f = lookup(ref, facts);
                Optional<Object> field = f.flatMap(x -> mapField(x, ref));
                if (field.isPresent()) {
                    // a plain field of a map fact ("bbb.coturn.use_auth_secret is false"), not the whole map
                    if (seen.add(ref)) {
                        Object v = field.get();
                        boolean none = v == NULL_FIELD || v instanceof List<?> l && l.isEmpty() || "".equals(v);
                        String shown = none ? "" : WhyTemplate.display(toJexl(v));
                        en.add(ref + " is " + (v == NULL_FIELD ? "unset" : none ? "empty" : shown));
                        de.add(ref + " ist " + (v == NULL_FIELD ? "nicht gesetzt" : none ? "leer" : shown));
                    }
                    continue;
                }
                if (f.isPresent() && f.get().value() instanceof Map<?, ?> && ref.equals(f.get().key())) {
                    wholeMaps.add(ref); // said only when none of its fields is
                    continue;
                }
                if (f.isEmpty() || !seen.add(f.get().key())) {
                    continue;
                }
                Object v = f.get().value();
                Optional<Text> inside = v instanceof List<?> ? quantifiedInside(part, f.get().key(), values) : Optional.empty();
                if (inside.isEmpty() && v instanceof List<?> && quantifiersHold(part, f.get().key(), values)) {
                    continue; // read only by quantifiers that hold: not what decides the failure
                }
                if (inside.isPresent()) {
                    en.add(inside.get().en());
                    de.add(inside.get().de());
                } else if (v instanceof List<?> l) {
                    en.add(text("en", "rule.why.list", f.get().key(), l.size()));
                    de.add(text("de", "rule.why.list", f.get().key(), l.size()));
                } else if (v instanceof Map<?, ?>) {
                    en.add(text("en", "rule.why.map", f.get().key()));
                    de.add(text("de", "rule.why.map", f.get().key()));
                } else {
                    String shown = WhyTemplate.display(toJexl(v));
                    en.add(f.get().key() + " is " + shown);
                    de.add(f.get().key() + " ist " + shown);
                }
            }
            for (String map : wholeMaps) {
                if (seen.stream().noneMatch(r -> r.startsWith(map + "."))) {
                    en.add(text("en", "rule.why.map", map));
                    de.add(text("de", "rule.why.map", map));
                }
            }
            if (en.isEmpty()) {
                continue;
            }
            return new Text(String.join(", ", en), String.join(", ", de));
        }
        return new Text(text("en", "rule.why.condition"), text("de", "rule.why.condition"));
    }

    private static final java.util.regex.Pattern QUANTIFIER =
            java.util.regex.Pattern.compile("t:(none|all|any)\\s*\\(");
    private static final java.util.regex.Pattern SIZE =
            java.util.regex.Pattern.compile("(!?)\\s*(size|empty)\\s*\\(([\\w.]+)\\)\\s*(?:(==|>|>=|!=)\\s*([01]))?");
    private static final java.util.regex.Pattern LAMBDA =
            java.util.regex.Pattern.compile("(?s)([A-Za-z_]\\w*)\\s*->(.*)");
    /** Entries a generic why names at most; the rest is counted. */
    static final int WHY_ENTRIES = 3;
    /** Fields that name a list entry, in the order tried. */
    private static final List<String> LABELS = List.of("name", "label", "suite", "path", "host", "endpoint", "id", "source");

    /**
     * The why of a failing part that quantifies over a list or asks for its size, naming the
     * entries that decide it; empty for any other part.
     */
    static Optional<Text> entriesWhy(String part, Map<String, Object> values) {
        String p = ConditionParts.unwrapped(part);
        java.util.regex.Matcher size = SIZE.matcher(p);
        if (size.matches()) {
            Object list = values.get(size.group(3));
            if (!(list instanceof List<?> l)) {
                return Optional.empty();
            }
            if (l.isEmpty()) {
                return Optional.of(new Text(text("en", "rule.why.empty", size.group(3)), text("de", "rule.why.empty", size.group(3))));
            }
            return Optional.of(new Text(text("en", "rule.why.not-empty", size.group(3), l.size(), entries("en", l)),
                    text("de", "rule.why.not-empty", size.group(3), l.size(), entries("de", l))));
        }
        java.util.regex.Matcher q = QUANTIFIER.matcher(p);
        if (!q.lookingAt()) {
            return Optional.empty();
        }
        int open = q.end() - 1;
        if (ConditionParts.closing(p, open) != p.length() - 1) {
            return Optional.empty();
        }
        List<String> args = ConditionParts.arguments(p.substring(open + 1, p.length() - 1));
        java.util.regex.Matcher lambda = args.size() == 2 ? LAMBDA.matcher(args.get(1)) : null;
        if (lambda == null || !lambda.matches()) {
            return Optional.empty();
        }
        try {
            Object all = Conditions.evaluate(Conditions.compile(args.get(0)), values);
            if (!(all instanceof List<?> list)) {
                return Optional.empty();
            }
            Condition listExpr = Conditions.compile(args.get(0));
            String name = args.get(0).matches("[\\w.]+") ? args.get(0)
                    : listExpr.references().isEmpty() ? args.get(0) : listExpr.references().get(0);
            if (Boolean.TRUE.equals(Conditions.evaluate(Conditions.compile(p), values))) {
                return Optional.empty(); // it holds: not what decides the failure
            }
            if (list.isEmpty()) {
                return Optional.of(new Text(text("en", "rule.why.empty", name), text("de", "rule.why.empty", name)));
            }
            String kind = q.group(1);
            if (kind.equals("any")) {
                return Optional.of(new Text(text("en", "rule.why.none-qualifies", name, list.size(), entries("en", list)),
                        text("de", "rule.why.none-qualifies", name, list.size(), entries("de", list))));
            }
            String v = lambda.group(1);
            String body = lambda.group(2).strip();
            String keep = kind.equals("none") ? body : "!(" + body + ")";
            Object bad = Conditions.evaluate(Conditions.compile("t:filter(" + args.get(0) + ", " + v + " -> " + keep + ")"), values);
            if (!(bad instanceof List<?> b) || b.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Text(text("en", "rule.why.entries", name, b.size(), list.size(), entries("en", b)),
                    text("de", "rule.why.entries", name, b.size(), list.size(), entries("de", b))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Within a part that is more than one quantifier ({@code a != true || t:all(list, x -> …)}), the
     * entries of {@code key} that decide the first quantifier over it that does not hold.
     */
    private static Optional<Text> quantifiedInside(String part, String key, Map<String, Object> values) {
        java.util.regex.Matcher q = QUANTIFIER.matcher(part);
        while (q.find()) {
            int close = ConditionParts.closing(part, q.end() - 1);
            if (close < 0) {
                continue;
            }
            List<String> args = ConditionParts.arguments(part.substring(q.end(), close));
            if (args.isEmpty() || !args.get(0).matches(".*\\b" + java.util.regex.Pattern.quote(key) + "\\b.*")) {
                continue;
            }
            Optional<Text> t = entriesWhy(part.substring(q.start(), close + 1), values);
            if (t.isPresent()) {
                return t;
            }
        }
        return Optional.empty();
    }

    /** Whether {@code key} is read by at least one quantifier of the part and every such quantifier holds. */
    private static boolean quantifiersHold(String part, String key, Map<String, Object> values) {
        java.util.regex.Matcher q = QUANTIFIER.matcher(part);
        boolean seen = false;
        while (q.find()) {
            int close = ConditionParts.closing(part, q.end() - 1);
            if (close < 0) {
                return false;
            }
            List<String> args = ConditionParts.arguments(part.substring(q.end(), close));
            if (args.isEmpty() || !args.get(0).matches(".*\\b" + java.util.regex.Pattern.quote(key) + "\\b.*")) {
                continue;
            }
            try {
                if (!Boolean.TRUE.equals(Conditions.evaluate(Conditions.compile(part.substring(q.start(), close + 1)), values))) {
                    return false;
                }
            } catch (IllegalArgumentException e) {
                return false;
            }
            seen = true;
        }
        return seen;
    }

    /** At most {@link #WHY_ENTRIES} entries by their name, then how many more. */
    private static String entries(String lang, List<?> list) {
        List<String> shown = list.stream().limit(WHY_ENTRIES).map(RuleEvaluator::entryName).toList();
        String joined = String.join(", ", shown);
        return list.size() <= WHY_ENTRIES ? joined : text(lang, "rule.why.more", joined, list.size() - WHY_ENTRIES);
    }

    /**
     * An entry as a why names it: its name or label (or the first other field that names it, with
     * the endpoint it was seen on), a setting as "keyword value", anything else as it displays.
     */
    static String entryName(Object entry) {
        if (entry instanceof Map<?, ?> m) {
            if (m.get("keyword") != null && m.get("value") != null) {
                return m.get("keyword") + " " + WhyTemplate.display(m.get("value"));
            }
            for (String key : LABELS) {
                Object v = m.get(key);
                if (v != null && !(v instanceof Map<?, ?>) && !(v instanceof List<?>) && !"".equals(v)) {
                    Object endpoint = m.get("endpoint");
                    return WhyTemplate.display(v) + (endpoint != null && !key.equals("endpoint") ? " (" + endpoint + ")" : "");
                }
            }
        }
        return WhyTemplate.display(entry);
    }

    private static String text(String lang, String key, Object... args) {
        return de.tomaudit.i18n.AuditTexts.with(lang, () -> de.tomaudit.i18n.AuditTexts.get(key, args));
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
                values.put(fact.get().key(), facts.derived(fact.get(), RuleEvaluator::toJexl));
                continue;
            }
            Optional<String> opt = optional.stream().filter(o -> ref.equals(o) || ref.startsWith(o + ".")).findFirst();
            if (opt.isPresent()) {
                values.put(opt.get(), null);
                continue;
            }
            Optional<Unavailable> why = facts.whyMissing(ref);
            if (why.isEmpty()) {
                why = Optional.of(Unavailable.error(ref, "rule", de.tomaudit.i18n.AuditTexts.get("rule.no-collector", ref)));
            }
            return new Resolved(values, why);
        }
        return new Resolved(values, Optional.empty());
    }

    /**
     * The value of {@code ref} inside a map fact ({@code bbb.coturn.no_tlsv1} of the fact
     * {@code bbb.coturn}) when it is plain (a scalar, null, or a list of scalars); empty otherwise.
     */
    static Optional<Object> mapField(Fact fact, String ref) {
        if (ref.length() <= fact.key().length() || !(fact.value() instanceof Map<?, ?>)) {
            return Optional.empty();
        }
        Object v = fact.value();
        for (String name : ref.substring(fact.key().length() + 1).split("\\.")) {
            if (!(v instanceof Map<?, ?> m) || !m.containsKey(name)) {
                return Optional.empty();
            }
            v = m.get(name);
        }
        boolean plain = v == null || !(v instanceof Map<?, ?>)
                && (!(v instanceof List<?> l) || l.stream().noneMatch(x -> x instanceof Map<?, ?> || x instanceof List<?>));
        return plain ? Optional.of(v == null ? NULL_FIELD : v) : Optional.empty();
    }

    /** Stands for a field that is present and null (Optional cannot hold null). */
    private static final Object NULL_FIELD = new Object();

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
        return evidence(rule, c, facts, List.of(), Map.of());
    }

    /**
     * The evidence of the rule's facts, that of the facts named in {@code first} before the rest, and
     * within a list fact the lines of its {@code deciding} entries (those that made the rule fail) first.
     */
    private static List<Evidence> evidence(Rule rule, Condition c, FactSet facts, List<String> first,
                                           Map<String, DecidingEntries.Decided> deciding) {
        List<String> keys = new ArrayList<>(first);
        keys.addAll(rule.evidence().isEmpty() ? c.references() : rule.evidence());
        Set<Evidence> out = new LinkedHashSet<>();
        for (String key : keys) {
            lookup(key, facts).ifPresent(f -> {
                if (f.evidence().isEmpty()) {
                    out.add(new Evidence("fact: " + f.key(), String.valueOf(f.value())));
                } else {
                    List<Evidence> lines = filtered(rule, f);
                    DecidingEntries.Decided decided = deciding.get(f.key());
                    if (decided != null) {
                        lines = DecidingEntries.first(lines, toJexl(f.value()), decided);
                    }
                    out.addAll(capped(f.key(), lines));
                }
            });
        }
        return new ArrayList<>(out);
    }

    /** Lines of one fact a finding shows at most; the rest is counted in one last line. */
    static final int MAX_EVIDENCE_PER_FACT = 100;

    /**
     * At most {@link #MAX_EVIDENCE_PER_FACT} lines of a fact, then one line saying how many more
     * there are: 30,000 Match blocks that turn passwords on are one finding, not a report of
     * 30,000 lines (and a history row of megabytes) per rule that looks at them.
     */
    private static List<Evidence> capped(String key, List<Evidence> lines) {
        if (lines.size() <= MAX_EVIDENCE_PER_FACT) {
            return lines;
        }
        List<Evidence> out = new ArrayList<>(lines.subList(0, MAX_EVIDENCE_PER_FACT));
        out.add(new Evidence("fact: " + key, de.tomaudit.i18n.AuditTexts.get("rule.evidence-capped",
                lines.size() - MAX_EVIDENCE_PER_FACT, lines.size())));
        return out;
    }

    /**
     * The fact's evidence, or with an {@code evidenceWhere} filter only the lines of the entries it
     * keeps: a line belongs to an entry when its source is the entry's {@code source} or its value
     * starts with the entry's {@code label}, and so do the lines after it up to another entry's.
     */
    private static List<Evidence> filtered(Rule rule, Fact f) {
        Condition filter = rule.evidenceWhere().get(f.key());
        if (filter == null) {
            return f.evidence();
        }
        Object kept;
        try {
            kept = Conditions.evaluate(filter, Map.of(f.key(), toJexl(f.value())));
        } catch (IllegalArgumentException e) {
            return f.evidence();
        }
        if (!(kept instanceof List<?> keptEntries) || !(toJexl(f.value()) instanceof List<?> all)) {
            return f.evidence();
        }
        return DecidingEntries.only(f.evidence(), all, new ArrayList<>(keptEntries));
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
        // a list or map with no secret inside (and string keys) is passed as it is: facts are immutable
        // already, and a fact of 30,000 Match overrides is not copied once for every rule that reads it
        if (v instanceof List<?> l) {
            List<Object> out = null;
            for (int i = 0; i < l.size(); i++) {
                Object x = l.get(i);
                Object y = toJexl(x);
                if (out == null && y != x) {
                    out = new ArrayList<>(l.subList(0, i));
                }
                if (out != null) {
                    out.add(y);
                }
            }
            return out == null ? l : Collections.unmodifiableList(out);
        }
        if (v instanceof Map<?, ?> m) {
            boolean same = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String) || toJexl(e.getValue()) != e.getValue()) {
                    same = false;
                    break;
                }
            }
            if (same) {
                return m;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), toJexl(x)));
            return out;
        }
        return v;
    }
}
