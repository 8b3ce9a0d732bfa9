package de.tomaudit.report;

import de.tomaudit.result.AuditResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One self-contained HTML file (inline CSS, no script, font, image or stylesheet from elsewhere;
 * a Content-Security-Policy that forbids loading any), from {@code reports/html/report.peb}.
 * Well-formed XHTML, so the PDF is made from the same document.
 */
public final class HtmlRenderer implements Renderer {
    static final String TEMPLATE = "html/report.peb";

    @Override public String format() { return "html"; }
    @Override public String extension() { return "html"; }

    @Override
    public void render(AuditResult result, RenderOptions options, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write(html(result, options));
        w.flush();
    }

    /** The document as a string (the PDF renderer lays out the same text). */
    public static String html(AuditResult result, RenderOptions options) {
        return Templates.html(TEMPLATE, context(ReportModel.of(result, options))).stripLeading();
    }

    static Map<String, Object> context(ReportModel m) {
        return Map.of("t", m.t(), "lang", m.lang(), "header", m.header(), "totals", m.totals(),
                "severityLabels", m.severityLabels(), "targets", m.targets());
    }
}
