package de.tomaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.audit.AuditOptions;
import de.tomaudit.audit.TargetAuditor;
import de.tomaudit.result.AuditResult;
import de.tomaudit.result.TargetResult;
import de.tomaudit.rules.RuleLoader;
import de.tomaudit.target.DirTarget;
import de.tomaudit.target.Limits;
import de.tomaudit.testsupport.TestPaths;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Golden console outputs of a weak and a hardened host (dir: fixtures written for the project), in
 * both languages: what an admin reads on a terminal or in a cron mail. Regenerate with
 * {@code TOMAUDIT_GOLDEN_UPDATE=1} in the environment and read the diff before committing.
 */
class ConsoleGoldenTest {
    static final Path DIR = TestPaths.repo().resolve("agent/src/test/resources/de/tomaudit/report");

    static AuditResult audit(String variant, String lang) throws Exception {
        DirTarget target = new DirTarget(DIR.resolve(variant), Limits.DEFAULT);
        AuditOptions options = new AuditOptions(Set.of(), RuleLoader.loadBuiltIn(), List.of(), lang, 1, Limits.DEFAULT);
        TargetResult r = new TargetAuditor().audit(target, options);
        TargetResult named = new TargetResult(variant, "dir:/srv/images/" + variant, r.kinds(), r.status(), r.errors(),
                r.findings(), r.retentions(), r.processors());
        AuditResult result = AuditResult.of("test", "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z", List.of(named));
        // the checkout's path is in reasons and evidence: put the stable one in before rendering, since the
        // console wraps by length (after rendering, a clone at a longer path would wrap differently)
        String json = JsonRenderer.mapper().writeValueAsString(result).replace(DIR + "/", "/srv/images/");
        Path stable = Files.createTempFile("console-golden", ".json");
        try {
            Files.writeString(stable, json);
            return StoredResult.read(stable);
        } finally {
            Files.deleteIfExists(stable);
        }
    }

    static String render(AuditResult result, String lang, int width, boolean verbose) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ConsoleRenderer().render(result, new RenderOptions(lang, false, "high", width, verbose), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @CsvSource({"weak,en", "weak,de", "hardened,en", "hardened,de"})
    void consoleOutputIsPinned(String variant, String lang) throws Exception {
        String text = render(audit(variant, lang), lang, 80, false).replace(DIR + "/", "/srv/images/");
        Path golden = DIR.resolve(variant + ".console." + lang + ".txt");
        if ("1".equals(System.getenv("TOMAUDIT_GOLDEN_UPDATE"))) {
            Files.writeString(golden, text);
        }
        assertEquals(Files.readString(golden), text, "console output drifted from " + golden);
        for (String line : text.split("\n")) {
            boolean unbreakable = java.util.Arrays.stream(line.strip().split(" ")).anyMatch(w -> w.length() > 40);
            assertTrue(line.length() <= 80 || unbreakable, "wider than 80 columns: " + line);
        }
        assertFalse(text.contains("\u001b["), "plain text without a terminal");
    }
}
