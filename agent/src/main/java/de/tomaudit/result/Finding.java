package de.tomaudit.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import de.tomaudit.facts.Evidence;
import java.util.List;

/**
 * One rule's verdict on one target. {@code reason} says why a finding is not-applicable,
 * error or waived; it is left out of the JSON when empty. {@code why} is the one line, in the
 * report's language, that says what decided a failure, an error or a not-applicable (the deciding
 * fact in words); empty for a pass.
 */
@JsonPropertyOrder({"ruleId", "status", "severity", "title", "why", "remediation", "reason", "evidence", "tom", "references"})
public record Finding(String ruleId, Status status, String severity, String title, String remediation,
                      @JsonInclude(JsonInclude.Include.NON_EMPTY) String reason,
                      List<Evidence> evidence, Tom tom,
                      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> references,
                      @JsonInclude(JsonInclude.Include.NON_EMPTY) String why) {

    /** The TOM tags in the three vocabularies of TOM.md. */
    public record Tom(List<String> gdpr, List<String> sdm, List<String> kontrolle) {
        public Tom {
            gdpr = List.copyOf(gdpr);
            sdm = List.copyOf(sdm);
            kontrolle = List.copyOf(kontrolle);
        }
    }

    public Finding {
        // a stored result leaves empty lists out: read back, they are empty, not missing
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        references = references == null ? List.of() : List.copyOf(references);
        reason = reason == null ? "" : reason;
        why = why == null ? "" : why;
    }

    /** A finding without a why-line. */
    public Finding(String ruleId, Status status, String severity, String title, String remediation, String reason,
                   List<Evidence> evidence, Tom tom, List<String> references) {
        this(ruleId, status, severity, title, remediation, reason, evidence, tom, references, "");
    }
}
