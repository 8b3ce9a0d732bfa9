package de.tomaudit.result;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** The result of one run: the stable JSON contract of docs/json-result.md. */
@JsonPropertyOrder({"tool", "startedAt", "finishedAt", "targets", "summary"})
public record AuditResult(Tool tool, String startedAt, String finishedAt, List<TargetResult> targets, Summary summary) {

    public record Tool(String name, String version) { }

    public AuditResult {
        targets = List.copyOf(targets);
    }

    public static AuditResult of(String version, String startedAt, String finishedAt, List<TargetResult> targets) {
        return new AuditResult(new Tool("tomaudit", version), startedAt, finishedAt, targets, Summary.of(targets));
    }
}
