package de.tomaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.audit.KindDetector;
import de.tomaudit.collect.Collector;
import de.tomaudit.collect.CollectorRegistry;
import de.tomaudit.collect.PlannedAccess;
import de.tomaudit.testsupport.TestPaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * scripts/collect.sh is generated from the collectors' plans. A new plan entry fails this test
 * until the script is regenerated, so the offline bundle never lacks what an audit reads.
 */
class CollectScriptDriftTest {

    @Test
    void theCommittedCollectShIsTheGeneratorsOutput() throws Exception {
        CliTest.Run r = CliTest.run("audit", "--dry-run", "--format", "sh");
        assertEquals(0, r.code(), r.err());
        String committed = Files.readString(TestPaths.repo().resolve("scripts/collect.sh"), StandardCharsets.UTF_8);
        assertEquals(r.out(), committed, "scripts/collect.sh is out of date with the collectors' plans: regenerate it with "
                + "`scripts/tomaudit audit --dry-run --format sh > scripts/collect.sh` and commit it");
        assertTrue(Files.isExecutable(TestPaths.repo().resolve("scripts/collect.sh")), "scripts/collect.sh must be executable");
    }

    /** A command in the committed script that the agent would refuse fails here (the script is read as it is). */
    @Test
    void everyCommandTheCommittedScriptRunsIsOnTheAllowList() throws Exception {
        int runs = 0;
        for (String line : Files.readAllLines(TestPaths.repo().resolve("scripts/collect.sh"))) {
            String l = line.strip();
            if (!l.startsWith("t_run ")) {
                continue;
            }
            String[] words = l.split(" ");
            List<String> argv = new ArrayList<>();
            for (int i = 2; i < words.length; i++) {
                assertTrue(words[i].matches("'[^']*'"), "every word is one quoted literal: " + l);
                argv.add(words[i].substring(1, words[i].length() - 1));
            }
            de.tomaudit.target.CommandCatalog.verify(new de.tomaudit.target.Command(words[1], argv, false));
            runs++;
        }
        assertTrue(runs >= 10, "the script runs the allow-listed commands of the plans: " + runs);
        String text = Files.readString(TestPaths.repo().resolve("scripts/collect.sh"));
        assertTrue(text.lines().filter(l -> l.contains("\"$_exe\"")).count() == 2, "commands run only inside t_run");
    }

    @Test
    void everyPlannedPathAndCommandIsInTheScript() {
        String script = DryRun.script(java.util.Set.of());
        List<PlannedAccess> plan = new ArrayList<>(KindDetector.plan());
        for (Collector c : CollectorRegistry.all()) {
            plan.addAll(c.plan());
        }
        for (PlannedAccess a : plan) {
            if (a.type() == PlannedAccess.Type.RUN) {
                String words = "'" + String.join("' '", a.what().split(" ")) + "'";
                assertTrue(script.contains("# not collected: " + a.what()) || script.contains(words + "\n"), a + " is not in the script");
                continue;
            }
            for (String path : de.tomaudit.target.bundle.CollectScript.paths(a.what())) {
                String needle = path.startsWith("/") ? path.replace("/**", "").replaceAll("/[^/]*[*?\\[{].*$", "")
                        : "# known only from the target's data: " + path;
                assertTrue(script.contains(needle), a + " is not in the script (" + needle + ")");
            }
        }
    }

    @Test
    void theScriptCanBeWrittenToAFileButNotMixedWithOtherFormats() throws Exception {
        var file = java.nio.file.Files.createTempFile("collect", ".sh");
        try {
            CliTest.Run r = CliTest.run("audit", "--dry-run", "--format", "sh", "--output", file.toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(Files.readString(file).startsWith("#!/bin/sh\n"));
        } finally {
            Files.deleteIfExists(file);
        }
        CliTest.Run both = CliTest.run("audit", "--dry-run", "--format", "sh,json");
        assertEquals(2, both.code());
        assertTrue(both.err().contains("--format sh is the collection script"), both.err());
    }
}
