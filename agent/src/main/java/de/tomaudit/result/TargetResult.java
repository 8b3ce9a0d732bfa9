package de.tomaudit.result;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** Everything one target yielded. */
@JsonPropertyOrder({"name", "address", "kinds", "status", "errors", "findings", "retentions"})
public record TargetResult(String name, String address, List<String> kinds, TargetStatus status,
                           List<TargetError> errors, List<Finding> findings, List<RetentionEntry> retentions) {

    public TargetResult {
        kinds = List.copyOf(kinds);
        errors = List.copyOf(errors);
        findings = List.copyOf(findings);
        retentions = List.copyOf(retentions);
    }

    public static TargetResult unreachable(String name, String address, List<String> kinds, TargetError error) {
        return new TargetResult(name, address, kinds, TargetStatus.UNREACHABLE, List.of(error), List.of(), List.of());
    }
}
