package de.tomaudit.report;

import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.Retention;
import de.tomaudit.result.AuditResult;
import de.tomaudit.result.Finding;
import de.tomaudit.result.ProcessorEntry;
import de.tomaudit.result.RetentionEntry;
import de.tomaudit.result.TargetError;
import de.tomaudit.result.TargetResult;
import java.util.List;

/**
 * A result with every text in it passed through {@link VisibleText#escape}: names, addresses,
 * errors, titles, remediations, reasons, why-lines, evidence, retention and processor rows. For
 * renderers that build their own model from the result (the TOM annex) instead of reading values
 * one by one through {@link ReportModel}: one call, and no field can be forgotten.
 */
public final class VisibleResult {

    private VisibleResult() { }

    public static AuditResult of(AuditResult r) {
        List<TargetResult> targets = r.targets().stream().map(VisibleResult::target).toList();
        return new AuditResult(r.tool() == null ? null : new AuditResult.Tool(v(r.tool().name()), v(r.tool().version())),
                v(r.startedAt()), v(r.finishedAt()), targets, r.summary());
    }

    private static TargetResult target(TargetResult t) {
        return new TargetResult(v(t.name()), v(t.address()), all(t.kinds()),
                t.status(), t.errors().stream().map(e -> new TargetError(v(e.stage()), v(e.message()), all(e.affects()))).toList(),
                t.findings().stream().map(VisibleResult::finding).toList(),
                t.retentions().stream().map(VisibleResult::retention).toList(),
                t.processors().stream().map(p -> new ProcessorEntry(v(p.service()), v(p.host()), v(p.source()),
                        v(p.jurisdiction()), v(p.transfer()))).toList());
    }

    private static Finding finding(Finding f) {
        Finding.Tom tom = f.tom() == null ? null : new Finding.Tom(all(f.tom().gdpr()), all(f.tom().sdm()), all(f.tom().kontrolle()));
        return new Finding(v(f.ruleId()), f.status(), v(f.severity()), v(f.title()), v(f.remediation()), v(f.reason()),
                f.evidence().stream().map(e -> new Evidence(v(e.source()), v(e.value()))).toList(), tom, all(f.references()),
                v(f.why()));
    }

    private static RetentionEntry retention(RetentionEntry r) {
        Retention.Verified verified = r.verified() == null ? null
                : new Retention.Verified(v(r.verified().oldest()), v(r.verified().source()), r.verified().holds());
        return new RetentionEntry(v(r.subject()), v(r.period()), v(r.source()), r.isDefault(), verified);
    }

    private static List<String> all(List<String> texts) {
        return texts == null ? List.of() : texts.stream().map(VisibleResult::v).toList();
    }

    private static String v(String s) {
        return s == null ? null : VisibleText.escape(s);
    }
}
