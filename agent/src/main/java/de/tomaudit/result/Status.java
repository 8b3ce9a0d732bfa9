package de.tomaudit.result;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A finding's outcome, as written in the JSON result. */
public enum Status {
    PASS, FAIL, ERROR, NOT_APPLICABLE, WAIVED,
    /** An organisational measure no machine can judge: listed for the TOM document, never pass or fail. */
    MANUAL;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Status parse(String s) {
        for (Status v : values()) {
            if (v.json().equals(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown status '" + s + "' (pass, fail, error, not-applicable, waived, manual)");
    }
}
