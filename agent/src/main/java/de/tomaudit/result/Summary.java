package de.tomaudit.result;

import java.util.List;

/** Counts of findings by status over all targets. */
public record Summary(int pass, int fail, int error, int notApplicable, int waived, int manual) {

    public static Summary of(List<TargetResult> targets) {
        int[] n = new int[Status.values().length];
        for (TargetResult t : targets) {
            for (Finding f : t.findings()) {
                n[f.status().ordinal()]++;
            }
        }
        return new Summary(n[Status.PASS.ordinal()], n[Status.FAIL.ordinal()], n[Status.ERROR.ordinal()],
                n[Status.NOT_APPLICABLE.ordinal()], n[Status.WAIVED.ordinal()],
                n[Status.MANUAL.ordinal()]);
    }
}
