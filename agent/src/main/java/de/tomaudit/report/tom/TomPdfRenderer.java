package de.tomaudit.report.tom;

import de.tomaudit.report.HtmlToPdf;
import de.tomaudit.report.RenderOptions;
import de.tomaudit.report.Renderer;
import de.tomaudit.result.AuditResult;
import java.io.IOException;
import java.io.OutputStream;

/**
 * {@code --format tom-pdf}: the annex's HTML laid out on A4 pages, as every PDF ({@link HtmlToPdf}).
 */
public final class TomPdfRenderer implements Renderer {

    @Override public String format() { return "tom-pdf"; }
    @Override public String extension() { return "tom.pdf"; }
    @Override public String fileName() { return "tomaudit-annex.pdf"; }

    @Override
    public void render(AuditResult result, RenderOptions options, OutputStream out) throws IOException {
        HtmlToPdf.write(TomHtmlRenderer.html(result, options), "tomaudit " + (result.tool() == null ? "" : result.tool().version()), out);
    }
}
