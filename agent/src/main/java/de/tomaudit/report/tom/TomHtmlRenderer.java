package de.tomaudit.report.tom;

import de.tomaudit.report.RenderOptions;
import de.tomaudit.report.Renderer;
import de.tomaudit.result.AuditResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/** {@code --format tom}: the TOM annex as one self-contained, printable HTML file (inline CSS only). */
public final class TomHtmlRenderer implements Renderer {
    @Override public String format() { return "tom"; }
    @Override public String extension() { return "tom.html"; }
    @Override public String fileName() { return "tomaudit-annex.html"; }

    @Override
    public void render(AuditResult result, RenderOptions options, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write(html(result, options));
        w.flush();
    }

    /** The annex's HTML: what {@code tom} writes and {@code tom-pdf} lays out on A4 pages. */
    static String html(AuditResult result, RenderOptions options) {
        java.io.StringWriter sw = new java.io.StringWriter(64 * 1024);
        TomTemplates.html(TomAnnexBuilder.build(result, options.lang(), options.tomGroup(), options.org()), sw);
        return sw.toString();
    }
}
