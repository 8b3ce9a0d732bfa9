package de.tomaudit.report;

import de.tomaudit.result.AuditResult;
import java.io.IOException;
import java.io.OutputStream;

/** The HTML report laid out as PDF (A4, page numbers, fonts embedded): {@link HtmlToPdf}. */
public final class PdfRenderer implements Renderer {

    @Override public String format() { return "pdf"; }
    @Override public String extension() { return "pdf"; }

    @Override
    public void render(AuditResult result, RenderOptions options, OutputStream out) throws IOException {
        HtmlToPdf.write(HtmlRenderer.html(result, options), "tomaudit " + (result.tool() == null ? "" : result.tool().version()), out);
    }
}
