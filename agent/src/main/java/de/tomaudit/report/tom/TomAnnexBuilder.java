package de.tomaudit.report.tom;

import de.tomaudit.facts.Evidence;
import de.tomaudit.result.AuditResult;
import de.tomaudit.result.Finding;
import de.tomaudit.result.ProcessorEntry;
import de.tomaudit.result.RetentionEntry;
import de.tomaudit.result.Status;
import de.tomaudit.result.TargetError;
import de.tomaudit.result.TargetResult;
import de.tomaudit.result.TargetStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Groups an audit result into the TOM annex: per category of the chosen vocabulary, the rules
 * verified in place, the gaps, the accepted deviations, what could not be checked and what must be
 * documented by hand; then the retention periods and the processors. It reads the result only and
 * never judges anew. A finding tagged with several categories appears under each; one without a
 * tag of the vocabulary under "further findings". Not-applicable findings are only counted.
 */
public final class TomAnnexBuilder {
    /** Evidence lines shown per occurrence; the rest is counted with a visible marker. */
    static final int MAX_EVIDENCE_LINES = 6;
    /** Characters of one evidence value or source shown; longer ones are cut with a visible marker. */
    static final int MAX_VALUE_CHARS = 300;
    /** Characters of a why-line shown: what decided a gap is said whole up to the documents' limit for a value. */
    static final int MAX_WHY_CHARS = 1000;
    static final String OTHER = "";

    /**
     * The waiver note the engine writes ({@code waived until 2027-01-31 (waivers.yaml:3): why});
     * an approver is read where the note carries one ({@code … until D by NAME (…)} or
     * {@code approved by NAME}).
     */
    private static final Pattern WAIVED = Pattern.compile(
            "(?s)(?:waived until|ausgenommen bis) (\\d{4}-\\d{2}-\\d{2})(.*?)(?: \\(([^()]*)\\))?: (.*)");
    private static final Pattern APPROVER = Pattern.compile("(?i)(?:approved by|approver:|by|genehmigt von|von)\\s+([^,;()]+)");

    private final TomTexts t;
    private final TomGrouping grouping;
    private final List<String> audited;

    private TomAnnexBuilder(TomTexts t, TomGrouping grouping, List<String> audited) {
        this.t = t;
        this.grouping = grouping;
        this.audited = audited;
    }

    public static TomAnnex build(AuditResult raw, String lang, String tomGroup, String org) {
        // every text from targets (and custom rules) shown visibly: a NUL made the PDF annex fail, bidi overrides reached Word
        AuditResult result = de.tomaudit.report.VisibleResult.of(raw);
        org = org == null ? null : de.tomaudit.report.VisibleText.escape(org);
        TomTexts t = TomTexts.of(lang);
        TomGrouping g = TomGrouping.parse(tomGroup);
        List<String> audited = result.targets().stream().filter(x -> x.status() != TargetStatus.UNREACHABLE)
                .map(TargetResult::name).toList();
        return new TomAnnexBuilder(t, g, audited).build(result, org == null ? "" : org.strip());
    }

    private TomAnnex build(AuditResult result, String org) {
        String version = result.tool() == null ? "?" : result.tool().version();
        String toolName = result.tool() == null ? "tomaudit" : result.tool().name();
        String date = date(result.finishedAt().isEmpty() ? result.startedAt() : result.finishedAt());
        Set<String> ruleIds = new HashSet<>();
        int[] n = new int[Status.values().length];
        for (TargetResult tr : result.targets()) {
            for (Finding f : tr.findings()) {
                n[f.status().ordinal()]++;
                ruleIds.add(f.ruleId());
            }
        }
        TomAnnex.Header header = new TomAnnex.Header(t.get("doc.title"), t.get("doc.subtitle"),
                org.isEmpty() ? t.get("doc.org.none") : org, !org.isEmpty(), date,
                time(result.startedAt()) + " – " + time(result.finishedAt()) + " " + t.get("doc.timezone"),
                toolName + " " + version, t.format("doc.rules.value", version, ruleIds.size()),
                t.get("grouping." + grouping.key()), t.get("grouping.short." + grouping.key()));
        TomAnnex.Counts counts = new TomAnnex.Counts(n[Status.PASS.ordinal()], n[Status.FAIL.ordinal()],
                n[Status.WAIVED.ordinal()], n[Status.MANUAL.ordinal()], n[Status.ERROR.ordinal()],
                n[Status.NOT_APPLICABLE.ordinal()]);
        return new TomAnnex(t.lang(), header, counts, targets(result), problems(result), groups(result),
                retentions(result), processors(result), t.format("footer.generated", toolName + " " + version, date));
    }

    private List<TomAnnex.TargetRow> targets(AuditResult result) {
        return result.targets().stream().map(x -> new TomAnnex.TargetRow(x.name(),
                x.address().equals(x.name()) ? "" : x.address(), String.join(", ", x.kinds()),
                t.get("target.status." + x.status().json()), x.status().json())).toList();
    }

    private static List<TomAnnex.Problem> problems(AuditResult result) {
        List<TomAnnex.Problem> out = new ArrayList<>();
        for (TargetResult x : result.targets()) {
            for (TargetError e : x.errors()) {
                out.add(new TomAnnex.Problem(x.name(), e.stage(), shorten(e.message())));
            }
        }
        return out;
    }

    // ---- groups ------------------------------------------------------------------------------

    private enum Section { VERIFIED, GAPS, WAIVED, ERRORS, MANUAL }

    private static Section section(Status s) {
        return switch (s) {
            case PASS -> Section.VERIFIED;
            case FAIL -> Section.GAPS;
            case WAIVED -> Section.WAIVED;
            case ERROR -> Section.ERRORS;
            case MANUAL -> Section.MANUAL;
            case NOT_APPLICABLE -> null;
        };
    }

    /** What makes two targets' findings of one rule the same occurrence. */
    private record OccurrenceKey(String severity, String why, List<Evidence> evidence, String reason) { }

    private static final class ItemAcc {
        final Finding first;
        final Map<OccurrenceKey, List<String>> occurrences = new LinkedHashMap<>();

        ItemAcc(Finding first) {
            this.first = first;
        }
    }

    private List<TomAnnex.Group> groups(AuditResult result) {
        Map<String, Map<Section, Map<String, ItemAcc>>> byCategory = new LinkedHashMap<>();
        for (String c : grouping.categories()) {
            byCategory.put(c, new LinkedHashMap<>());
        }
        Set<String> unknown = new TreeSet<>();
        Map<Section, Map<String, ItemAcc>> other = new LinkedHashMap<>();
        for (TargetResult tr : result.targets()) {
            for (Finding f : tr.findings()) {
                Section s = section(f.status());
                if (s == null) {
                    continue;
                }
                List<String> tags = grouping.tags(f.tom()).stream().distinct().toList();
                List<Map<Section, Map<String, ItemAcc>>> into = new ArrayList<>();
                for (String tag : tags) {
                    if (!byCategory.containsKey(tag)) {
                        unknown.add(tag);
                    }
                }
                for (String tag : tags) {
                    into.add(byCategory.computeIfAbsent(tag, k -> new LinkedHashMap<>()));
                }
                if (tags.isEmpty()) {
                    into.add(other);
                }
                for (Map<Section, Map<String, ItemAcc>> sections : into) {
                    ItemAcc acc = sections.computeIfAbsent(s, k -> new LinkedHashMap<>())
                            .computeIfAbsent(f.ruleId(), k -> new ItemAcc(f));
                    acc.occurrences.computeIfAbsent(new OccurrenceKey(f.severity(), f.why(), f.evidence(), f.reason()),
                            k -> new ArrayList<>()).add(tr.name());
                }
            }
        }
        List<TomAnnex.Group> out = new ArrayList<>();
        int number = 1;
        for (Map.Entry<String, Map<Section, Map<String, ItemAcc>>> e : byCategory.entrySet()) {
            String key = e.getKey();
            String labelKey = "group." + grouping.key() + "." + key;
            String label = t.has(labelKey) ? t.get(labelKey) : key;
            String desc = t.has(labelKey + ".desc") ? t.get(labelKey + ".desc") : "";
            out.add(group(key, "4." + number++, label, desc, e.getValue()));
        }
        if (!other.isEmpty()) {
            out.add(group(OTHER, "4." + number, t.get("other.label"), t.get("other.description"), other));
        }
        return out;
    }

    private TomAnnex.Group group(String key, String number, String label, String desc,
                                 Map<Section, Map<String, ItemAcc>> sections) {
        return new TomAnnex.Group(key, number, label, desc, items(sections, Section.VERIFIED), items(sections, Section.GAPS),
                items(sections, Section.WAIVED), items(sections, Section.ERRORS), items(sections, Section.MANUAL));
    }

    private List<TomAnnex.Item> items(Map<Section, Map<String, ItemAcc>> sections, Section s) {
        Map<String, ItemAcc> accs = sections.getOrDefault(s, Map.of());
        List<ItemAcc> sorted = new ArrayList<>(accs.values());
        Comparator<ItemAcc> byId = Comparator.comparing(a -> a.first.ruleId());
        if (s == Section.GAPS) {
            sorted.sort(Comparator.<ItemAcc>comparingInt(a -> -a.occurrences.keySet().stream()
                    .mapToInt(k -> severityRank(k.severity())).max().orElse(0)).thenComparing(byId));
        } else {
            sorted.sort(byId);
        }
        List<TomAnnex.Item> out = new ArrayList<>();
        for (ItemAcc a : sorted) {
            List<TomAnnex.Occurrence> occ = new ArrayList<>();
            for (Map.Entry<OccurrenceKey, List<String>> o : a.occurrences.entrySet()) {
                occ.add(occurrence(s, o.getKey(), o.getValue()));
            }
            if (s == Section.GAPS) {
                occ.sort(Comparator.comparingInt(o -> -severityRank(o.severityKey())));
            }
            String question = s == Section.MANUAL ? a.first.reason() : "";
            out.add(new TomAnnex.Item(a.first.ruleId(), a.first.title(), a.first.remediation(), question, occ));
        }
        return out;
    }

    private TomAnnex.Occurrence occurrence(Section s, OccurrenceKey k, List<String> targets) {
        String who = targets.size() > 1 && audited.size() > 1 && new HashSet<>(targets).containsAll(audited)
                ? t.format("all.targets", audited.size()) : String.join(", ", targets);
        List<TomAnnex.EvidenceLine> evidence = new ArrayList<>();
        for (Evidence e : k.evidence().subList(0, Math.min(MAX_EVIDENCE_LINES, k.evidence().size()))) {
            evidence.add(new TomAnnex.EvidenceLine(cut(shown(e.source())), cut(e.value())));
        }
        String more = k.evidence().size() > MAX_EVIDENCE_LINES
                ? t.format("evidence.more", k.evidence().size() - MAX_EVIDENCE_LINES) : "";
        String sevKey = k.severity() == null ? "info" : k.severity();
        String severity = t.has("severity." + sevKey) ? t.get("severity." + sevKey) : sevKey;
        String reason = s == Section.MANUAL ? "" : cut(k.reason());
        String justification = "";
        String approver = "";
        String expires = "";
        if (s == Section.WAIVED) {
            Matcher m = WAIVED.matcher(k.reason());
            if (m.matches()) {
                expires = day(m.group(1));
                Matcher a = APPROVER.matcher(m.group(2));
                if (a.find()) {
                    approver = a.group(1).strip();
                }
                justification = cut(m.group(4).strip());
                Matcher inText = Pattern.compile("(?i)(?:approved by|approver:)\\s+([^,;()]+)").matcher(justification);
                if (approver.isEmpty() && inText.find()) {
                    approver = inText.group(1).strip();
                }
            } else {
                justification = reason;
            }
            reason = "";
        }
        return new TomAnnex.Occurrence(who, severity, sevKey,
                s == Section.GAPS || s == Section.ERRORS ? cut(k.why() == null ? "" : k.why(), MAX_WHY_CHARS) : "", evidence, more, reason, justification, approver, expires);
    }

    /** A source with its machine kind prefix ("default: ") in the annex's language. */
    private String shown(String source) {
        return source == null ? null : de.tomaudit.report.EvidenceKind.shown(source, kind -> t.get("source." + kind));
    }

    private static int severityRank(String s) {
        return switch (s == null ? "" : s) {
            case "critical" -> 5;
            case "high" -> 4;
            case "medium" -> 3;
            case "low" -> 2;
            case "info" -> 1;
            default -> 0;
        };
    }

    /** A value shortened to {@link #MAX_VALUE_CHARS} with a visible marker that says how long it was. */
    private String cut(String s) {
        return cut(s, MAX_VALUE_CHARS);
    }

    private String cut(String s, int max) {
        if (s == null) {
            return "";
        }
        if (s.length() <= max) {
            return s;
        }
        return s.substring(0, max) + " … " + t.format("evidence.cut", s.length());
    }

    private static String shorten(String s) {
        return s == null ? "" : s.length() <= 2 * MAX_VALUE_CHARS ? s : s.substring(0, 2 * MAX_VALUE_CHARS) + " …";
    }

    // ---- tables ------------------------------------------------------------------------------

    private List<TomAnnex.RetentionRow> retentions(AuditResult result) {
        List<TomAnnex.RetentionRow> out = new ArrayList<>();
        for (TargetResult tr : result.targets()) {
            for (RetentionEntry r : tr.retentions()) {
                String period = r.period() == null ? t.get("retention.forever") : PeriodWords.words(r.period(), t);
                String iso = r.period() == null ? "–" : r.period();
                String origin = t.get(r.isDefault() ? "retention.default" : "retention.configured");
                String checkedIn = t.get("retention.notchecked");
                String oldest = "";
                String holds = "";
                String holdsKey = "";
                if (r.verified() != null) {
                    checkedIn = cut(shown(r.verified().source()));
                    String o = r.verified().oldest();
                    oldest = o == null || o.isBlank() ? "–" : PeriodWords.words(o, t) + " (" + o + ")";
                    holds = t.get(r.verified().holds() ? "yes" : "no");
                    holdsKey = r.verified().holds() ? "yes" : "no";
                }
                out.add(new TomAnnex.RetentionRow(tr.name(), r.subject(), period, iso, cut(shown(r.source())), origin,
                        checkedIn, oldest, holds, holdsKey));
            }
        }
        return out;
    }

    private List<TomAnnex.ProcessorRow> processors(AuditResult result) {
        List<TomAnnex.ProcessorRow> out = new ArrayList<>();
        for (TargetResult tr : result.targets()) {
            for (ProcessorEntry p : tr.processors()) {
                out.add(new TomAnnex.ProcessorRow(tr.name(), p.service(), p.host(), p.jurisdiction(), p.transfer(),
                        cut(shown(p.source()))));
            }
        }
        return out;
    }

    // ---- dates -------------------------------------------------------------------------------

    private String date(String instant) {
        try {
            LocalDate d = Instant.parse(instant).atZone(ZoneOffset.UTC).toLocalDate();
            return d.format(DateTimeFormatter.ofPattern("de".equals(t.lang()) ? "d. MMMM yyyy" : "d MMMM yyyy", t.locale()));
        } catch (DateTimeParseException | NullPointerException e) {
            return instant == null ? "" : instant;
        }
    }

    private String time(String instant) {
        try {
            return Instant.parse(instant).atZone(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern(
                    "de".equals(t.lang()) ? "dd.MM.yyyy HH:mm" : "yyyy-MM-dd HH:mm", t.locale()));
        } catch (DateTimeParseException | NullPointerException e) {
            return instant == null ? "" : instant;
        }
    }

    private String day(String isoDate) {
        try {
            return LocalDate.parse(isoDate).format(DateTimeFormatter.ofPattern("de".equals(t.lang()) ? "dd.MM.yyyy" : "yyyy-MM-dd"));
        } catch (DateTimeParseException e) {
            return isoDate;
        }
    }
}
