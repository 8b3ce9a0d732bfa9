package de.tomaudit.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import de.tomaudit.facts.Retention;

/** A retention period in the JSON result; {@code period} is null for "kept forever". */
@JsonPropertyOrder({"subject", "period", "source", "default", "verified"})
public record RetentionEntry(String subject,
                             @JsonInclude(JsonInclude.Include.ALWAYS) String period,
                             String source,
                             @JsonProperty("default") boolean isDefault,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Retention.Verified verified) {

    public static RetentionEntry of(Retention r) {
        return new RetentionEntry(r.subject(), r.period().orElse(null), r.source(), r.isDefault(),
                r.verified().orElse(null));
    }
}
