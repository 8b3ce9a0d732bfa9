package de.tomaudit.rules;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.parse.yaml.YamlDocuments;
import de.tomaudit.parse.yaml.YamlException;
import de.tomaudit.parse.yaml.YamlNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns one rule file into a {@link Rule}, validating every field with file and line. */
public final class RuleParser {
    static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(\\.[a-z0-9][a-z0-9-]*)+");
    private static final Set<String> KEYS = Set.of("id", "severity", "title", "remediation", "tom", "refs",
            "assumes", "when", "notApplicable", "condition", "evidence", "grades", "optional", "passRequires",
            "manual", "question", "why", "evidenceWhere");
    /** Keys that judge facts: a manual rule has none of them. */
    private static final List<String> JUDGING = List.of("when", "notApplicable", "condition", "evidence", "grades",
            "optional", "passRequires", "why", "evidenceWhere");
    /** Stands in for the condition of a manual rule, which is never evaluated. */
    static final Condition NO_CONDITION = Conditions.deferred("true");

    private RuleParser() { }

    /** Whether the rule being parsed on this thread compiles its expressions on first use (see {@link Condition}). */
    private static final ThreadLocal<Boolean> DEFERRED = ThreadLocal.withInitial(() -> false);

    public static Rule parse(String file, String text) throws RuleFileException {
        return parse(file, text, false);
    }

    /**
     * As {@link #parse(String, String)}; with {@code deferred} its expressions are compiled on first use,
     * for a built-in rule (compiled by the build's tests) that may never be evaluated in this run.
     */
    public static Rule parse(String file, String text, boolean deferred) throws RuleFileException {
        Boolean before = DEFERRED.get();
        DEFERRED.set(deferred);
        try {
            return parseNow(file, text);
        } finally {
            DEFERRED.set(before);
        }
    }

    private static Condition compile(String expr) {
        return DEFERRED.get() ? Conditions.deferred(expr) : Conditions.compile(expr);
    }

    private static Rule parseNow(String file, String text) throws RuleFileException {
        try {
            YamlNode root = YamlDocuments.parse(file, text)
                    .orElseThrow(() -> new YamlException(file, 1, AuditTexts.get("input.rule.empty")));
            for (Map.Entry<String, YamlNode> e : root.entries().entrySet()) {
                if (!KEYS.contains(e.getKey())) {
                    throw e.getValue().error(AuditTexts.get("input.rule.key", e.getKey(), String.join(", ", KEYS.stream().sorted().toList())));
                }
            }
            YamlNode idNode = root.require("id");
            String id = idNode.text();
            if (!ID.matcher(id).matches()) {
                throw idNode.error(AuditTexts.get("input.rule.id", id));
            }
            if (isManual(root)) {
                return manual(file, root, idNode, id);
            }
            if (root.get("question").isPresent()) {
                throw root.require("question").error(AuditTexts.get("input.rule.question"));
            }
            YamlNode sevNode = root.require("severity");
            Severity severity = severity(sevNode);
            Text title = text(root.require("title"));
            Text remediation = text(root.require("remediation"));
            TomTags tom = tom(root.require("tom"));
            List<String> refs = root.get("refs").map(RuleParser::texts).orElse(List.of());
            String assumes = root.get("assumes").map(RuleParser::textOrEmpty).orElse("");
            Optional<Condition> when = Optional.empty();
            if (root.get("when").isPresent()) {
                when = Optional.of(condition(root.require("when")));
            }
            Text notApplicable = root.get("notApplicable").isPresent() ? text(root.require("notApplicable")) : Text.EMPTY;
            Condition condition = condition(root.require("condition"));
            List<String> evidence = root.get("evidence").map(RuleParser::texts).orElse(List.of());
            List<Grade> grades = new ArrayList<>();
            if (root.get("grades").isPresent()) {
                for (YamlNode g : root.require("grades").items()) {
                    grades.add(new Grade(condition(g.require("when")), severity(g.require("severity"))));
                }
            }
            List<String> optional = root.get("optional").map(RuleParser::texts).orElse(List.of());
            List<String> passRequires = root.get("passRequires").map(RuleParser::texts).orElse(List.of());
            List<Why> why = root.get("why").isPresent() ? why(root.require("why")) : List.of();
            java.util.Map<String, Condition> evidenceWhere = new java.util.LinkedHashMap<>();
            if (root.get("evidenceWhere").isPresent()) {
                for (Map.Entry<String, YamlNode> e : root.require("evidenceWhere").entries().entrySet()) {
                    String lambda = e.getValue().text().strip();
                    if (!lambda.matches("(?s)[a-z_][a-z0-9_]*\\s*->.+")) {
                        throw e.getValue().error(AuditTexts.get("input.rule.evidence-where"));
                    }
                    try {
                        evidenceWhere.put(e.getKey(), compile("t:filter(" + e.getKey() + ", " + lambda + ")"));
                    } catch (IllegalArgumentException ex) {
                        throw e.getValue().error(AuditTexts.get("input.rule.evidence-where-compile", ex.getMessage()));
                    }
                }
            }
            return new Rule(id, id.substring(0, id.indexOf('.')), severity, title, remediation, tom, refs, assumes,
                    when, notApplicable, condition, evidence, grades, optional, passRequires, why, evidenceWhere,
                    file + ":" + idNode.line());
        } catch (YamlException e) {
            throw new RuleFileException(e.getMessage());
        } catch (UncheckedYaml e) {
            throw new RuleFileException(e.getCause().getMessage());
        }
    }

    private static boolean isManual(YamlNode root) throws YamlException {
        if (root.get("manual").isEmpty()) {
            return false;
        }
        YamlNode m = root.require("manual");
        String v = m.text();
        if (!v.equals("true") && !v.equals("false")) {
            throw m.error(AuditTexts.get("input.rule.manual", v));
        }
        return v.equals("true");
    }

    /**
     * A manual rule: an organisational measure with the question the TOM document must answer
     * (de/en) and its TOM tags; no condition, nothing that reads facts. Severity defaults to info
     * (it says how much the missing answer weighs; a manual finding never fails).
     */
    private static Rule manual(String file, YamlNode root, YamlNode idNode, String id) throws YamlException {
        for (String key : JUDGING) {
            if (root.get(key).isPresent()) {
                throw root.require(key).error(AuditTexts.get("input.rule.manual-judges", key));
            }
        }
        Severity severity = root.get("severity").isPresent() ? severity(root.require("severity")) : Severity.INFO;
        Text title = text(root.require("title"));
        Text question = text(root.require("question"));
        if (question.en().isBlank() || question.de().isBlank()) {
            throw root.require("question").error(AuditTexts.get("input.rule.manual-question"));
        }
        Text remediation = text(root.require("remediation"));
        TomTags tom = tom(root.require("tom"));
        List<String> refs = root.get("refs").map(RuleParser::texts).orElse(List.of());
        String assumes = root.get("assumes").map(RuleParser::textOrEmpty).orElse("");
        return new Rule(id, id.substring(0, id.indexOf('.')), severity, title, remediation, tom, refs, assumes,
                Optional.empty(), Text.EMPTY, NO_CONDITION, List.of(), List.of(), List.of(), List.of(),
                file + ":" + idNode.line(), Optional.of(question));
    }

    private static Severity severity(YamlNode n) throws YamlException {
        try {
            return Severity.parse(n.text());
        } catch (IllegalArgumentException e) {
            throw n.error(e.getMessage());
        }
    }

    private static Condition condition(YamlNode n) throws YamlException {
        String expr = n.text();
        if (expr.isBlank()) {
            throw n.error(AuditTexts.get("input.rule.empty-condition"));
        }
        try {
            return compile(expr);
        } catch (IllegalArgumentException e) {
            throw n.error(AuditTexts.get("input.rule.condition", e.getMessage()));
        }
    }

    /** {@code why:} is one {en, de} map or a list of them, each with an optional {@code when}. */
    private static List<Why> why(YamlNode n) throws YamlException {
        List<YamlNode> entries = n.isSequence() ? n.items() : List.of(n);
        List<Why> out = new ArrayList<>();
        for (YamlNode e : entries) {
            Map<String, YamlNode> fields = e.entries();
            Optional<Condition> when = Optional.empty();
            for (String key : fields.keySet()) {
                if (!Set.of("when", "en", "de").contains(key)) {
                    throw fields.get(key).error(AuditTexts.get("input.rule.why-key", key));
                }
            }
            if (fields.containsKey("when")) {
                when = Optional.of(condition(fields.get("when")));
            }
            if (!fields.containsKey("en") || !fields.containsKey("de")) {
                throw e.error(AuditTexts.get("input.rule.why-languages"));
            }
            out.add(new Why(when, template(fields.get("en")), template(fields.get("de"))));
        }
        return out;
    }

    private static WhyTemplate template(YamlNode n) throws YamlException {
        try {
            return WhyTemplate.compile(n.text().strip(), RuleParser::compile);
        } catch (IllegalArgumentException e) {
            throw n.error(AuditTexts.get("input.rule.why-template", e.getMessage()));
        }
    }

    private static Text text(YamlNode n) throws YamlException {
        Map<String, YamlNode> e = n.entries();
        for (String lang : e.keySet()) {
            if (!lang.equals("en") && !lang.equals("de")) {
                throw e.get(lang).error(AuditTexts.get("input.rule.language", lang));
            }
        }
        if (!e.containsKey("en") || !e.containsKey("de")) {
            throw n.error(AuditTexts.get("input.rule.both-languages"));
        }
        return new Text(e.get("en").text().strip(), e.get("de").text().strip());
    }

    private static TomTags tom(YamlNode n) throws YamlException {
        Map<String, YamlNode> e = n.entries();
        List<List<String>> lists = new ArrayList<>();
        for (String vocab : List.of("gdpr", "sdm", "kontrolle")) {
            List<String> tags = e.containsKey(vocab) ? e.get(vocab).texts() : List.of();
            for (String t : tags) {
                if (!TomTags.vocabulary(vocab).contains(t)) {
                    throw e.get(vocab).error(AuditTexts.get("input.rule.tag", t, vocab,
                            String.join(", ", TomTags.vocabulary(vocab).stream().sorted().toList())));
                }
            }
            lists.add(tags);
        }
        for (String key : e.keySet()) {
            if (!Set.of("gdpr", "sdm", "kontrolle").contains(key)) {
                throw e.get(key).error(AuditTexts.get("input.rule.vocabulary", key));
            }
        }
        if (lists.stream().allMatch(List::isEmpty)) {
            throw n.error(AuditTexts.get("input.rule.no-tag"));
        }
        return new TomTags(lists.get(0), lists.get(1), lists.get(2));
    }

    private static List<String> texts(YamlNode n) {
        try {
            return n.texts();
        } catch (YamlException e) {
            throw new UncheckedYaml(e);
        }
    }

    private static String textOrEmpty(YamlNode n) {
        try {
            return n.isNull() ? "" : n.text().strip();
        } catch (YamlException e) {
            throw new UncheckedYaml(e);
        }
    }

    private static final class UncheckedYaml extends RuntimeException {
        UncheckedYaml(YamlException e) {
            super(e);
        }
    }
}
