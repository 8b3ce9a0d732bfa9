package de.tomaudit.rules;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Unavailable;
import de.tomaudit.parse.yaml.YamlDocuments;
import de.tomaudit.parse.yaml.YamlException;
import de.tomaudit.parse.yaml.YamlNode;
import de.tomaudit.result.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads a {@code tests/*.yaml} file of rule cases (format: docs/rule-format.md). */
public final class RuleCaseParser {

    private RuleCaseParser() { }

    public static List<RuleCase> parse(String file, String text) throws RuleFileException {
        try {
            YamlNode root = YamlDocuments.parse(file, text).orElseThrow(() -> new YamlException(file, 1, AuditTexts.get("input.rule-case.empty")));
            String ruleId = root.require("rule").text();
            List<RuleCase> out = new ArrayList<>();
            for (YamlNode c : root.require("cases").items()) {
                String name = c.require("name").text();
                FactSet.Builder facts = FactSet.builder();
                if (c.get("facts").isPresent()) {
                    for (Map.Entry<String, YamlNode> f : c.require("facts").entries().entrySet()) {
                        Object v = f.getValue().toValue();
                        if (v == null) {
                            throw f.getValue().error(AuditTexts.get("input.rule-case.no-value", f.getKey()));
                        }
                        facts.put(f.getKey(), v);
                    }
                }
                if (c.get("unavailable").isPresent()) {
                    for (Map.Entry<String, YamlNode> u : c.require("unavailable").entries().entrySet()) {
                        YamlNode spec = u.getValue();
                        String kind = spec.require("kind").text();
                        String reason = spec.get("reason").isPresent() ? spec.require("reason").text() : "unavailable in test";
                        Unavailable.Kind k = switch (kind) {
                            case "error" -> Unavailable.Kind.ERROR;
                            case "not-applicable" -> Unavailable.Kind.NOT_APPLICABLE;
                            default -> throw spec.require("kind").error(AuditTexts.get("input.rule-case.kind"));
                        };
                        facts.unavailable(new Unavailable(u.getKey(), k, "collect", reason));
                    }
                }
                YamlNode expectNode = c.require("expect");
                Status expect;
                try {
                    expect = Status.parse(expectNode.text());
                } catch (IllegalArgumentException e) {
                    throw expectNode.error(e.getMessage());
                }
                Optional<Severity> severity = Optional.empty();
                if (c.get("severity").isPresent()) {
                    try {
                        severity = Optional.of(Severity.parse(c.require("severity").text()));
                    } catch (IllegalArgumentException e) {
                        throw c.require("severity").error(e.getMessage());
                    }
                }
                Optional<String> why = c.get("why").isPresent() ? Optional.of(c.require("why").text()) : Optional.empty();
                out.add(new RuleCase(ruleId, name, facts.build(), expect, severity, why, c.location()));
            }
            return out;
        } catch (YamlException e) {
            throw new RuleFileException(e.getMessage());
        }
    }
}
