package de.tomaudit.report;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Lays out a well-formed XHTML document as PDF with openhtmltopdf (PDFBox), embedding the DejaVu
 * fonts so umlauts and ß print on any reader. The fonts are the system's: Debian's
 * {@code fonts-dejavu-core} in {@code /usr/share/fonts/truetype/dejavu}, or the directory named by
 * the environment variable {@value #FONT_DIR_ENV}. No font is bundled in the jar (no artifact on
 * Maven Central ships DejaVu); without the fonts a PDF is refused before anything is rendered,
 * with one line saying which package to install.
 */
public final class HtmlToPdf {
    public static final String FONT_DIR_ENV = "TOMAUDIT_FONT_DIR";
    static final Path DEBIAN_FONTS = Path.of("/usr/share/fonts/truetype/dejavu");
    /** The families the stylesheet names, each as (file, family, weight). */
    private static final List<Face> FACES = List.of(
            new Face("DejaVuSans.ttf", "DejaVu Sans", 400),
            new Face("DejaVuSans-Bold.ttf", "DejaVu Sans", 700),
            new Face("DejaVuSansMono.ttf", "DejaVu Sans Mono", 400),
            new Face("DejaVuSansMono-Bold.ttf", "DejaVu Sans Mono", 700));

    private record Face(String file, String family, int weight) { }

    private HtmlToPdf() { }

    /** The font directory in use: {@value #FONT_DIR_ENV} when set, else Debian's. */
    public static Path fontDir() {
        String env = System.getenv(FONT_DIR_ENV);
        return env == null || env.isBlank() ? DEBIAN_FONTS : Path.of(env);
    }

    /** Why no PDF can be made here (a font file missing), or empty. */
    public static Optional<String> unavailable() {
        Path dir = fontDir();
        for (Face f : FACES) {
            Path p = dir.resolve(f.file());
            if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
                return Optional.of("PDF output needs the DejaVu fonts: " + p + " is missing (Debian/Ubuntu: "
                        + "apt-get install fonts-dejavu-core; elsewhere set " + FONT_DIR_ENV
                        + " to a directory with DejaVuSans.ttf, DejaVuSans-Bold.ttf, DejaVuSansMono.ttf, DejaVuSansMono-Bold.ttf)");
            }
        }
        return Optional.empty();
    }

    /** Writes the document as PDF; {@code html} must be well-formed XHTML (as the report templates are). */
    public static void write(String html, OutputStream out) throws IOException {
        Optional<String> missing = unavailable();
        if (missing.isPresent()) {
            throw new IOException(missing.get());
        }
        OpenHtmlLog.install();
        PdfRendererBuilder b = new PdfRendererBuilder();
        b.useFastMode();
        Path dir = fontDir();
        for (Face f : FACES) {
            b.useFont(dir.resolve(f.file()).toFile(), f.family(), f.weight(), BaseRendererBuilder.FontStyle.NORMAL, true);
        }
        b.withHtmlContent(html, null);
        b.withProducer("tomaudit");
        b.toStream(out);
        try {
            b.run();
        } catch (RuntimeException e) {
            throw new IOException("PDF layout failed: " + e.getMessage(), e);
        }
        out.flush();
    }
}
