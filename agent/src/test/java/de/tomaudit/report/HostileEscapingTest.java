package de.tomaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.tomaudit.result.AuditResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One hostile result (terminal escapes, NUL, bell, bidi overrides, HTML markup, Markdown pipes and
 * links, spreadsheet formulas, in target name, titles, remediation, evidence and errors) through
 * EVERY registered format, the console and the TOM annex included (issue 13, point 6): what a
 * reader sees holds no raw control character, no active markup, no table cell broken by a pipe and
 * no formula cell; and the hostile text is really there (shown visibly), so the check is not empty.
 */
class HostileEscapingTest {
    /** The golden hostile result; its findings carry TOM tags, so the TOM annex shows them too. */
    private static final AuditResult HOSTILE = GoldenResults.all().get("hostile-values");

    static Stream<String> formats() {
        return Renderers.names().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void everyFormatShowsHostileTextVisiblyAndInactive(String format) throws Exception {
        Renderer r = Renderers.byFormat(format).orElseThrow();
        for (String lang : List.of("en", "de")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            r.render(HOSTILE, RenderOptions.of(lang, "kontrolle", "Verein e.V."), out);
            String text = readable(format, out.toByteArray());
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f || (c >= '\u202a' && c <= '\u202e')) {
                    fail(String.format("raw control character U+%04X at %d in %s (%s)", (int) c, i, format, lang));
                }
            }
            assertTrue(text.contains("alert") && text.contains("evil.example"), "the hostile values reach " + format);
            switch (format) {
                case "json" -> {
                    JsonNode tree = new ObjectMapper().readTree(text);
                    assertEquals(GoldenResults.CONTROL, find(tree, GoldenResults.CONTROL), "JSON keeps the value, escaped as JSON");
                }
                case "html", "tom" -> {
                    assertFalse(text.contains("<script"), "markup from a value is text in " + format);
                    assertFalse(Pattern.compile("<a [^>]*evil\\.example").matcher(text).find(), "no link from a value in " + format);
                }
                case "md", "tom-md" -> {
                    // inside a code span (`…`) markup is shown as text
                    text.lines().filter(l -> l.replaceAll("`[^`]*`", "``").contains("<script")).findFirst()
                            .ifPresent(l -> fail("markup from a value is text in " + format + ": " + l));
                    text.lines().filter(l -> Pattern.compile("(?<!\\\\)\\[[^\\]]*(?<!\\\\)\\]\\(http://evil").matcher(l.replaceAll("`[^`]*`", "``")).find())
                            .findFirst().ifPresent(l -> fail("no Markdown link from a value in " + format + ": " + l));
                    tablesKeepTheirColumns(format, text);
                }
                case "csv" -> {
                    for (String cell : text.split("[,\r\n]")) {
                        String c = cell.startsWith("\"") ? cell.substring(1) : cell;
                        assertTrue(c.isEmpty() || "=+@".indexOf(c.charAt(0)) < 0, "formula cell in csv: " + cell);
                    }
                }
                default -> { }
            }
        }
    }

    /** Every row of a Markdown table has as many unescaped pipes as its header: no value opened a column. */
    private static void tablesKeepTheirColumns(String format, String text) {
        Pattern pipe = Pattern.compile("(?<!\\\\)\\|");
        int header = -1;
        for (String line : text.split("\n")) {
            if (!line.startsWith("|")) {
                header = -1;
                continue;
            }
            Matcher m = pipe.matcher(line.replaceAll("`[^`]*`", "``"));
            int n = 0;
            while (m.find()) {
                n++;
            }
            if (header < 0) {
                header = n;
            } else {
                assertEquals(header, n, "a table row of " + format + " has a stray column: " + line);
            }
        }
    }

    private static String find(JsonNode node, String wanted) {
        if (node.isTextual() && node.asText().equals(wanted)) {
            return wanted;
        }
        for (JsonNode child : node) {
            String f = find(child, wanted);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    /** The text a reader sees: UTF-8 for text formats, extracted text for PDF and Word. */
    private static String readable(String format, byte[] bytes) throws Exception {
        if (format.endsWith("pdf")) {
            try (PDDocument doc = Loader.loadPDF(bytes)) {
                return new PDFTextStripper().getText(doc);
            }
        }
        if (format.endsWith("docx")) {
            try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(bytes));
                 XWPFWordExtractor x = new XWPFWordExtractor(doc)) {
                return x.getText();
            }
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
