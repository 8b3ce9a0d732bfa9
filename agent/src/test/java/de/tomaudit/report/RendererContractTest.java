package de.tomaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import de.tomaudit.result.AuditResult;
import de.tomaudit.result.Finding;
import de.tomaudit.result.TargetResult;
import de.tomaudit.testsupport.TestPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The renderer contract (after PMD's AbstractRendererTest): every document format renders every
 * golden result in German and English to exactly its golden file (the PDF: its extracted text),
 * and keeps the invariants no golden file can be trusted to show: every rule is there, nothing
 * invisible or active gets through, huge values and long evidence lists are cut with a marker.
 * Run with {@code -Dtomaudit.golden.update=true} to rewrite the golden files after a deliberate
 * change, then review the diff.
 */
class RendererContractTest {
    static final List<String> FORMATS = List.of("html", "md", "csv", "junit", "sarif", "pdf");
    private static final Map<String, AuditResult> RESULTS = GoldenResults.all();

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String format : FORMATS) {
            for (String name : RESULTS.keySet()) {
                for (String lang : List.of("de", "en")) {
                    out.add(Arguments.of(format, name, lang));
                }
            }
        }
        return out.stream();
    }

    static Path goldenDir() {
        return TestPaths.repo().resolve("agent/src/test/resources/report/golden");
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void rendersTheGoldenFileAndKeepsTheInvariants(String format, String name, String lang) throws IOException {
        Renderer r = Renderers.byFormat(format).orElseThrow();
        AuditResult result = RESULTS.get(name);
        String text = RenderedDocs.text(format, RenderedDocs.render(r, result, lang));
        String golden = "pdf".equals(format) ? RenderedDocs.normalized(text) + "\n" : text;
        Path file = goldenDir().resolve(name + "." + lang + "." + ("pdf".equals(format) ? "pdf.txt" : r.extension()));
        if (Boolean.getBoolean("tomaudit.golden.update")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, golden, StandardCharsets.UTF_8);
        } else if (!Files.exists(file)) {
            fail(file + " is missing: run the test with -Dtomaudit.golden.update=true once and review the files");
        } else {
            assertEquals(Files.readString(file, StandardCharsets.UTF_8), golden, "differs from " + file);
        }
        invariants(format, name, lang, result, text);
    }

    private static void invariants(String format, String name, String lang, AuditResult result, String text) {
        assertFalse(text.isBlank(), "empty document");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f || (c >= '\u202a' && c <= '\u202e')) {
                fail(String.format("raw control character U+%04X at %d in %s", (int) c, i, format));
            }
        }
        String squeezed = text.replaceAll("\\s+", "");
        for (TargetResult t : result.targets()) {
            for (Finding f : t.findings()) {
                assertTrue(squeezed.contains(f.ruleId()), f.ruleId() + " missing in " + format);
            }
        }
        if (List.of("html", "md", "pdf").contains(format)) {
            for (TargetResult t : result.targets()) {
                t.retentions().forEach(r -> assertTrue(squeezed.contains(r.source().replaceAll("\\s+", "")),
                        "retention " + r.subject() + " in " + format));
                t.processors().forEach(p -> assertTrue(squeezed.contains(p.host()), "processor " + p.host() + " in " + format));
            }
        }
        assertFalse(text.contains(GoldenResults.HUGE), "a huge value went in whole");
        if (name.equals("hostile-values")) {
            String shortened = "de".equals(lang) ? "gekürzt" : "shortened";
            assertTrue(text.contains("<U+001B>") || text.contains("&lt;U+001B&gt;"), "control characters shown visibly in " + format);
            if (!format.equals("junit") && !format.equals("sarif")) {
                assertTrue(text.contains(shortened), "the cut is marked in " + format);
            }
            if (List.of("html", "md", "pdf").contains(format)) {
                assertTrue(RenderedDocs.normalized(text).contains("de".equals(lang) ? "150 weitere Belege" : "150 more evidence entries"),
                        "the left-out evidence is counted in " + format);
                assertTrue(text.contains("Übergröße ß äöü ÄÖÜ") || text.contains("Übergröße ß äöü ÄÖÜ".replace(" ", "")),
                        "umlauts intact in " + format);
            }
            if (List.of("html", "md").contains(format)) {
                assertFalse(text.contains("<script>"), "markup from a value is text, not markup, in " + format);
            }
        }
    }
}
