package de.tomaudit.report;

import de.tomaudit.facts.Evidence;
import de.tomaudit.result.AuditResult;
import de.tomaudit.result.Finding;
import de.tomaudit.result.Status;
import de.tomaudit.result.TargetError;
import de.tomaudit.result.TargetResult;
import de.tomaudit.rules.Severity;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

/**
 * The summary a person reads: per target, the failures (worst first) with evidence and the fix,
 * then errors and a count line. Colour only when the caller says the output is a terminal.
 */
public final class ConsoleRenderer implements Renderer {
    private static final int MAX_EVIDENCE = 4;

    @Override public String format() { return "console"; }
    @Override public String extension() { return "txt"; }

    @Override
    public void render(AuditResult result, RenderOptions o, OutputStream stream) throws IOException {
        PrintStream out = new PrintStream(stream, false, StandardCharsets.UTF_8);
        Paint p = new Paint(o.colour());
        boolean de = "de".equals(o.lang());
        for (TargetResult t : result.targets()) {
            out.println(p.bold(esc(t.name())) + "  " + esc(t.address()) + "  [" + esc(String.join(", ", t.kinds())) + "]  "
                    + statusWord(t, p, de));
            for (TargetError e : t.errors()) {
                out.println("  " + p.yellow("!") + " " + esc(e.stage()) + ": " + esc(e.message()));
            }
            List<Finding> failed = t.findings().stream().filter(f -> f.status() == Status.FAIL)
                    .sorted(Comparator.comparing((Finding f) -> Severity.parse(f.severity())).reversed()
                            .thenComparing(Finding::ruleId))
                    .toList();
            for (Finding f : failed) {
                out.println("  " + p.severity(f.severity(), pad("FAIL " + f.severity(), 14)) + p.bold(esc(f.ruleId())) + "  " + esc(f.title()));
                evidence(out, f.evidence(), p);
                out.println("                " + (de ? "Abhilfe: " : "Fix: ") + esc(f.remediation()));
            }
            for (Finding f : t.findings()) {
                if (f.status() == Status.ERROR) {
                    out.println("  " + p.yellow(pad("ERROR", 14)) + esc(f.ruleId()) + "  " + esc(f.reason()));
                }
            }
            for (Finding f : t.findings()) {
                if (f.status() == Status.WAIVED) {
                    out.println("  " + p.dim(pad("WAIVED", 14)) + esc(f.ruleId()) + "  " + esc(f.reason()));
                }
            }
            out.println("  " + counts(t.findings(), p, de));
            out.println();
        }
        var s = result.summary();
        out.println((de ? "Gesamt: " : "Total: ") + s.pass() + " pass, " + s.fail() + " fail, " + s.error() + " error, "
                + s.notApplicable() + " n/a, " + s.waived() + " waived  (fail-on " + o.failOn() + ")");
        out.flush();
    }

    private static void evidence(PrintStream out, List<Evidence> evidence, Paint p) {
        int shown = 0;
        for (Evidence e : evidence) {
            if (shown++ == MAX_EVIDENCE) {
                out.println("                " + p.dim("… " + (evidence.size() - MAX_EVIDENCE) + " more in --format json"));
                break;
            }
            String v = e.value().length() > 160 ? e.value().substring(0, 157) + "…" : e.value();
            out.println("                " + p.dim(esc(e.source())) + (v.isEmpty() ? "" : "  " + esc(v.replace('\n', ' '))));
        }
    }

    private static String esc(String s) {
        return Printable.escape(s);
    }

    private static String statusWord(TargetResult t, Paint p, boolean de) {
        return switch (t.status()) {
            case COMPLETE -> p.green(de ? "vollständig" : "complete");
            case PARTIAL -> p.yellow(de ? "unvollständig" : "partial");
            case UNREACHABLE -> p.red(de ? "nicht erreichbar" : "unreachable");
        };
    }

    private static String counts(List<Finding> findings, Paint p, boolean de) {
        int[] n = new int[Status.values().length];
        findings.forEach(f -> n[f.status().ordinal()]++);
        return p.green(n[Status.PASS.ordinal()] + " pass") + ", "
                + (n[Status.FAIL.ordinal()] > 0 ? p.red(n[Status.FAIL.ordinal()] + " fail") : "0 fail") + ", "
                + n[Status.ERROR.ordinal()] + " error, " + n[Status.NOT_APPLICABLE.ordinal()] + " n/a, "
                + n[Status.WAIVED.ordinal()] + " waived";
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
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
}
