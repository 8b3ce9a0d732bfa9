package de.tomaudit.report;

import com.openhtmltopdf.extend.FSSupplier;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.Diagnostic;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lays out a well-formed XHTML document (the report, the TOM annex) on A4 pages with openhtmltopdf
 * (PDFBox). The DejaVu fonts of {@code reports/fonts/} travel in the jar and are embedded as
 * subsets, so umlauts, ß and € print the same on every machine, with no font installed. Nothing
 * outside the document is loaded: no network, no file. One way for every PDF tomaudit writes.
 */
public final class HtmlToPdf {
    private static final Logger LOG = LoggerFactory.getLogger(HtmlToPdf.class);
    static final String SANS = "DejaVu Sans";
    static final String MONO = "DejaVu Sans Mono";
    /** The faces the stylesheets name, each as (file under reports/fonts/, family, weight). */
    private static final List<Face> FACES = List.of(
            new Face("DejaVuSans.ttf", SANS, 400),
            new Face("DejaVuSans-Bold.ttf", SANS, 700),
            new Face("DejaVuSansMono.ttf", MONO, 400),
            new Face("DejaVuSansMono-Bold.ttf", MONO, 700));

    private record Face(String file, String family, int weight) { }

    static {
        OpenHtmlLog.install();
        BundledFontMapper.install();
    }

    private HtmlToPdf() { }

    /** Writes {@code html} as PDF, with {@code producer} in the document's metadata. */
    public static void write(String html, String producer, OutputStream out) throws IOException {
        PdfRendererBuilder b = new PdfRendererBuilder();
        b.useFastMode();
        b.withProducer(producer);
        for (Face f : FACES) {
            b.useFont(font(f.file()), f.family(), f.weight(), BaseRendererBuilder.FontStyle.NORMAL, true);
        }
        b.useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
        b.useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI);
        b.withDiagnosticConsumer(HtmlToPdf::diagnostic);
        b.withHtmlContent(html, "about:blank");
        b.toStream(out);
        try {
            b.run();
        } catch (RuntimeException e) {
            throw new IOException("PDF layout failed: " + de.tomaudit.facts.Crash.describe(e), e);
        }
        out.flush();
    }

    private static FSSupplier<InputStream> font(String file) {
        return () -> {
            InputStream in = HtmlToPdf.class.getClassLoader().getResourceAsStream("reports/fonts/" + file);
            if (in == null) {
                throw new UncheckedIOException(new IOException("font reports/fonts/" + file + " is missing from the jar"));
            }
            return in;
        };
    }

    /** What the layout noticed (CSS it skips, timings): debug; only a severe problem is a warning. */
    private static void diagnostic(Diagnostic d) {
        if (d.getLevel().intValue() >= Level.SEVERE.intValue()) {
            LOG.warn("PDF layout: {}", d.getFormattedMessage());
        } else {
            LOG.debug("PDF layout: {}", d.getFormattedMessage());
        }
    }
}
