package de.tomaudit.rules;

import de.tomaudit.facts.FactSet;
import de.tomaudit.result.Status;
import java.util.Optional;

/** One pass/fail example of a rule: facts in, expected status (and graded severity) out. */
public record RuleCase(String ruleId, String name, FactSet facts, Status expect, Optional<Severity> severity,
                       String source) { }
