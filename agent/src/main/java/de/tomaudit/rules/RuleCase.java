package de.tomaudit.rules;

import de.tomaudit.facts.FactSet;
import de.tomaudit.result.Status;
import java.util.Optional;

/**
 * One pass/fail example of a rule: facts in, expected status (and graded severity, and text the
 * English why-line must contain) out.
 */
public record RuleCase(String ruleId, String name, FactSet facts, Status expect, Optional<Severity> severity,
                       Optional<String> why, String source) {

    public RuleCase(String ruleId, String name, FactSet facts, Status expect, Optional<Severity> severity, String source) {
        this(ruleId, name, facts, expect, severity, Optional.empty(), source);
    }
}
