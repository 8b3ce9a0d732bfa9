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
        return of(waivers, result, today, de.tomaudit.i18n.Texts.of("en"));
    }

    /** The notices in the language of {@code texts}. */
    public static List<String> of(List<Waiver> waivers, AuditResult result, LocalDate today, de.tomaudit.i18n.Texts texts) {
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
            String described = described(w, texts);
            if (w.expiredOn(today)) {
                out.add(failsAgainOn.isEmpty() ? texts.get("waiver.notice.expired", described, String.valueOf(w.expires()))
                        : texts.get("waiver.notice.expired-fails", described, String.valueOf(w.expires()), String.join(", ", failsAgainOn)));
            } else if (ChronoUnit.DAYS.between(today, w.expires()) <= SOON_DAYS) {
                long days = ChronoUnit.DAYS.between(today, w.expires());
                out.add(texts.get("waiver.notice.expires", described, String.valueOf(w.expires()), days));
            }
            if (waivedOn.isEmpty() && failsAgainOn.isEmpty()) {
                out.add(texts.get("waiver.notice.unused", described));
            }
        }
        return out;
    }

    /** "waiver RULE for TARGET (SOURCE, approved by WHO)" in the language of {@code t}. */
    static String described(Waiver w, de.tomaudit.i18n.Texts t) {
        String source = w.approver().isEmpty() ? w.source() : t.get("waiver.notice.approved", w.source(), w.approver());
        return w.target().equals("*") ? t.get("waiver.notice.waiver", w.ruleId(), source)
                : t.get("waiver.notice.waiver-for", w.ruleId(), w.target(), source);
    }
}
