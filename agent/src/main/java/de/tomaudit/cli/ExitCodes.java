package de.tomaudit.cli;

import de.tomaudit.result.AuditResult;
import de.tomaudit.result.Status;
import de.tomaudit.result.TargetResult;
import de.tomaudit.result.TargetStatus;
import de.tomaudit.rules.Severity;

/** The exit codes of the command-line contract. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILED_FINDINGS = 1;
    public static final int USAGE = 2;
    public static final int INCOMPLETE = 3;
    /** The report is written, but the run could not be stored in the history (a warning says why). */
    public static final int UNRECORDED = 4;

    private ExitCodes() { }

    /**
     * 3 when any target could not be audited completely (its findings cannot be trusted to be
     * all there is); else 1 when a failed finding is at or above the threshold; else 0.
     */
    /**
     * As {@link #of(AuditResult, Severity)}, then: 1 also for a regression (with --fail-on-regression);
     * 4 instead of 0 or 1 when the run is not in the history (3, a target incomplete, comes first).
     */
    public static int of(AuditResult result, Severity failOn, boolean regressed, boolean unrecorded) {
        int code = of(result, failOn);
        if (code == OK && regressed) {
            code = FAILED_FINDINGS;
        }
        if (unrecorded && (code == OK || code == FAILED_FINDINGS)) {
            code = UNRECORDED;
        }
        return code;
    }

    public static int of(AuditResult result, Severity failOn) {
        boolean incomplete = result.targets().stream().anyMatch(t -> t.status() != TargetStatus.COMPLETE);
        if (incomplete) {
            return INCOMPLETE;
        }
        for (TargetResult t : result.targets()) {
            boolean failed = t.findings().stream().anyMatch(f -> f.status() == Status.FAIL
                    && Severity.parse(f.severity()).atLeast(failOn));
            if (failed) {
                return FAILED_FINDINGS;
            }
        }
        return OK;
    }
}
