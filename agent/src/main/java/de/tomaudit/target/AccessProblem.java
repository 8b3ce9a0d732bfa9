package de.tomaudit.target;

import java.util.Objects;

/**
 * Something that kept a target from giving everything it was asked for, beyond single reads:
 * {@code sudo} refused, the connection lost midway, the time for the target over, exec channels
 * refused. The audit turns each into ONE target error (the target is then {@code partial}).
 *
 * @param marker text that every failure this problem causes contains (in the failure's message,
 *               and so in the reason of every fact and rule it left undecided): the audit counts
 *               those under this problem ({@code affects}) instead of repeating them as errors
 */
public record AccessProblem(String stage, String message, String marker) {

    public AccessProblem {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(message, "message");
        marker = marker == null || marker.isBlank() ? message : marker;
    }

    /** A problem whose failures repeat its message. */
    public AccessProblem(String stage, String message) {
        this(stage, message, message);
    }

    /** Whether this failure reason (of a fact, a rule, a read) was caused by this problem. */
    public boolean caused(String reason) {
        return reason != null && reason.contains(marker);
    }
}
