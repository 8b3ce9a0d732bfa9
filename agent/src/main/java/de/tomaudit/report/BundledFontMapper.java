package de.tomaudit.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.fontbox.FontBoxFont;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.font.CIDFontMapping;
import org.apache.pdfbox.pdmodel.font.FontMapper;
import org.apache.pdfbox.pdmodel.font.FontMapping;
import org.apache.pdfbox.pdmodel.font.FontMappers;
import org.apache.pdfbox.pdmodel.font.PDCIDSystemInfo;
import org.apache.pdfbox.pdmodel.font.PDFontDescriptor;

/**
 * PDFBox asks a font mapper for the 14 standard PDF fonts that openhtmltopdf sets up but our
 * documents never draw with (all text is DejaVu, embedded). PDFBox's default mapper answers by
 * scanning every font of the system and writing a cache into the home directory: seconds of work
 * and a file outside the output. This one answers with the bundled DejaVu Sans, at once.
 */
final class BundledFontMapper implements FontMapper {
    private static volatile TrueTypeFont sans;

    private BundledFontMapper() { }

    /** Installs the mapper once per JVM (PDFBox keeps one). */
    static synchronized void install() {
        if (!(FontMappers.instance() instanceof BundledFontMapper)) {
            FontMappers.set(new BundledFontMapper());
        }
    }

    private static TrueTypeFont sans() {
        TrueTypeFont f = sans;
        if (f == null) {
            synchronized (BundledFontMapper.class) {
                if (sans == null) {
                    try (InputStream in = BundledFontMapper.class.getClassLoader().getResourceAsStream("reports/fonts/DejaVuSans.ttf")) {
                        if (in == null) {
                            throw new IOException("reports/fonts/DejaVuSans.ttf is missing from the jar");
                        }
                        sans = new TTFParser().parse(new RandomAccessReadBuffer(in.readAllBytes()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                f = sans;
            }
        }
        return f;
    }

    @Override
    public FontMapping<TrueTypeFont> getTrueTypeFont(String baseFont, PDFontDescriptor descriptor) {
        return new FontMapping<>(sans(), false);
    }

    @Override
    public FontMapping<FontBoxFont> getFontBoxFont(String baseFont, PDFontDescriptor descriptor) {
        return new FontMapping<>(sans(), false);
    }

    @Override
    public CIDFontMapping getCIDFont(String baseFont, PDFontDescriptor descriptor, PDCIDSystemInfo cidSystemInfo) {
        return new CIDFontMapping(null, sans(), false);
    }
}
