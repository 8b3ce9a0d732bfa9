package de.tomaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import de.tomaudit.report.JsonRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WaiverCliTest {
    @TempDir Path tmp;

    private JsonNode audit(String waivers) throws Exception {
        Path pack = Files.createDirectories(tmp.resolve("pack"));
        Files.writeString(pack.resolve("os.yaml"), """
                id: host.demo-not-debian
                severity: high
                title: {en: Not Debian, de: Kein Debian}
                remediation: {en: x, de: y}
                tom: {gdpr: [art32-1b]}
                condition: host.os_id != 'debian'
                """);
        Path root = Files.createDirectories(tmp.resolve("root/etc"));
        Files.writeString(root.resolve("os-release"), "ID=debian\n");
        Path w = tmp.resolve("waivers.yaml");
        Files.writeString(w, waivers);
        Path out = tmp.resolve("out.json");
        CliTest.Run r = CliTest.run("audit", "--rules", pack.toString(), "--waivers", w.toString(), "--format", "json",
                "--output", out.toString(), "--kind", "host", "dir:" + tmp.resolve("root"));
        assertTrue(r.code() != 2, r.err());
        for (JsonNode f : JsonRenderer.mapper().readTree(out.toFile()).at("/targets/0/findings")) {
            if (f.get("ruleId").asText().equals("host.demo-not-debian")) {
                return f;
            }
        }
        throw new AssertionError("finding missing");
    }

    @Test
    void anActiveWaiverWaivesAndAnExpiredOneFailsAgain() throws Exception {
        String tomorrow = LocalDate.now().plusDays(1).toString();
        JsonNode waived = audit("waivers:\n  - rule: host.demo-not-debian\n    target: \"*\"\n    justification: accepted by the board\n    expires: " + tomorrow + "\n");
        assertEquals("waived", waived.get("status").asText());
        assertTrue(waived.get("reason").asText().contains("accepted by the board"));

        String yesterday = LocalDate.now().minusDays(1).toString();
        JsonNode expired = audit("waivers:\n  - rule: host.demo-not-debian\n    justification: accepted\n    expires: " + yesterday + "\n");
        assertEquals("fail", expired.get("status").asText());
        assertTrue(expired.get("reason").asText().startsWith("waiver expired on " + yesterday), expired.toString());
    }

    @Test
    void aWaiverWithoutExpiryIsAConfigurationError() throws Exception {
        Path w = tmp.resolve("w.yaml");
        Files.writeString(w, "waivers:\n  - rule: host.x\n    justification: forever\n");
        CliTest.Run r = CliTest.run("audit", "--waivers", w.toString(), "dir:" + tmp);
        assertEquals(2, r.code());
        assertTrue(r.err().contains(w + ":2: missing required key 'expires'"), r.err());
    }
}
