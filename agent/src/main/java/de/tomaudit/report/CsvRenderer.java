package de.tomaudit.report;

import de.tomaudit.facts.Evidence;
import de.tomaudit.result.AuditResult;
import de.tomaudit.result.Finding;
import de.tomaudit.result.TargetResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * One row per finding, RFC 4180 (Commons CSV: CRLF, quotes doubled), UTF-8 with a byte-order
 * mark so Excel and LibreOffice show umlauts. A cell that a spreadsheet would run as a formula
 * ({@code = + - @}) starts with an apostrophe; a cell never exceeds what Excel holds.
 */
public final class CsvRenderer implements Renderer {
    /** Excel holds 32,767 characters in a cell; the marker must fit too. */
    static final int CELL_MAX = 32_000;
    static final int VALUE_MAX = 4_000;

    @Override public String format() { return "csv"; }
    @Override public String extension() { return "csv"; }

    @Override
    public void render(AuditResult result, RenderOptions options, OutputStream out) throws IOException {
        ReportTexts t = ReportTexts.of(options.lang());
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write('\ufeff');
        CSVFormat format = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();
        CSVPrinter csv = new CSVPrinter(w, format);
        csv.printRecord(List.of(t.get("col.target"), t.get("col.address"), t.get("col.rule"), t.get("col.status"),
                t.get("col.severity"), t.get("col.title"), t.get("col.evidence"), t.get("col.remediation"),
                t.get("col.reason"), t.get("col.tomKontrolle"), t.get("col.tomGdpr"), t.get("col.tomSdm"),
                t.get("col.references")));
        for (TargetResult tr : result.targets()) {
            for (Finding f : tr.findings()) {
                List<String> row = new ArrayList<>();
                row.add(tr.name());
                row.add(tr.address());
                row.add(f.ruleId());
                row.add(ReportModel.statusLabel(f.status(), t));
                row.add(ReportModel.severityLabel(f.severity(), t));
                row.add(f.title());
                row.add(evidence(f.evidence(), t));
                row.add(f.remediation());
                row.add(f.reason());
                row.add(f.tom() == null ? "" : String.join(", ", f.tom().kontrolle()));
                row.add(f.tom() == null ? "" : String.join(", ", f.tom().gdpr()));
                row.add(f.tom() == null ? "" : String.join(", ", f.tom().sdm()));
                row.add(String.join("; ", f.references()));
                csv.printRecord(row.stream().map(c -> cell(c, t)).toList());
            }
        }
        csv.flush();
    }

    private static String evidence(List<Evidence> evidence, ReportTexts t) {
        StringBuilder b = new StringBuilder();
        for (Evidence e : evidence) {
            if (b.length() > 0) {
                b.append('\n');
            }
            b.append(e.source());
            if (!e.value().isEmpty()) {
                b.append(" = ").append(VisibleText.shorten(e.value(), VALUE_MAX, t.format("value.shortened", e.value().length())));
            }
        }
        return b.toString();
    }

    /** Visible control characters, no formula, never longer than a spreadsheet cell. */
    static String cell(String value, ReportTexts t) {
        String v = VisibleText.escape(value);
        v = VisibleText.shorten(v, CELL_MAX, t.format("value.shortened", v.length()));
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return v;
    }
}
