package de.tomaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.report.tom.TomTexts;
import de.tomaudit.result.AuditResult;
import de.tomaudit.result.Finding;
import de.tomaudit.result.Status;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every failed finding in every document format starts with its why-line, right after its heading
 * and before the evidence (issue 12): the weak fixture's failures in md, html, pdf, junit and the
 * TOM annex formats, in both languages.
 */
class WhyLineDocumentsTest {

    private static List<Finding> failed(AuditResult r) {
        List<Finding> out = r.targets().get(0).findings().stream()
                .filter(f -> f.status() == Status.FAIL && !f.why().isEmpty()).toList();
        assertTrue(out.size() >= 10, "the weak fixture has failures with why-lines");
        return out;
    }

    /** Letters and digits only: compares texts across each format's escaping. */
    private static String alnum(String s) {
        return unescapeHtml(s).replaceAll("[^\\p{L}\\p{N}]", "");
    }

    private static String unescapeHtml(String s) {
        return s.replace("&quot;", "\"").replace("&#34;", "\"").replace("&#39;", "'").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&amp;", "&");
    }

    private static List<String> lines(Renderer r, AuditResult result, String lang) {
        return List.of(RenderedDocs.text(r.format(), RenderedDocs.render(r, result, lang)).split("\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void markdownReportPutsTheWhyLineRightAfterTheHeading(String lang) throws Exception {
        AuditResult result = ConsoleGoldenTest.audit("weak", lang);
        String label = ReportTexts.of(lang).get("finding.why");
        List<String> md = lines(new MarkdownRenderer(), result, lang);
        for (Finding f : failed(result)) {
            int h = indexOf(md, l -> l.startsWith("##### ") && l.contains(MarkdownText.cell(f.ruleId()) + " – "), f);
            String next = nextNonBlank(md, h);
            assertTrue(next.startsWith("**" + label + ":** "), f.ruleId() + ": after the heading comes " + next);
            assertEquals(alnum(label + f.why()), alnum(next), f.ruleId());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void htmlReportPutsTheWhyLineRightAfterTheHeading(String lang) throws Exception {
        AuditResult result = ConsoleGoldenTest.audit("weak", lang);
        String label = ReportTexts.of(lang).get("finding.why");
        List<String> html = lines(new HtmlRenderer(), result, lang);
        for (Finding f : failed(result)) {
            int h = indexOf(html, l -> l.startsWith("<h5>") && l.contains("<code>" + f.ruleId() + "</code>"), f);
            String next = html.get(h + 1);
            assertTrue(next.startsWith("<p class=\"why\"><span class=\"label\">" + label + ":</span> "),
                    f.ruleId() + ": after the heading comes " + next);
            String why = next.substring(0, next.indexOf("</p>"));
            assertEquals(alnum(label + f.why()), alnum(why.replaceAll("<[^>]*>", "")), f.ruleId());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void pdfReportPutsTheWhyLineRightAfterTheHeading(String lang) throws Exception {
        AuditResult result = ConsoleGoldenTest.audit("weak", lang);
        String label = ReportTexts.of(lang).get("finding.why");
        String pdf = alnum(RenderedDocs.text("pdf", RenderedDocs.render(new PdfRenderer(), result, lang)));
        String evidence = alnum(ReportTexts.of(lang).get("finding.evidence"));
        for (Finding f : failed(result)) {
            // PDFBox may read a heading's code span (the rule id) after its title, or inside a wrapped one:
            // the why-line comes after the title's start and before the finding's evidence
            String start = alnum(String.join(" ", java.util.Arrays.asList(f.title().split(" ")).subList(0, 3)));
            int h = pdf.indexOf(start);
            assertTrue(h >= 0, f.ruleId() + " heading in the PDF");
            int why = pdf.indexOf(alnum(label + f.why()), h);
            int ev = pdf.indexOf(evidence, h);
            assertTrue(why > h && why < ev, f.ruleId() + ": after the heading comes "
                    + pdf.substring(h, Math.min(pdf.length(), h + 200)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void junitFailureMessageIsTheWhyLine(String lang) throws Exception {
        AuditResult result = ConsoleGoldenTest.audit("weak", lang);
        byte[] xml = RenderedDocs.render(new JunitRenderer(), result, lang);
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        NodeList cases = doc.getElementsByTagName("testcase");
        Map<String, Finding> byId = failed(result).stream().collect(Collectors.toMap(Finding::ruleId, f -> f));
        int seen = 0;
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            NodeList failures = c.getElementsByTagName("failure");
            Finding f = byId.get(c.getAttribute("name"));
            if (f == null || failures.getLength() == 0) {
                continue;
            }
            Element failure = (Element) failures.item(0);
            assertEquals(VisibleText.oneLine(f.why()), failure.getAttribute("message"), f.ruleId());
            String body = failure.getTextContent();
            String whyLine = ReportTexts.of(lang).get("finding.why") + ": " + f.why();
            assertTrue(body.indexOf(whyLine) > 0 && body.indexOf(whyLine) < body.indexOf(ReportTexts.of(lang).get("finding.evidence")),
                    f.ruleId() + ": the why-line comes before the evidence in " + body);
            seen++;
        }
        assertEquals(byId.size(), seen, "every failed finding is a <failure> test case named by its rule");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void tomAnnexGapsStartWithTheWhyLine(String lang) throws Exception {
        AuditResult result = ConsoleGoldenTest.audit("weak", lang);
        String label = TomTexts.of(lang).get("why.label");
        List<String> md = lines(Renderers.byFormat("tom-md").orElseThrow(), result, lang);
        List<String> html = lines(Renderers.byFormat("tom").orElseThrow(), result, lang);
        for (Finding f : failed(result)) {
            List<String> mdRows = md.stream().filter(l -> l.startsWith("| **") && l.contains("(`" + f.ruleId() + "`)")).toList();
            assertFalse(mdRows.isEmpty(), f.ruleId() + " listed among the gaps of the Markdown annex");
            for (String row : mdRows) {
                String[] cells = row.split(" \\| ");
                assertTrue(cells[3].startsWith(label + ": "), f.ruleId() + ": evidence cell starts with " + cells[3]);
                assertTrue(alnum(cells[3]).startsWith(alnum(label + f.why())), f.ruleId() + ": " + cells[3]);
            }
            List<String> htmlRows = html.stream().filter(l -> l.contains("<span class=\"rule\">" + f.ruleId() + "</span><br />")).toList();
            assertFalse(htmlRows.isEmpty(), f.ruleId() + " listed among the gaps of the HTML annex");
            for (String row : htmlRows) {
                int cell = row.indexOf("<td><p class=\"why\">");
                assertTrue(cell > 0 && cell < row.indexOf("<span class=\"ev\">"), f.ruleId() + ": why before evidence in " + row);
                assertTrue(alnum(row.substring(cell).replaceAll("<[^>]*>", "")).startsWith(alnum(label + f.why())), row);
            }
        }
        byte[] docx = RenderedDocs.render(Renderers.byFormat("tom-docx").orElseThrow(), result, lang);
        try (XWPFDocument d = new XWPFDocument(new ByteArrayInputStream(docx)); XWPFWordExtractor x = new XWPFWordExtractor(d)) {
            String text = alnum(x.getText());
            List<String> missing = new ArrayList<>();
            for (Finding f : failed(result)) {
                if (!text.contains(alnum(label + f.why()))) {
                    missing.add(f.ruleId());
                }
            }
            assertTrue(missing.isEmpty(), "why-lines missing in the DOCX annex: " + missing);
        }
    }

    private static int indexOf(List<String> lines, java.util.function.Predicate<String> p, Finding f) {
        for (int i = 0; i < lines.size(); i++) {
            if (p.test(lines.get(i))) {
                return i;
            }
        }
        throw new AssertionError(f.ruleId() + ": heading not found");
    }

    private static String nextNonBlank(List<String> lines, int i) {
        for (int j = i + 1; j < lines.size(); j++) {
            if (!lines.get(j).isBlank()) {
                return lines.get(j);
            }
        }
        return "";
    }
}
