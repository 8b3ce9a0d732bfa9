package de.tomaudit.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The result of one run: the stable JSON contract of docs/json-result.md. {@code history} is only
 * there when the run could not be stored in the run history ({@code recorded: false} and why).
 */
@JsonPropertyOrder({"tool", "startedAt", "finishedAt", "history", "targets", "summary"})
public record AuditResult(Tool tool, String startedAt, String finishedAt,
                          @JsonInclude(JsonInclude.Include.NON_NULL) History history,
                          List<TargetResult> targets, Summary summary) {

    public record Tool(String name, String version) { }

    /** Whether the run is in the history; written only when it is not ({@code recorded: false}). */
    public record History(boolean recorded, String message) { }

    public AuditResult {
        targets = List.copyOf(targets);
    }

    public AuditResult(Tool tool, String startedAt, String finishedAt, List<TargetResult> targets, Summary summary) {
        this(tool, startedAt, finishedAt, null, targets, summary);
    }

    public static AuditResult of(String version, String startedAt, String finishedAt, List<TargetResult> targets) {
        return new AuditResult(new Tool("tomaudit", version), startedAt, finishedAt, targets, Summary.of(targets));
    }

    /** This result marked as not stored in the run history, with the one-line reason. */
    public AuditResult unrecorded(String message) {
        return new AuditResult(tool, startedAt, finishedAt, new History(false, message), targets, summary);
    }
}
