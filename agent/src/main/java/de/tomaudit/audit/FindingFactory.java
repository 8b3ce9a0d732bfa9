package de.tomaudit.audit;

import de.tomaudit.result.Finding;
import de.tomaudit.result.Status;
import de.tomaudit.rules.Evaluation;
import de.tomaudit.rules.Rule;
import de.tomaudit.waiver.Waiver;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Turns an evaluation into a finding in the chosen language, applying waivers. */
final class FindingFactory {

    private FindingFactory() { }

    static Finding finding(Evaluation e, String lang, Optional<Waiver> waiver, LocalDate today) {
        Rule r = e.rule();
        Status status = e.status();
        String reason = r.manual() ? r.question().orElseThrow().in(lang)
                : !e.reason().isEmpty() && e.reason().equals(e.why().en()) ? e.why().in(lang) : inLanguage(r, e.reason(), lang);
        String why = status == Status.PASS ? "" : e.why().in(lang);
        if (status == Status.FAIL && waiver.isPresent()) {
            Waiver w = waiver.get();
            if (w.expiredOn(today)) {
                reason = "waiver expired on " + w.expires() + by(w) + " (" + w.source() + "): " + w.justification();
            } else {
                status = Status.WAIVED;
                reason = "waived until " + w.expires() + by(w) + " (" + w.source() + "): " + w.justification();
            }
        }
        return new Finding(r.id(), status, e.severity().json(), r.title().in(lang), r.remediation().in(lang), reason,
                e.evidence(), new Finding.Tom(r.tom().gdpr(), r.tom().sdm(), r.tom().kontrolle()), r.refs(), why);
    }

    private static String by(Waiver w) {
        return w.approverInNote().isEmpty() ? "" : " by " + w.approverInNote();
    }

    /** The rule's own not-applicable text (the evaluation gives it in English) in the audit's language. */
    static String inLanguage(Rule r, String reason, String lang) {
        String en = r.notApplicable().en();
        return !en.isEmpty() && reason.equals(en) ? r.notApplicable().in(lang) : reason;
    }

    static Optional<Waiver> waiverFor(List<Waiver> waivers, String ruleId, String name, String address) {
        return waivers.stream().filter(w -> w.matches(ruleId, name, address)).findFirst();
    }
}
