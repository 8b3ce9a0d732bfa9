package de.tomaudit.report;

import de.tomaudit.facts.Evidence;
import de.tomaudit.i18n.Texts;
import de.tomaudit.result.AuditResult;
import de.tomaudit.result.Finding;
import de.tomaudit.result.Status;
import de.tomaudit.result.Summary;
import de.tomaudit.result.TargetError;
import de.tomaudit.result.TargetResult;
import de.tomaudit.rules.Severity;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The top of a report, for a terminal and a cron mail: per target one line with its status and
 * the causes that left findings undecided (each once), the failures by severity each with its
 * why-line, at most three evidence lines and the remediation's first sentences (everything with
 * {@code --verbose}), info failures one line each, one line of counts with the most common
 * not-applicable reason; at the end the three fixes that matter most. Wrapped to the width; colour
 * only when the caller says the output is a terminal.
 */
public final class ConsoleRenderer implements Renderer {
    static final int MAX_EVIDENCE = 3;
    static final int FIX_CHARS = 240;
    /** Characters of a why-line the console shows without -v; the JSON result and reports keep it whole. */
    static final int WHY_CHARS = 320;
    /** A piece that ends in an abbreviation ("z.", "B.", "e.g.", "bzw.") does not end a sentence. */
    private static final java.util.regex.Pattern ABBREVIATION =
            java.util.regex.Pattern.compile("(?:^|[\\s(])(?:\\p{L}{1,2}|e\\.g|i\\.e|bzw|ggf|usw|vgl|etc|inkl|evtl)\\.$");
    private static final String IN1 = "  ";
    private static final String IN2 = "      ";

    @Override public String format() { return "console"; }
    @Override public String extension() { return "txt"; }

    @Override
    public void render(AuditResult result, RenderOptions o, OutputStream stream) throws IOException {
        PrintStream out = new PrintStream(stream, false, StandardCharsets.UTF_8);
        Paint p = new Paint(o.colour());
        Texts t = Texts.of(o.lang());
        Wrap w = new Wrap(out, o.width());
        for (TargetResult target : result.targets()) {
            target(w, target, o, p, t);
            out.println();
        }
        top(w, result, o, p, t);
        w.line("", t.get("console.total", counts(result.summary(), t), o.failOn()));
        if (result.history() != null && !result.history().recorded()) {
            w.hanging(p.yellow("! "), "  ", esc(t.get("console.unrecorded", result.history().message())));
        }
        out.flush();
    }

    private static void target(Wrap w, TargetResult target, RenderOptions o, Paint p, Texts t) {
        String status = statusWord(target, p, t);
        if (!target.errors().isEmpty()) {
            status += " (" + t.get("target.causes", target.errors().size()) + ")";
        }
        w.line("", p.bold(esc(target.name())) + "  " + esc(target.address()) + "  [" + esc(String.join(", ", target.kinds())) + "]  " + status);
        Set<String> ruleIds = target.findings().stream().map(Finding::ruleId).collect(Collectors.toSet());
        for (TargetError e : target.errors()) {
            w.hanging(IN1 + p.yellow("! "), IN1 + "  ", esc(e.message()));
            if (!e.affects().isEmpty()) {
                List<String> rules = e.affects().stream().filter(ruleIds::contains).toList();
                int factCount = e.affects().size() - rules.size();
                String and = factCount > 0 && !rules.isEmpty() ? t.get("console.affects.and") : "";
                List<String> named = rules.isEmpty() ? e.affects() : rules;
                w.hanging(IN1 + "  ", IN1 + "  ", p.dim(t.get("console.affects", factCount, rules.size(), and,
                        shortList(named, o.verbose() ? Integer.MAX_VALUE : 4))));
            }
        }
        List<Finding> failed = target.findings().stream().filter(f -> f.status() == Status.FAIL).toList();
        for (Severity sev : List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW)) {
            List<Finding> these = failed.stream().filter(f -> Severity.parse(f.severity()) == sev)
                    .sorted(Comparator.comparing(Finding::ruleId)).toList();
            if (these.isEmpty()) {
                continue;
            }
            w.line(IN1, p.severity(sev.json(), t.get("severity." + sev.json()).toUpperCase(java.util.Locale.ROOT)));
            for (Finding f : these) {
                failure(w, f, o, p, t);
            }
        }
        List<Finding> info = failed.stream().filter(f -> Severity.parse(f.severity()) == Severity.INFO)
                .sorted(Comparator.comparing(Finding::ruleId)).toList();
        if (!info.isEmpty()) {
            w.line(IN1, t.get("console.info.heading"));
            for (Finding f : info) {
                w.hanging(IN1 + "  ", IN2, p.bold(f.ruleId()) + "  " + esc(shortWhy(f.why(), o)));
            }
        }
        for (Finding f : target.findings()) {
            if (f.status() == Status.WAIVED) {
                w.hanging(IN1 + p.dim(t.get("console.waived") + " "), IN2, f.ruleId() + "  " + esc(waiverReason(f.reason(), t)));
            }
        }
        Set<String> caused = target.errors().stream().flatMap(e -> e.affects().stream()).collect(Collectors.toSet());
        for (Finding f : target.findings()) {
            if (f.status() == Status.ERROR && !caused.contains(f.ruleId())) {
                w.hanging(IN1 + p.yellow(t.get("status.error") + " "), IN2, f.ruleId() + "  " + esc(f.why()));
            }
        }
        w.line(IN1, counts(target.findings(), p, t));
        mostCommonNotApplicable(target.findings()).ifPresent(e ->
                w.hanging(IN1, IN1 + "  ", p.dim(t.get("console.counts.na", e.getKey(), e.getValue()))));
    }

    /** A waived finding's reason ("waived until DATE by WHO (SOURCE): WHY", as the engine writes it) in the console's language. */
    static String waiverReason(String reason, Texts t) {
        java.util.regex.Matcher m = ReportModel.WAIVED.matcher(reason);
        if (!m.matches()) {
            return reason;
        }
        String source = m.group(2) == null ? m.group(3) : t.get("console.waived.approved", m.group(3), m.group(2));
        return t.get("console.waived.until", m.group(1), source, m.group(4));
    }

    /**
     * The why-line as the console shows it: whole with -v, else at most {@link #WHY_CHARS} characters,
     * cut after the last whole item (", ") or word before the limit and marked with " …".
     */
    static String shortWhy(String why, RenderOptions o) {
        if (o.verbose() || why.length() <= WHY_CHARS) {
            return why;
        }
        int cut = why.lastIndexOf(", ", WHY_CHARS - 2);
        if (cut < WHY_CHARS / 2) {
            cut = why.lastIndexOf(' ', WHY_CHARS - 2);
        }
        if (cut <= 0) {
            cut = WHY_CHARS - 2;
        }
        return why.substring(0, cut).stripTrailing() + " …";
    }

    private static void failure(Wrap w, Finding f, RenderOptions o, Paint p, Texts t) {
        w.hanging(IN1 + "  ", IN2, p.bold(f.ruleId()) + "  " + esc(f.title()));
        if (!f.why().isEmpty()) {
            w.hanging(IN2, IN2 + "  ", t.get("console.why") + ": " + esc(shortWhy(f.why(), o)));
        }
        int max = o.verbose() ? Integer.MAX_VALUE : MAX_EVIDENCE;
        int shown = 0;
        for (Evidence e : f.evidence()) {
            if (shown++ == max) {
                w.line(IN2, p.dim(t.get("console.more", f.evidence().size() - max)));
                break;
            }
            String v = esc(e.value().replace('\n', ' '));
            if (!o.verbose() && v.length() > 160) {
                v = v.substring(0, 159) + "…";
            }
            w.hanging(IN2, IN2 + "  ", p.dim(esc(EvidenceKind.shown(e.source(), k -> t.get("console.source." + k))))
                    + (v.isEmpty() ? "" : "  " + v));
        }
        String fix = o.verbose() ? f.remediation() : firstSentences(f.remediation(), FIX_CHARS);
        w.hanging(IN2, IN2 + "  ", t.get("console.fix") + ": " + fix);
    }

    /** The three failures that matter most over all targets: worst severity, then most targets, then id. */
    private static void top(Wrap w, AuditResult result, RenderOptions o, Paint p, Texts t) {
        Map<String, Finding> first = new LinkedHashMap<>();
        Map<String, Integer> targets = new LinkedHashMap<>();
        for (TargetResult target : result.targets()) {
            for (Finding f : target.findings()) {
                if (f.status() == Status.FAIL && Severity.parse(f.severity()) != Severity.INFO) {
                    Finding known = first.get(f.ruleId());
                    if (known == null || Severity.parse(f.severity()).compareTo(Severity.parse(known.severity())) > 0) {
                        first.put(f.ruleId(), f);
                    }
                    targets.merge(f.ruleId(), 1, Integer::sum);
                }
            }
        }
        List<Finding> ranked = new ArrayList<>(first.values());
        ranked.sort(Comparator.comparing((Finding f) -> Severity.parse(f.severity())).reversed()
                .thenComparing(f -> -targets.get(f.ruleId()))
                .thenComparing(Finding::ruleId));
        if (ranked.isEmpty()) {
            return;
        }
        w.line("", p.bold(t.get("console.top")));
        for (int i = 0; i < Math.min(3, ranked.size()); i++) {
            Finding f = ranked.get(i);
            String where = result.targets().size() > 1 ? " (" + targets.get(f.ruleId()) + "/" + result.targets().size() + ")" : "";
            w.hanging(IN1 + (i + 1) + ". ", IN1 + "   ", p.bold(f.ruleId()) + where + " ["
                    + t.get("severity." + f.severity()) + "]: " + firstSentences(f.remediation(), 0));
        }
        w.line("", "");
    }

    /** Whole sentences from the start, as many as fit into max characters (at least one; 0: exactly one). */
    static String firstSentences(String text, int max) {
        List<String> sentences = new ArrayList<>();
        for (String piece : text.strip().split("(?<=[.!?])\\s+(?=[A-ZÄÖÜ\"`(])")) {
            int last = sentences.size() - 1;
            if (last >= 0 && ABBREVIATION.matcher(sentences.get(last)).find()) {
                sentences.set(last, sentences.get(last) + " " + piece);
            } else {
                sentences.add(piece);
            }
        }
        StringBuilder out = new StringBuilder(sentences.get(0));
        for (int i = 1; i < sentences.size() && max > 0 && out.length() + 1 + sentences.get(i).length() <= max; i++) {
            out.append(' ').append(sentences.get(i));
        }
        return out.toString();
    }

    private static java.util.Optional<Map.Entry<String, Integer>> mostCommonNotApplicable(List<Finding> findings) {
        Map<String, Integer> n = new LinkedHashMap<>();
        findings.stream().filter(f -> f.status() == Status.NOT_APPLICABLE)
                .map(f -> f.why().isEmpty() ? f.reason() : f.why()).filter(r -> !r.isEmpty())
                .forEach(r -> n.merge(r, 1, Integer::sum));
        return n.entrySet().stream().filter(e -> e.getValue() > 1)
                .max(Comparator.comparing((Map.Entry<String, Integer> e) -> e.getValue()));
    }

    private static String statusWord(TargetResult t, Paint p, Texts x) {
        return switch (t.status()) {
            case COMPLETE -> p.green(x.get("target.complete"));
            case PARTIAL -> p.yellow(x.get("target.partial"));
            case UNREACHABLE -> p.red(x.get("target.unreachable"));
        };
    }

    private static String counts(List<Finding> findings, Paint p, Texts t) {
        int[] n = new int[Status.values().length];
        findings.forEach(f -> n[f.status().ordinal()]++);
        String s = t.get("console.counts", n[Status.PASS.ordinal()], n[Status.FAIL.ordinal()], n[Status.ERROR.ordinal()],
                n[Status.NOT_APPLICABLE.ordinal()], n[Status.WAIVED.ordinal()]);
        if (n[Status.MANUAL.ordinal()] > 0) {
            s += t.get("console.counts.manual", n[Status.MANUAL.ordinal()]);
        }
        return n[Status.FAIL.ordinal()] > 0 ? p.red(s) : p.green(s);
    }

    private static String counts(Summary s, Texts t) {
        String out = t.get("console.counts", s.pass(), s.fail(), s.error(), s.notApplicable(), s.waived());
        return s.manual() > 0 ? out + t.get("console.counts.manual", s.manual()) : out;
    }

    private static String shortList(List<String> items, int max) {
        if (items.size() <= max) {
            return String.join(", ", items);
        }
        return String.join(", ", items.subList(0, max)) + ", … (+" + (items.size() - max) + ")";
    }

    /**
     * Writes lines wrapped at spaces to the width, indent included; ANSI sequences do not count
     * towards it. A word longer than the room stands alone on its line (the only lines that may
     * be wider), and the text after it is wrapped again.
     */
    record Wrap(PrintStream out, int width) {
        void line(String indent, String text) {
            hanging(indent, indent, text);
        }

        void hanging(String first, String rest, String text) {
            String prefix = first;
            String remaining = text;
            while (true) {
                int room = width - visible(prefix);
                if (visible(remaining) <= room) {
                    out.println(prefix + remaining);
                    return;
                }
                int cut = breakAt(remaining, room);
                if (cut <= 0) {
                    cut = firstSpace(remaining);
                }
                if (cut <= 0) {
                    out.println(prefix + remaining);
                    return;
                }
                out.println(prefix + remaining.substring(0, cut).stripTrailing());
                remaining = remaining.substring(cut).stripLeading();
                prefix = rest;
                if (remaining.isEmpty()) {
                    return;
                }
            }
        }

        /** The first space after some visible text (the end of an over-long first word); 0 when there is none. */
        private static int firstSpace(String s) {
            boolean seen = false;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\u001b') {
                    int m = s.indexOf('m', i);
                    i = m < 0 ? s.length() : m;
                    continue;
                }
                if (c == ' ' && seen) {
                    return i;
                }
                seen |= c != ' ';
            }
            return 0;
        }

        /** The last space at which the visible part is at most room characters; 0 when there is none. */
        private static int breakAt(String s, int room) {
            int seen = 0;
            int lastSpace = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\u001b') {
                    int m = s.indexOf('m', i);
                    i = m < 0 ? s.length() : m;
                    continue;
                }
                if (c == ' ') {
                    if (seen > room) {
                        break;
                    }
                    lastSpace = i;
                }
                seen++;
            }
            return lastSpace;
        }

        private static int visible(String s) {
            return s.replaceAll("\u001b\\[[0-9;]*m", "").length();
        }
    }

    /** ANSI colours, or plain text. */
    private record Paint(boolean on) {
        String wrap(String code, String s) { return on ? "\u001b[" + code + "m" + s + "\u001b[0m" : s; }
        String bold(String s) { return wrap("1", s); }
        String dim(String s) { return wrap("2", s); }
        String red(String s) { return wrap("31", s); }
        String green(String s) { return wrap("32", s); }
        String yellow(String s) { return wrap("33", s); }
        String severity(String sev, String s) {
            return switch (sev) {
                case "critical" -> wrap("1;31", s);
                case "high" -> red(s);
                case "medium" -> yellow(s);
                default -> s;
            };
        }
    }

    /** Control characters in values from a target are shown as visible escapes, never sent raw. */
    private static String esc(String s) {
        return Printable.escape(s);
    }
}
