package de.tomaudit.result;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Whether a target was audited completely. */
public enum TargetStatus {
    COMPLETE, PARTIAL, UNREACHABLE;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
