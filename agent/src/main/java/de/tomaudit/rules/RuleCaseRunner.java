package de.tomaudit.rules;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.result.Status;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the rule cases of a pack folder against its rules, and requires that every rule has at
 * least one passing and one failing case (a manual rule: one case that gives {@code manual}, as it
 * has nothing to pass or fail on). Used by {@code tomaudit rules check} and the test suite.
 */
public final class RuleCaseRunner {

    /** One checked case, or a rule's missing coverage (then {@code name} says which). */
    public record Outcome(String ruleId, String name, String source, boolean ok, String message) { }

    private RuleCaseRunner() { }

    /** Loads the rules and cases under root (rule files and tests/ folders) and runs them. */
    public static List<Outcome> check(Path root) throws RuleFileException {
        List<Rule> rules = RuleLoader.loadDirectory(root);
        List<RuleCase> cases = new ArrayList<>();
        try {
            for (Path f : RuleLoader.yamlFiles(root, true)) {
                cases.addAll(RuleCaseParser.parse(RuleLoader.display(f), RuleLoader.readText(f)));
            }
        } catch (IOException e) {
            throw new RuleFileException(root + ": " + e.getMessage());
        }
        return run(rules, cases);
    }

    /**
     * The why-line of every failing case of the pack under {@code root}, in English and German:
     * not ok where it shows the rule's expression (the generic "does not meet: CONDITION") instead
     * of the deciding fact in words, i.e. where the rule needs a {@code why:} sentence for that case.
     */
    public static List<Outcome> whyLines(Path root) throws RuleFileException {
        Map<String, Rule> byId = new LinkedHashMap<>();
        RuleLoader.loadDirectory(root).forEach(r -> byId.put(r.id(), r));
        List<Outcome> out = new ArrayList<>();
        try {
            for (Path f : RuleLoader.yamlFiles(root, true)) {
                for (RuleCase c : RuleCaseParser.parse(RuleLoader.display(f), RuleLoader.readText(f))) {
                    Rule rule = byId.get(c.ruleId());
                    Evaluation e = rule == null ? null : RuleEvaluator.evaluate(rule, c.facts());
                    if (e == null || e.status() != Status.FAIL) {
                        continue;
                    }
                    List<String> shown = new ArrayList<>();
                    for (String line : List.of(e.why().en(), e.why().de())) {
                        if (line.isBlank() || showsExpression(rule, line)) {
                            shown.add("'" + line + "'");
                        }
                    }
                    out.add(new Outcome(c.ruleId(), c.name(), c.source(), shown.isEmpty(),
                            shown.isEmpty() ? "" : AuditTexts.get("rules.check.why-expression", String.join(" / ", shown))));
                }
            }
        } catch (IOException e) {
            throw new RuleFileException(root + ": " + e.getMessage());
        }
        return out;
    }

    /** Whether a why-line quotes the condition (or a part of it) instead of saying the fact in words. */
    static boolean showsExpression(Rule rule, String why) {
        String flat = why.replaceAll("\\s+", " ");
        if (flat.contains("does not meet:") || flat.contains("erfüllt nicht:")) {
            return true;
        }
        return ConditionParts.conjuncts(rule.condition().text()).stream()
                .map(p -> p.strip().replaceAll("\\s+", " "))
                .anyMatch(p -> p.length() > 12 && flat.contains(p));
    }

    public static List<Outcome> run(List<Rule> rules, List<RuleCase> cases) {
        Map<String, Rule> byId = new LinkedHashMap<>();
        rules.forEach(r -> byId.put(r.id(), r));
        Map<String, Set<Status>> covered = new HashMap<>();
        List<Outcome> out = new ArrayList<>();
        for (RuleCase c : cases) {
            Rule rule = byId.get(c.ruleId());
            if (rule == null) {
                out.add(new Outcome(c.ruleId(), c.name(), c.source(), false, AuditTexts.get("rules.check.no-rule", c.ruleId())));
                continue;
            }
            Evaluation e = RuleEvaluator.evaluate(rule, c.facts());
            covered.computeIfAbsent(rule.id(), k -> EnumSet.noneOf(Status.class)).add(e.status());
            boolean ok = e.status() == c.expect() && c.severity().map(s -> s == e.severity()).orElse(true)
                    && c.why().map(w -> e.why().en().contains(w)).orElse(true);
            String msg = ok ? "" : AuditTexts.get("rules.check.expected", c.expect().json() + c.severity().map(s -> " (" + s.json() + ")").orElse("")
                    + c.why().map(w -> AuditTexts.get("rules.check.with-why", w)).orElse(""),
                    e.status().json() + (e.status() == Status.FAIL ? " (" + e.severity().json() + ")" : "")
                    + (e.reason().isEmpty() ? "" : ": " + e.reason())
                    + (e.why().en().isEmpty() ? "" : " (why: " + e.why().en() + ")"));
            out.add(new Outcome(c.ruleId(), c.name(), c.source(), ok, msg));
        }
        for (Rule r : byId.values()) {
            Set<Status> seen = covered.getOrDefault(r.id(), EnumSet.noneOf(Status.class));
            if (r.manual()) {
                if (!seen.contains(Status.MANUAL)) {
                    out.add(new Outcome(r.id(), "coverage", r.source(), false,
                            AuditTexts.get("rules.check.manual-coverage", String.valueOf(seen.stream().map(Status::json).toList()))));
                }
                continue;
            }
            Status failing = Status.FAIL;
            if (!seen.contains(Status.PASS) || !seen.contains(failing)) {
                out.add(new Outcome(r.id(), "coverage", r.source(), false,
                        AuditTexts.get("rules.check.coverage", failing.json(),
                                String.valueOf(seen.stream().map(Status::json).toList()))));
            }
        }
        return out;
    }
}
