package de.tomaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import de.tomaudit.result.AuditResult;
import de.tomaudit.result.Finding;
import de.tomaudit.result.TargetResult;
import de.tomaudit.testsupport.TestPaths;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The documents looked at for real, with the tools a reader's machine has (Debian's chromium and
 * poppler-utils; the test-bed module {@code documents} installs them): a headless Chromium
 * screenshot of the HTML and its print to PDF, pdftoppm pages, pdftotext and pdffonts of the PDF.
 * Fails for missing text, a font not embedded, broken umlauts, or a word outside the page (a table
 * wider than the page). The images stay in agent/target/report-docs/ as build artifacts. Skipped,
 * with the reason, when a tool is absent.
 */
class RenderedDocumentsIT {
    private static final Path OUT = TestPaths.repo().resolve("agent/target/report-docs");
    private static final List<String> UMLAUTS = List.of("Prüfbericht", "Maßnahmen", "Übergröße ß äöü ÄÖÜ");
    private static final Pattern PAGE = Pattern.compile("<page width=\"([0-9.]+)\" height=\"([0-9.]+)\">");
    private static final Pattern WORD = Pattern.compile(
            "<word xMin=\"([0-9.-]+)\" yMin=\"([0-9.-]+)\" xMax=\"([0-9.-]+)\" yMax=\"([0-9.-]+)\">([^<]*)</word>");

    @BeforeAll
    static void outputDir() throws IOException {
        Files.createDirectories(OUT);
    }

    private static AuditResult document() {
        List<TargetResult> targets = new ArrayList<>(GoldenResults.all().get("many-targets").targets());
        targets.addAll(GoldenResults.all().get("hostile-values").targets());
        return GoldenResults.result(targets);
    }

    private static void need(String tool) {
        Assumptions.assumeTrue(on(tool), tool + " is not installed (Debian: scripts/testbed start documents)");
    }

    private static boolean on(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static String run(Path cwd, String... cmd) throws Exception {
        Path log = Files.createTempFile(OUT, "tool-", ".log");
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", cmd) + " took longer than 180 s");
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + output);
        return output;
    }

    private static Path write(Renderer r, String lang, String name) throws IOException {
        Path file = OUT.resolve(name);
        Files.write(file, RenderedDocs.render(r, document(), lang));
        return file;
    }

    @Test
    void theHtmlInChromiumShowsTheReportAndPrintsWithinThePage() throws Exception {
        String chromium = on("chromium") ? "chromium" : "chromium-browser";
        need(chromium);
        need("pdftotext");
        for (String lang : List.of("de", "en")) {
            Path html = write(new HtmlRenderer(), lang, "report-" + lang + ".html");
            Path profile = Files.createTempDirectory("tomaudit-chromium-");
            Path png = OUT.resolve("report-" + lang + "-chromium.png");
            Path printed = OUT.resolve("report-" + lang + "-chromium-print.pdf");
            String[] base = {chromium, "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + profile,
                    "--hide-scrollbars"};
            run(OUT, concat(base, "--window-size=1280,2400", "--screenshot=" + png, html.toUri().toString()));
            run(OUT, concat(base, "--no-pdf-header-footer", "--print-to-pdf=" + printed, html.toUri().toString()));
            BufferedImage img = ImageIO.read(png.toFile());
            assertTrue(img.getWidth() >= 1000 && inkShare(img) > 0.02, "the screenshot shows the report: " + png);
            String text = run(OUT, "pdftotext", "-enc", "UTF-8", printed.toString(), "-");
            checkText(text, lang);
            checkWithinPages(printed);
        }
    }

    @Test
    void thePdfHasItsTextItsFontsEmbeddedAndNothingOutsideThePage() throws Exception {
        need("pdftotext");
        need("pdffonts");
        need("pdftoppm");
        for (String lang : List.of("de", "en")) {
            Path pdf = write(new PdfRenderer(), lang, "report-" + lang + ".pdf");
            String fonts = run(OUT, "pdffonts", pdf.toString());
            List<String> rows = fonts.lines().skip(2).filter(l -> !l.isBlank()).toList();
            assertFalse(rows.isEmpty(), "fonts listed: " + fonts);
            for (String row : rows) {
                String[] cols = row.trim().split("\\s+");
                // name type... encoding emb sub uni object ID: emb is the fifth column from the end
                assertEquals("yes", cols[cols.length - 5], "font not embedded: " + row);
                assertTrue(row.contains("DejaVu"), "only the DejaVu fonts: " + row);
            }
            String text = run(OUT, "pdftotext", "-enc", "UTF-8", pdf.toString(), "-");
            checkText(text, lang);
            checkWithinPages(pdf);
            run(OUT, "pdftoppm", "-r", "50", "-png", pdf.toString(), OUT.resolve("report-" + lang + "-page").toString());
            try (var pages = Files.list(OUT)) {
                List<Path> pngs = pages.filter(p -> p.getFileName().toString().startsWith("report-" + lang + "-page")).toList();
                assertTrue(pngs.size() >= 4, "several pages: " + pngs);
                for (Path p : pngs) {
                    assertTrue(inkShare(ImageIO.read(p.toFile())) > 0.005, "page has content: " + p);
                }
            }
        }
    }

    private static void checkText(String text, String lang) {
        String squeezed = text.replaceAll("\\s+", "");
        for (TargetResult t : document().targets()) {
            for (Finding f : t.findings()) {
                assertTrue(squeezed.contains(f.ruleId()), f.ruleId() + " missing in the text");
            }
        }
        assertFalse(text.contains("\ufffd"), "no replacement characters (broken encoding)");
        if ("de".equals(lang)) {
            for (String u : UMLAUTS) {
                assertTrue(squeezed.contains(u.replace(" ", "")), "umlauts intact: " + u);
            }
        } else {
            assertTrue(squeezed.contains("Übergrößeßäöü"), "umlauts intact in values");
        }
        assertTrue(text.contains("de".equals(lang) ? "gekürzt" : "shortened"), "a cut value is marked");
    }

    /** Every word of every page lies inside the page: no table (nor anything else) runs off it. */
    private static void checkWithinPages(Path pdf) throws Exception {
        String bbox = run(OUT, "pdftotext", "-bbox", "-enc", "UTF-8", pdf.toString(), "-");
        String[] pages = bbox.split("(?=<page )");
        int words = 0;
        for (String page : pages) {
            Matcher pm = PAGE.matcher(page);
            if (!pm.find()) {
                continue;
            }
            double width = Double.parseDouble(pm.group(1));
            Matcher w = WORD.matcher(page);
            while (w.find()) {
                words++;
                double xMin = Double.parseDouble(w.group(1));
                double xMax = Double.parseDouble(w.group(3));
                assertTrue(xMin >= 0 && xMax <= width + 0.5, "'" + w.group(5) + "' runs off the page (" + xMin + ".." + xMax
                        + " of " + width + ") in " + pdf);
            }
        }
        assertTrue(words > 200, "words found in " + pdf);
    }

    /** Share of pixels that are not (near) white. */
    private static double inkShare(BufferedImage img) {
        long ink = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (r + g + b < 600) {
                    ink++;
                }
            }
        }
        return ink / ((img.getWidth() / 2.0) * (img.getHeight() / 2.0));
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
