package de.tomaudit.report;

import de.tomaudit.facts.Evidence;
import de.tomaudit.result.AuditResult;
import de.tomaudit.result.Finding;
import de.tomaudit.result.Status;
import de.tomaudit.result.TargetError;
import de.tomaudit.result.TargetResult;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the HTML, Markdown and PDF documents show, prepared once from the result: every text made
 * visible-safe ({@link VisibleText}), huge values and long evidence lists shortened with a marker,
 * findings grouped by target, then status, then severity. Templates only lay it out.
 */
public record ReportModel(Map<String, String> t, String lang, Header header, List<StatusRow> totals,
                          List<String> severityLabels, List<TargetView> targets) {

    /** Longest evidence value a document shows before it is cut with a marker. */
    public static final int VALUE_MAX = 1000;
    /** Most evidence entries a document shows per finding; the rest are counted in a marker. */
    public static final int EVIDENCE_MAX = 50;
    /** Severities from the worst down, as documents order them. */
    public static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low", "info");
    private static final List<Status> STATUS_ORDER = List.of(Status.FAIL, Status.ERROR, Status.WAIVED, Status.MANUAL,
            Status.NOT_APPLICABLE, Status.PASS);
    /** The reason the engine writes for a waived finding (FindingFactory): date, approver, waiver source, justification. */
    static final Pattern WAIVED = Pattern.compile("(?:waived until|ausgenommen bis) (\\d{4}-\\d{2}-\\d{2})(?: (?:by|von) ([^()]*?))? \\(([^)]*)\\): (.*)",
            Pattern.DOTALL);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    public record Header(String tool, String version, String started, String finished, String org,
                         List<String> targetNames, List<PackView> rulePacks, String footer) { }

    /** A rule pack seen in the result, with how many of its rules were evaluated. */
    public record PackView(String pack, int rules) { }

    /** One row of the totals table: a status and its count per severity (in {@link #SEVERITIES} order). */
    public record StatusRow(String status, String label, List<Integer> bySeverity, int total) { }

    public record TargetView(String name, String address, String kinds, String status, String statusLabel,
                             List<ErrorView> errors, List<SeverityGroup> failed, List<FindingView> errored,
                             List<FindingView> waived, List<FindingView> manual, List<FindingView> notApplicable,
                             List<FindingView> passed, List<StatusCount> counts, List<RetentionView> retentions,
                             List<ProcessorView> processors) {
        public boolean hasFindings() {
            return counts.stream().anyMatch(c -> c.count() > 0);
        }
    }

    public record StatusCount(String status, String label, int count) { }

    public record ErrorView(String stage, String message, String affects) { }

    public record SeverityGroup(String severity, String label, List<FindingView> findings) { }

    public record FindingView(String ruleId, String status, String statusLabel, String severity, String severityLabel,
                              String title, String why, String remediation, String reason, String justification, String expiry,
                              String waiverSource, List<EvidenceView> evidence, String evidenceOmitted,
                              List<String> tom, List<String> references) { }

    public record EvidenceView(String kind, String source, String value) { }

    /** A retention period read: the period (ISO 8601, or kept forever), where, configured or default, what the data showed. */
    public record RetentionView(String subject, String period, String source, String origin, String verified) { }

    /** An external service personal data is sent to (Art. 28/44). */
    public record ProcessorView(String service, String host, String source, String jurisdiction, String transfer) { }

    public static ReportModel of(AuditResult result, RenderOptions options) {
        ReportTexts t = ReportTexts.of(options.lang());
        List<TargetView> targets = result.targets().stream().map(tr -> target(tr, t)).toList();
        List<String> sevLabels = SEVERITIES.stream().map(s -> severityLabel(s, t)).toList();
        return new ReportModel(t.all(), t.lang(), header(result, options), totals(result, t), sevLabels, targets);
    }

    private static Header header(AuditResult r, RenderOptions o) {
        Map<String, java.util.Set<String>> rulesPerPack = new TreeMap<>();
        for (TargetResult t : r.targets()) {
            for (Finding f : t.findings()) {
                rulesPerPack.computeIfAbsent(pack(f.ruleId()), k -> new java.util.TreeSet<>()).add(f.ruleId());
            }
        }
        List<PackView> packViews = rulesPerPack.entrySet().stream()
                .map(e -> new PackView(VisibleText.oneLine(e.getKey()), e.getValue().size())).toList();
        String tool = r.tool() == null ? "tomaudit" : VisibleText.oneLine(r.tool().name());
        String version = r.tool() == null ? "" : VisibleText.oneLine(r.tool().version());
        return new Header(tool, version, when(r.startedAt()), when(r.finishedAt()), VisibleText.oneLine(o.org()),
                r.targets().stream().map(t -> VisibleText.oneLine(t.name())).toList(), packViews,
                ReportTexts.of(o.lang()).format("footer.generated", tool, version));
    }

    static String pack(String ruleId) {
        int dot = ruleId.indexOf('.');
        return dot > 0 ? ruleId.substring(0, dot) : ruleId;
    }

    /** An ISO instant as {@code 2026-11-23 02:00:00 UTC}; anything else as it is, made visible. */
    public static String when(String iso) {
        if (iso == null || iso.isBlank()) {
            return "";
        }
        try {
            return WHEN.format(Instant.parse(iso));
        } catch (DateTimeParseException e) {
            return VisibleText.oneLine(iso);
        }
    }

    private static List<StatusRow> totals(AuditResult r, ReportTexts t) {
        List<StatusRow> rows = new ArrayList<>();
        for (Status s : STATUS_ORDER) {
            List<Integer> counts = new ArrayList<>();
            int total = 0;
            for (String sev : SEVERITIES) {
                int n = 0;
                for (TargetResult tr : r.targets()) {
                    n += (int) tr.findings().stream().filter(f -> f.status() == s && sev.equals(f.severity())).count();
                }
                counts.add(n);
            }
            for (TargetResult tr : r.targets()) {
                total += (int) tr.findings().stream().filter(f -> f.status() == s).count();
            }
            rows.add(new StatusRow(s.json(), statusLabel(s, t), counts, total));
        }
        return rows;
    }

    private static TargetView target(TargetResult tr, ReportTexts t) {
        List<Finding> sorted = tr.findings().stream()
                .sorted(Comparator.comparingInt((Finding f) -> severityRank(f.severity())).thenComparing(Finding::ruleId))
                .toList();
        List<SeverityGroup> failed = new ArrayList<>();
        for (String sev : SEVERITIES) {
            List<FindingView> group = sorted.stream().filter(f -> f.status() == Status.FAIL && sev.equals(f.severity()))
                    .map(f -> finding(f, t)).toList();
            if (!group.isEmpty()) {
                failed.add(new SeverityGroup(sev, severityLabel(sev, t), group));
            }
        }
        List<FindingView> otherSeverity = sorted.stream()
                .filter(f -> f.status() == Status.FAIL && !SEVERITIES.contains(f.severity())).map(f -> finding(f, t)).toList();
        if (!otherSeverity.isEmpty()) {
            failed.add(new SeverityGroup("other", t.get("severity.other"), otherSeverity));
        }
        List<StatusCount> counts = STATUS_ORDER.stream()
                .map(s -> new StatusCount(s.json(), statusLabel(s, t), (int) tr.findings().stream().filter(f -> f.status() == s).count()))
                .toList();
        List<ErrorView> errors = tr.errors().stream().map(e -> error(e)).toList();
        return new TargetView(VisibleText.oneLine(tr.name()), VisibleText.oneLine(tr.address()),
                VisibleText.oneLine(String.join(", ", tr.kinds())), tr.status().json(),
                t.get("target.status." + tr.status().json()), errors, failed,
                of(sorted, Status.ERROR, t), of(sorted, Status.WAIVED, t), of(sorted, Status.MANUAL, t),
                of(sorted, Status.NOT_APPLICABLE, t), of(sorted, Status.PASS, t), counts,
                tr.retentions().stream().map(r -> retention(r, t)).toList(),
                tr.processors().stream().map(p -> new ProcessorView(VisibleText.oneLine(p.service()), VisibleText.oneLine(p.host()),
                        VisibleText.oneLine(shown(p.source(), t)), VisibleText.oneLine(p.jurisdiction()), VisibleText.oneLine(p.transfer())))
                        .toList());
    }

    private static RetentionView retention(de.tomaudit.result.RetentionEntry r, ReportTexts t) {
        String period = r.period() == null ? t.get("retention.forever") : VisibleText.oneLine(r.period());
        String verified = "";
        if (r.verified() != null) {
            verified = t.format("retention.oldest", VisibleText.oneLine(r.verified().oldest()),
                    VisibleText.oneLine(shown(r.verified().source(), t)))
                    + " – " + t.get(r.verified().holds() ? "retention.holds" : "retention.violated");
        }
        return new RetentionView(VisibleText.oneLine(r.subject()), period, VisibleText.oneLine(shown(r.source(), t)),
                t.get(r.isDefault() ? "retention.default" : "retention.configured"), verified);
    }

    private static ErrorView error(TargetError e) {
        return new ErrorView(VisibleText.oneLine(e.stage()), VisibleText.escape(e.message()),
                VisibleText.oneLine(String.join(", ", e.affects())));
    }

    private static List<FindingView> of(List<Finding> sorted, Status s, ReportTexts t) {
        return sorted.stream().filter(f -> f.status() == s).map(f -> finding(f, t)).toList();
    }

    static int severityRank(String severity) {
        int i = SEVERITIES.indexOf(severity);
        return i < 0 ? SEVERITIES.size() : i;
    }

    private static FindingView finding(Finding f, ReportTexts t) {
        List<EvidenceView> evidence = new ArrayList<>();
        for (Evidence e : f.evidence().subList(0, Math.min(EVIDENCE_MAX, f.evidence().size()))) {
            evidence.add(new EvidenceView(t.get("evidence.kind." + EvidenceKind.of(e.source())),
                    shortened(VisibleText.escape(shown(e.source(), t)), t), shortened(VisibleText.escape(e.value()), t)));
        }
        int omitted = f.evidence().size() - evidence.size();
        String omittedMarker = omitted > 0 ? t.format("evidence.omitted", omitted, f.evidence().size()) : "";
        String reason = VisibleText.escape(f.reason());
        String justification = "";
        String expiry = "";
        String waiverSource = "";
        Matcher m = WAIVED.matcher(f.reason());
        if (f.status() == Status.WAIVED) {
            if (m.matches()) {
                expiry = m.group(1);
                waiverSource = VisibleText.oneLine(m.group(3) + (m.group(2) == null ? "" : t.format("finding.approvedBy", m.group(2))));
                justification = VisibleText.escape(m.group(4));
            } else {
                justification = reason;
            }
        }
        List<String> tom = new ArrayList<>();
        if (f.tom() != null) {
            f.tom().kontrolle().forEach(x -> tom.add(VisibleText.oneLine(x)));
            f.tom().gdpr().forEach(x -> tom.add(VisibleText.oneLine(x)));
            f.tom().sdm().forEach(x -> tom.add(VisibleText.oneLine(x)));
        }
        Status s = f.status();
        return new FindingView(VisibleText.oneLine(f.ruleId()), s.json(), statusLabel(s, t), VisibleText.oneLine(f.severity()),
                severityLabel(f.severity(), t), VisibleText.oneLine(f.title()), VisibleText.oneLine(f.why()), VisibleText.escape(f.remediation()),
                shortened(reason, t), justification, expiry, waiverSource, evidence, omittedMarker, tom,
                f.references().stream().map(VisibleText::oneLine).toList());
    }

    /** A source with its machine kind prefix ("default: ") in the document's language. */
    static String shown(String source, ReportTexts t) {
        return source == null ? null : EvidenceKind.shown(source, k -> t.get("evidence.kind." + k));
    }

    /** The value cut at {@link #VALUE_MAX} with a marker naming its full length. */
    static String shortened(String value, ReportTexts t) {
        return VisibleText.shorten(value, VALUE_MAX, t.format("value.shortened", value.length()));
    }

    public static String statusLabel(Status s, ReportTexts t) {
        return t.get("status." + s.json());
    }

    public static String severityLabel(String severity, ReportTexts t) {
        return SEVERITIES.contains(severity) ? t.get("severity." + severity) : VisibleText.oneLine(severity);
    }
}
