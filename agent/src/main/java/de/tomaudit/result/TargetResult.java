package de.tomaudit.result;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** Everything one target yielded. */
@JsonPropertyOrder({"name", "address", "kinds", "status", "errors", "findings", "retentions", "processors"})
public record TargetResult(String name, String address, List<String> kinds, TargetStatus status,
                           List<TargetError> errors, List<Finding> findings, List<RetentionEntry> retentions,
                           List<ProcessorEntry> processors) {

    public TargetResult {
        kinds = List.copyOf(kinds);
        errors = List.copyOf(errors);
        findings = List.copyOf(findings);
        retentions = List.copyOf(retentions);
        processors = processors == null ? List.of() : List.copyOf(processors);
    }

    public TargetResult(String name, String address, List<String> kinds, TargetStatus status,
                        List<TargetError> errors, List<Finding> findings, List<RetentionEntry> retentions) {
        this(name, address, kinds, status, errors, findings, retentions, List.of());
    }

    public static TargetResult unreachable(String name, String address, List<String> kinds, TargetError error) {
        return new TargetResult(name, address, kinds, TargetStatus.UNREACHABLE, List.of(error), List.of(), List.of());
    }
}
