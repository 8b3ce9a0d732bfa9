package de.tomaudit.rules;

import de.tomaudit.facts.Evidence;
import de.tomaudit.result.Status;
import java.util.List;

/** What evaluating one rule against one target's facts gave, before language and waivers. */
public record Evaluation(Rule rule, Status status, Severity severity, String reason, List<Evidence> evidence) {

    public Evaluation {
        evidence = List.copyOf(evidence);
        reason = reason == null ? "" : reason;
    }
}
