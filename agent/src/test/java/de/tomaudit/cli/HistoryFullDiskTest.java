package de.tomaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import de.tomaudit.report.JsonRenderer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A really full disk under the embedded history: a 1 MiB tmpfs mounted in a private mount namespace
 * ({@code unshare -m}, so only the test's own processes see it; needs root, skipped otherwise). A
 * first run is stored, the disk is filled, and the next run (40 targets, more than fits) still
 * writes its report, says "is full" in one line and exits 4; the first run is intact afterwards.
 */
class HistoryFullDiskTest {
    @TempDir Path tmp;

    private static boolean canMountTmpfs(Path dir) throws Exception {
        if (!"root".equals(System.getProperty("user.name")) || !new File("/usr/bin/unshare").canExecute()) {
            return false;
        }
        Process p = new ProcessBuilder("/usr/bin/unshare", "-m", "--", "mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs",
                dir.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java") + " -cp '" + System.getProperty("java.class.path")
                + "' " + Main.class.getName();
    }

    @Test
    void aFullDiskIsOneLineTheReportIsWrittenAndTheStoredRunsSurvive() throws Exception {
        Path db = Files.createDirectories(tmp.resolve("db"));
        Assumptions.assumeTrue(canMountTmpfs(db), "needs root and unshare -m with tmpfs (a private mount namespace)");
        StringBuilder inv = new StringBuilder("targets:\n");
        for (int i = 0; i < 40; i++) {
            Path root = Files.createDirectories(tmp.resolve("hosts/h" + i + "/etc/ssh")).getParent().getParent();
            Files.writeString(root.resolve("etc/ssh/sshd_config"), "PermitRootLogin no\n");
            inv.append("  - {name: h").append(i).append(", address: \"dir:").append(root).append("\", kinds: [host]}\n");
        }
        Path inventory = Files.writeString(tmp.resolve("inventory.yaml"), inv.toString());
        String history = "jdbc:h2:file:" + db.resolve("h");
        String audit = java() + " audit --no-probe --fail-on critical --history '" + history + "' --format json";
        // one shell in the namespace: the tmpfs lives as long as it does
        String script = String.join("\n",
                "set -u",
                "mount -t tmpfs -o size=1m tmpfs '" + db + "' || exit 99",
                audit + " 'dir:" + tmp.resolve("hosts/h0") + "' --kind host --output '" + tmp.resolve("1.json") + "' >'"
                        + tmp.resolve("1.log") + "' 2>&1; echo $? >'" + tmp.resolve("1.rc") + "'",
                "dd if=/dev/zero of='" + db.resolve("fill") + "' bs=4k >/dev/null 2>&1",
                audit + " --inventory '" + inventory + "' --output '" + tmp.resolve("2.json") + "' >'" + tmp.resolve("2.log")
                        + "' 2>&1; echo $? >'" + tmp.resolve("2.rc") + "'",
                "rm -f '" + db.resolve("fill") + "'",
                java() + " history list --history '" + history + "' --format json >'" + tmp.resolve("list.json") + "' 2>'"
                        + tmp.resolve("list.log") + "'; echo $? >'" + tmp.resolve("list.rc") + "'");
        Process p = new ProcessBuilder(List.of("/usr/bin/unshare", "-m", "--", "/bin/bash", "-c", script))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(tmp.resolve("shell.log").toFile()).start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the namespace's shell did not end");
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("shell.log")));

        assertEquals("0", Files.readString(tmp.resolve("1.rc")).strip(), Files.readString(tmp.resolve("1.log")));
        String log = Files.readString(tmp.resolve("2.log"));
        assertEquals("4", Files.readString(tmp.resolve("2.rc")).strip(), log + "\n--- shell:\n" + Files.readString(tmp.resolve("shell.log"))
                + "\n--- report bytes: " + Files.size(tmp.resolve("2.json")));
        List<String> warnings = new ArrayList<>(log.lines().filter(l -> l.startsWith("tomaudit: warning: history")).toList());
        assertEquals(1, warnings.size(), log);
        assertTrue(warnings.get(0).contains("is full (No space left on device)"), warnings.get(0));
        assertFalse(log.contains("\tat "), "no stack trace: " + log);
        JsonNode report = JsonRenderer.mapper().readTree(tmp.resolve("2.json").toFile());
        assertEquals(40, report.get("targets").size());
        assertFalse(report.at("/history/recorded").asBoolean(true));
        assertTrue(report.at("/history/message").asText().contains("is full"), report.at("/history").toString());

        // room again: the first run is there, the failed one left nothing behind
        assertEquals("0", Files.readString(tmp.resolve("list.rc")).strip(), Files.readString(tmp.resolve("list.log")));
        JsonNode runs = JsonRenderer.mapper().readTree(tmp.resolve("list.json").toFile()).get("runs");
        assertEquals(1, runs.size(), runs.toString());
        assertEquals(1, runs.get(0).get("targets").asInt());
    }
}
