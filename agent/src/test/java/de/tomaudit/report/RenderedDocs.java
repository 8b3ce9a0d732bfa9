package de.tomaudit.report;

import de.tomaudit.result.AuditResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/** Renders in memory and reads documents back as text (the PDF through PDFBox's text extraction). */
final class RenderedDocs {

    private RenderedDocs() { }

    static byte[] render(Renderer r, AuditResult result, String lang) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            r.render(result, RenderOptions.of(lang, "kontrolle", "Verein Bürgerfunk e.V."), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The text a reader sees: UTF-8 for text formats, the extracted text for PDF. */
    static String text(String format, byte[] bytes) {
        if (!"pdf".equals(format)) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            return new PDFTextStripper().getText(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Text with every run of whitespace as one space (PDF line breaks depend on font metrics). */
    static String normalized(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }
}
