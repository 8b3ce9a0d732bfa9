package de.tomaudit.probe;

import de.tomaudit.i18n.AuditTexts;
import java.time.Duration;

/** The time left for all probes of one target; every connection's timeouts are cut to it. */
public final class ProbeBudget {
    private final long endNanos;
    private final Duration total;

    public ProbeBudget(Duration total) {
        this.total = total;
        this.endNanos = System.nanoTime() + total.toNanos();
    }

    public long remainingMillis() {
        return Math.max(0, (endNanos - System.nanoTime()) / 1_000_000);
    }

    /** {@code timeout} cut to what is left; fails when nothing is left. */
    public int cap(Duration timeout, String what) throws ProbeException {
        long left = remainingMillis();
        if (left <= 0) {
            throw new ProbeException(ProbeException.Kind.BUDGET, AuditTexts.get("evidence.probe.budget", what, String.valueOf(total.toSeconds())));
        }
        return (int) Math.max(1, Math.min(timeout.toMillis(), left));
    }
}
