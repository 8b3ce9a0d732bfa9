package de.tomaudit.report.tom;

import com.openhtmltopdf.extend.FSSupplier;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLog;
import com.openhtmltopdf.util.XRLogger;
import de.tomaudit.report.RenderOptions;
import de.tomaudit.report.Renderer;
import de.tomaudit.result.AuditResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --format tom-pdf}: the annex's HTML laid out on A4 pages by openhtmltopdf, with the DejaVu
 * fonts of {@code reports/fonts/} embedded (as subsets) so umlauts and ß print on every machine.
 * Nothing outside the document is loaded: no network, no file.
 */
public final class TomPdfRenderer implements Renderer {
    private static final Logger LOG = LoggerFactory.getLogger(TomPdfRenderer.class);
    static final String SANS = "DejaVu Sans";
    static final String MONO = "DejaVu Sans Mono";

    static {
        XRLog.setLoggerImpl(new Slf4jXrLogger());
        BundledFontMapper.install();
    }

    @Override public String format() { return "tom-pdf"; }
    @Override public String extension() { return "tom.pdf"; }
    @Override public String fileName() { return "tomaudit-annex.pdf"; }

    @Override
    public void render(AuditResult result, RenderOptions options, OutputStream out) throws IOException {
        String html = TomHtmlRenderer.html(result, options);
        PdfRendererBuilder b = new PdfRendererBuilder();
        b.useFastMode();
        b.withProducer("tomaudit " + (result.tool() == null ? "" : result.tool().version()));
        b.useFont(font("DejaVuSans.ttf"), SANS, 400, BaseRendererBuilder.FontStyle.NORMAL, true);
        b.useFont(font("DejaVuSans-Bold.ttf"), SANS, 700, BaseRendererBuilder.FontStyle.NORMAL, true);
        b.useFont(font("DejaVuSansMono.ttf"), MONO, 400, BaseRendererBuilder.FontStyle.NORMAL, true);
        b.useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
        b.useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI);
        b.withDiagnosticConsumer(TomPdfRenderer::diagnostic);
        b.withHtmlContent(html, "about:blank");
        b.toStream(out);
        b.run();
        out.flush();
    }

    private static FSSupplier<InputStream> font(String file) {
        return () -> {
            InputStream in = TomPdfRenderer.class.getClassLoader().getResourceAsStream("reports/fonts/" + file);
            if (in == null) {
                throw new UncheckedIOException(new IOException("font reports/fonts/" + file + " is missing from the jar"));
            }
            return in;
        };
    }

    private static void diagnostic(Diagnostic d) {
        if (d.getLevel().intValue() >= Level.WARNING.intValue()) {
            LOG.warn("PDF layout: {}", d.getFormattedMessage());
        } else {
            LOG.debug("PDF layout: {}", d.getFormattedMessage());
        }
    }

    /** openhtmltopdf's own log lines go to SLF4J (debug; warnings as warnings), never to System.err. */
    private static final class Slf4jXrLogger implements XRLogger {
        private static final Logger XR = LoggerFactory.getLogger("com.openhtmltopdf");

        @Override
        public void log(String where, Level level, String msg) {
            log(where, level, msg, null);
        }

        @Override
        public void log(String where, Level level, String msg, Throwable th) {
            if (level.intValue() >= Level.WARNING.intValue()) {
                XR.warn("{}: {}", where, msg, th);
            } else {
                XR.debug("{}: {}", where, msg, th);
            }
        }

        @Override
        public void setLevel(String logger, Level level) {
            // levels are logback's
        }

        @Override
        public boolean isLogLevelEnabled(Diagnostic diagnostic) {
            return diagnostic.getLevel().intValue() >= Level.WARNING.intValue() ? XR.isWarnEnabled() : XR.isDebugEnabled();
        }
    }
}
