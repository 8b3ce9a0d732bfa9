package de.tomaudit.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * Something that kept a target from being audited completely: where (stage), what, and the facts
 * and rules it left undecided ({@code affects}; one root cause is one entry).
 */
@JsonPropertyOrder({"stage", "message", "affects"})
public record TargetError(String stage, String message,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> affects) {

    public TargetError {
        affects = affects == null ? List.of() : List.copyOf(affects);
    }

    public TargetError(String stage, String message) {
        this(stage, message, List.of());
    }
}
