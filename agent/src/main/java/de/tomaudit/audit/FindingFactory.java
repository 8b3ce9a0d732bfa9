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
        // the report readers (ReportModel, TomAnnexBuilder) parse these notes in either language
        de.tomaudit.i18n.Texts texts = de.tomaudit.i18n.Texts.of(lang);
        if (status == Status.FAIL && waiver.isPresent()) {
            Waiver w = waiver.get();
            if (w.expiredOn(today)) {
                reason = texts.get("waiver.expired", String.valueOf(w.expires()), by(w, texts), w.source(), w.justification());
            } else {
                status = Status.WAIVED;
                reason = texts.get("waiver.waived", String.valueOf(w.expires()), by(w, texts), w.source(), w.justification());
            }
        }
        return new Finding(r.id(), status, e.severity().json(), r.title().in(lang), r.remediation().in(lang), reason,
                e.evidence(), new Finding.Tom(r.tom().gdpr(), r.tom().sdm(), r.tom().kontrolle()), r.refs(), why);
    }

    private static String by(Waiver w, de.tomaudit.i18n.Texts texts) {
        return w.approverInNote().isEmpty() ? "" : texts.get("waiver.by", w.approverInNote());
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
