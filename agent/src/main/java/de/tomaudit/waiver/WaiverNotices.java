package de.tomaudit.waiver;

import de.tomaudit.result.AuditResult;
import de.tomaudit.result.Finding;
import de.tomaudit.result.Status;
import de.tomaudit.result.TargetResult;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the operator must hear about the waivers after a run: each expired one (its findings fail
 * again), each that expires within {@link #SOON_DAYS} days, and each that matched no failing
 * finding at all (unused: a typo in the rule or target, or the risk is gone).
 */
public final class WaiverNotices {
    public static final int SOON_DAYS = 14;

    private WaiverNotices() { }

    public static List<String> of(List<Waiver> waivers, AuditResult result, LocalDate today) {
        List<String> out = new ArrayList<>();
        for (Waiver w : waivers) {
            Set<String> waivedOn = new LinkedHashSet<>();
            Set<String> failsAgainOn = new LinkedHashSet<>();
            for (TargetResult t : result.targets()) {
                for (Finding f : t.findings()) {
                    if (!f.ruleId().equals(w.ruleId()) || !f.reason().contains("(" + w.source() + ")")) {
                        continue;
                    }
                    if (f.status() == Status.WAIVED) {
                        waivedOn.add(t.name());
                    } else if (f.status() == Status.FAIL) {
                        failsAgainOn.add(t.name());
                    }
                }
            }
            if (w.expiredOn(today)) {
                out.add(w.described() + " expired on " + w.expires()
                        + (failsAgainOn.isEmpty() ? "" : ": the finding fails again on " + String.join(", ", failsAgainOn)));
            } else if (ChronoUnit.DAYS.between(today, w.expires()) <= SOON_DAYS) {
                long days = ChronoUnit.DAYS.between(today, w.expires());
                out.add(w.described() + " expires on " + w.expires() + (days == 0 ? " (today)" : " (in " + days + " days)")
                        + ": review it before then");
            }
            if (waivedOn.isEmpty() && failsAgainOn.isEmpty()) {
                out.add(w.described() + " is unused: it matched no failing finding in this run (remove it, or check "
                        + "its rule and target)");
            }
        }
        return out;
    }
}
