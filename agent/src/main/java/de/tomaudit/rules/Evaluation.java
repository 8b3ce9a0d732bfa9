package de.tomaudit.rules;

import de.tomaudit.facts.Evidence;
import de.tomaudit.result.Status;
import java.util.List;

/**
 * What evaluating one rule against one target's facts gave, before language and waivers.
 * {@code why} is the one line that says, in words, what decided a failure, an error or a
 * not-applicable; empty for a pass.
 */
public record Evaluation(Rule rule, Status status, Severity severity, String reason, List<Evidence> evidence, Text why) {

    public Evaluation {
        evidence = List.copyOf(evidence);
        reason = reason == null ? "" : reason;
        why = why == null ? Text.EMPTY : why;
    }

    public Evaluation(Rule rule, Status status, Severity severity, String reason, List<Evidence> evidence) {
        this(rule, status, severity, reason, evidence, reason == null || reason.isEmpty() ? Text.EMPTY : new Text(reason, reason));
    }
}
