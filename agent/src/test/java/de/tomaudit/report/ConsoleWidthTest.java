package de.tomaudit.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.result.AuditResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every console line fits the width it was given, indent included, plain and coloured, short and
 * verbose; only a single word longer than the room may stand alone on its line (issue 12: a 548-char
 * fix line, target and not-applicable lines not wrapped after a long path).
 */
class ConsoleWidthTest {

    @ParameterizedTest
    @CsvSource({"weak,en", "weak,de", "hardened,en", "hardened,de"})
    void everyLineFitsTheWidth(String variant, String lang) throws Exception {
        AuditResult result = ConsoleGoldenTest.audit(variant, lang);
        List<String> tooWide = new ArrayList<>();
        for (int width : new int[] {40, 60, 80, 120}) {
            for (boolean colour : new boolean[] {false, true}) {
                for (boolean verbose : new boolean[] {false, true}) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    new ConsoleRenderer().render(result, new RenderOptions(lang, colour, "high", width, verbose), out);
                    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
                        String visible = line.replaceAll("\u001b\\[[0-9;]*m", "");
                        boolean oneWord = !visible.strip().contains(" ");
                        if (visible.length() > width && !oneWord) {
                            tooWide.add(width + (colour ? " colour" : "") + (verbose ? " verbose" : "") + ": "
                                    + visible.length() + ": " + visible);
                        }
                    }
                }
            }
        }
        assertTrue(tooWide.isEmpty(), "lines wider than the width:\n" + String.join("\n", tooWide));
    }
}
