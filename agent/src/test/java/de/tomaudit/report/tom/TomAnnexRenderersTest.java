package de.tomaudit.report.tom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.report.Renderer;
import de.tomaudit.report.Renderers;
import de.tomaudit.result.AuditResult;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The four annex formats over the golden results: golden files per format, language and grouping
 * (HTML and Markdown as written; PDF and Word as the text PDFBox and POI read back), and the
 * properties each format must keep whatever the content.
 */
class TomAnnexRenderersTest {
    private static final AuditResult MANY = TomAnnexFixtures.result("result-many.json");
    private static final AuditResult EMPTY = TomAnnexFixtures.result("result-empty.json");
    private static final String ORG = "Beispielverein für Soziale Beratung e.V.";

    static Stream<Arguments> groupingsAndLanguages() {
        return Stream.of("kontrolle", "gdpr", "sdm").flatMap(g -> Stream.of(Arguments.of(g, "de"), Arguments.of(g, "en")));
    }

    @Test
    void theFourFormatsAreRegistered() {
        for (String f : List.of("tom", "tom-md", "tom-pdf", "tom-docx")) {
            assertTrue(Renderers.byFormat(f).isPresent(), f);
        }
        assertEquals(4, Stream.of("tom", "tom-md", "tom-pdf", "tom-docx")
                .map(f -> Renderers.byFormat(f).orElseThrow().extension()).distinct().count(), "one file each in --output DIR");
    }

    @ParameterizedTest
    @MethodSource("groupingsAndLanguages")
    void htmlAndMarkdownMatchTheirGoldenFiles(String grouping, String lang) throws Exception {
        String html = TomAnnexFixtures.text(TomAnnexFixtures.render(new TomHtmlRenderer(), MANY, lang, grouping, ORG));
        String md = TomAnnexFixtures.text(TomAnnexFixtures.render(new TomMarkdownRenderer(), MANY, lang, grouping, ORG));
        String name = "many-" + lang + "-" + grouping;
        List<String> problems = new ArrayList<>();
        for (String p : List.of(TomAnnexFixtures.golden(name + ".tom.html", html), TomAnnexFixtures.golden(name + ".tom.md", md))) {
            if (!p.isEmpty()) {
                problems.add(p);
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void anEmptyResultMatchesItsGoldenFiles() throws Exception {
        String md = TomAnnexFixtures.text(TomAnnexFixtures.render(new TomMarkdownRenderer(), EMPTY, "en", "kontrolle", ""));
        assertEquals("", TomAnnexFixtures.golden("empty-en-kontrolle.tom.md", md));
        String html = TomAnnexFixtures.text(TomAnnexFixtures.render(new TomHtmlRenderer(), EMPTY, "de", "sdm", ""));
        assertEquals("", TomAnnexFixtures.golden("empty-de-sdm.tom.html", html));
    }

    /** Self-contained (nothing loaded from anywhere), well-formed (openhtmltopdf parses it as XML), values escaped. */
    @ParameterizedTest
    @MethodSource("groupingsAndLanguages")
    void htmlIsSelfContainedWellFormedAndEscaped(String grouping, String lang) throws Exception {
        byte[] html = TomAnnexFixtures.render(new TomHtmlRenderer(), MANY, lang, grouping, ORG);
        var f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.newDocumentBuilder().parse(new ByteArrayInputStream(html));
        String s = TomAnnexFixtures.text(html);
        for (String external : List.of("<script", "<link", "<img", "src=", "href=", "@import", "url(")) {
            assertFalse(s.contains(external), external);
        }
        assertTrue(s.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "evidence is escaped");
        assertTrue(s.contains(ORG));
    }

    /** Every row of a Markdown table has the columns of its header, whatever pipes the values hold. */
    @ParameterizedTest
    @MethodSource("groupingsAndLanguages")
    void markdownTablesKeepTheirColumns(String grouping, String lang) {
        String md = TomAnnexFixtures.text(TomAnnexFixtures.render(new TomMarkdownRenderer(), MANY, lang, grouping, ORG));
        int columns = -1;
        int tables = 0;
        for (String line : md.split("\n")) {
            if (!line.startsWith("|")) {
                columns = -1;
                continue;
            }
            int n = cells(line);
            if (columns < 0) {
                columns = n;
                tables++;
            } else {
                assertEquals(columns, n, "row with the wrong number of cells: " + line);
            }
        }
        assertTrue(tables > 8, "tables: " + tables);
        assertTrue(md.contains("\\| danach"), "a pipe in a value is escaped");
        for (String line : md.split("\n")) {
            int i = line.indexOf("<script>");
            if (i >= 0) {
                assertEquals(1, line.substring(0, i).chars().filter(c -> c == '`').count() % 2,
                        "HTML from the result only inside a code span: " + line);
            }
        }
    }

    private static int cells(String row) {
        int n = 0;
        boolean escaped = false;
        for (char c : row.toCharArray()) {
            if (c == '|' && !escaped) {
                n++;
            }
            escaped = c == '\\' && !escaped;
        }
        return n - 1;
    }

    @Test
    void pdfTextMatchesItsGoldenFiles() throws Exception {
        for (String[] v : new String[][] {{"de", "kontrolle"}, {"en", "gdpr"}}) {
            byte[] pdf = TomAnnexFixtures.render(new TomPdfRenderer(), MANY, v[0], v[1], ORG);
            String text;
            try (PDDocument doc = Loader.loadPDF(pdf)) {
                text = new PDFTextStripper().getText(doc);
            }
            assertEquals("", TomAnnexFixtures.golden("many-" + v[0] + "-" + v[1] + ".pdf.txt", text));
            java.nio.file.Files.write(TomAnnexFixtures.artifacts().resolve("many-" + v[0] + "-" + v[1] + ".tom.pdf"), pdf);
        }
    }

    @Test
    void docxTextMatchesItsGoldenFilesAndHasRealHeadingsAndTables() throws Exception {
        for (String[] v : new String[][] {{"de", "kontrolle"}, {"en", "sdm"}}) {
            byte[] docx = TomAnnexFixtures.render(new TomDocxRenderer(), MANY, v[0], v[1], ORG);
            java.nio.file.Files.write(TomAnnexFixtures.artifacts().resolve("many-" + v[0] + "-" + v[1] + ".tom.docx"), docx);
            try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx));
                 XWPFWordExtractor x = new XWPFWordExtractor(doc)) {
                assertEquals("", TomAnnexFixtures.golden("many-" + v[0] + "-" + v[1] + ".docx.txt", x.getText()));
                TomAnnex a = TomAnnexBuilder.build(MANY, v[0], v[1], ORG);
                List<String> h1 = headings(doc, "Heading1");
                List<String> h2 = headings(doc, "Heading2");
                assertEquals("heading 1", doc.getStyles().getStyle("Heading1").getName(), "Word's built-in heading style");
                assertEquals("heading 2", doc.getStyles().getStyle("Heading2").getName());
                assertEquals(List.of("1", "2", "3", "4", "5", "6"), h1.stream().map(h -> h.split(" ")[0]).toList());
                assertEquals(a.groups().stream().map(g -> g.number() + " " + g.label()).toList(), h2.stream()
                        .filter(h -> h.startsWith("4.")).toList(), "one Heading 2 per category");
                assertEquals(a.header().title(), headings(doc, "Title").get(0));
                assertTrue(doc.getTables().size() >= 10, "tables: " + doc.getTables().size());
                var retention = doc.getTables().stream().filter(tb -> tb.getRow(0).getCell(1).getText()
                        .equals(TomTexts.of(v[0]).get("retention.subject"))).findFirst().orElseThrow();
                assertEquals(1 + a.retentions().size(), retention.getNumberOfRows(), "a header row and one row per retention");
                assertTrue(retention.getRow(0).isRepeatHeader());
                assertTrue(x.getText().contains("ÄÖÜ äöü ß"));
                assertTrue(x.getText().contains(ORG));
            }
        }
    }

    private static List<String> headings(XWPFDocument doc, String style) {
        return doc.getParagraphs().stream().filter(p -> style.equals(p.getStyle())).map(p -> p.getText()).toList();
    }

    @Test
    void anEmptyResultRendersInEveryFormat() throws Exception {
        for (Renderer r : List.of(new TomHtmlRenderer(), new TomMarkdownRenderer(), new TomPdfRenderer(), new TomDocxRenderer())) {
            byte[] out = TomAnnexFixtures.render(r, EMPTY, "de", "kontrolle", "");
            assertTrue(out.length > 1000, r.format());
        }
    }
}
