package de.tomaudit.report.tom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import de.tomaudit.result.AuditResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documents looked at with the tools a reader has: poppler's pdftotext (text and umlauts),
 * pdffonts (every font embedded) and pdftoppm (pages as PNG under agent/target/tom-annex/pages/, for
 * a person to look at), and LibreOffice converting the Word file to PDF headless. Each test is
 * skipped, with the reason, where the tool is not installed (Debian: poppler-utils,
 * libreoffice-writer-nogui).
 */
class TomAnnexDocumentsTest {
    private static final AuditResult MANY = TomAnnexFixtures.result("result-many.json");
    private static final String ORG = "Beispielverein für Soziale Beratung e.V.";

    @TempDir Path tmp;

    private static void assumeTool(String program, String pkg) {
        assumeTrue(TomAnnexFixtures.onPath(program), program + " is not installed (Debian package " + pkg + ")");
    }

    @Test
    void pdfTextUmlautsEmbeddedFontsAndNothingOffThePage() throws Exception {
        assumeTool("pdftotext", "poppler-utils");
        for (String[] v : new String[][] {{"de", "kontrolle"}, {"en", "sdm"}}) {
            Path pdf = TomAnnexFixtures.artifacts().resolve("many-" + v[0] + "-" + v[1] + ".tom.pdf");
            Files.write(pdf, TomAnnexFixtures.render(new TomPdfRenderer(), MANY, v[0], v[1], ORG));
            TomAnnexFixtures.Run text = TomAnnexFixtures.run(60, "pdftotext", "-enc", "UTF-8", pdf.toString(), "-");
            assertEquals(0, text.code(), text.out());
            String s = text.out();
            TomTexts t = TomTexts.of(v[0]);
            List<String> expected = new ArrayList<>(List.of("ÄÖÜ äöü ß", ORG, "Erika Mustermann", "P1Y2M3D",
                    "smtp.mailgun.org", t.get("retention.heading"), t.get("section.manual")));
            expected.addAll(v[0].equals("de") ? List.of("Maßnahmen", "Verfügbarkeitskontrolle", "Löschfristen",
                    "unbegrenzt (keine Löschung)", "1 Jahr, 2 Monate und 3 Tage")
                    : List.of("Availability (Verfügbarkeit)", "kept forever (never deleted)", "1 year, 2 months and 3 days"));
            for (String e : expected) {
                assertTrue(s.replace("\n", " ").contains(e), "pdftotext finds '" + e + "' in " + pdf);
            }
            TomAnnexFixtures.Run fonts = TomAnnexFixtures.run(60, "pdffonts", pdf.toString());
            assertEquals(0, fonts.code(), fonts.out());
            List<String> rows = fonts.out().lines().skip(2).toList();
            assertTrue(rows.size() >= 2, fonts.out());
            for (String row : rows) {
                String[] cols = row.trim().split("\\s+");
                assertEquals("yes", cols[cols.length - 5], "font not embedded: " + row);
                assertTrue(row.contains("DejaVu"), "only the bundled fonts: " + row);
            }
            TomAnnexFixtures.Run bbox = TomAnnexFixtures.run(60, "pdftotext", "-bbox", pdf.toString(), "-");
            assertEquals("", TomAnnexTestSupport.offPage(bbox.out()), "layout of " + pdf);
            if (TomAnnexFixtures.onPath("pdftoppm")) {
                Path pages = TomAnnexFixtures.artifacts().resolve("pages");
                Files.createDirectories(pages);
                TomAnnexFixtures.Run png = TomAnnexFixtures.run(120, "pdftoppm", "-png", "-r", "50", pdf.toString(),
                        pages.resolve("many-" + v[0] + "-" + v[1]).toString());
                assertEquals(0, png.code(), png.out());
                try (Stream<Path> s2 = Files.list(pages)) {
                    assertTrue(s2.anyMatch(p -> p.getFileName().toString().startsWith("many-" + v[0] + "-" + v[1])));
                }
            }
        }
    }

    @Test
    void libreOfficeOpensTheWordFileAndPrintsItToPdf() throws Exception {
        assumeTool("soffice", "libreoffice-writer-nogui");
        assumeTool("pdftotext", "poppler-utils");
        Path docx = tmp.resolve("annex.docx");
        Files.write(docx, TomAnnexFixtures.render(new TomDocxRenderer(), MANY, "de", "kontrolle", ORG));
        Path profile = tmp.resolve("lo-profile");
        TomAnnexFixtures.Run lo = TomAnnexFixtures.run(300, "soffice", "-env:UserInstallation=" + profile.toUri(),
                "--headless", "--norestore", "--convert-to", "pdf", "--outdir", tmp.toString(), docx.toString());
        assertEquals(0, lo.code(), lo.out());
        Path pdf = tmp.resolve("annex.pdf");
        assertTrue(Files.size(pdf) > 10_000, lo.out());
        Files.copy(pdf, TomAnnexFixtures.artifacts().resolve("many-de-kontrolle.docx-via-libreoffice.pdf"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String text = TomAnnexFixtures.run(60, "pdftotext", "-enc", "UTF-8", pdf.toString(), "-").out().replace("\n", " ");
        for (String e : List.of("4.1 Zutrittskontrolle", "Löschfristen", "ÄÖÜ äöü ß", "Erika Mustermann", ORG,
                "Zu beantwortende Frage")) {
            assertTrue(text.contains(e), "LibreOffice's PDF holds '" + e + "'");
        }
        assertEquals("", TomAnnexTestSupport.offPage(TomAnnexFixtures.run(60, "pdftotext", "-bbox", pdf.toString(), "-").out()),
                "Word tables fit the page");
    }
}
