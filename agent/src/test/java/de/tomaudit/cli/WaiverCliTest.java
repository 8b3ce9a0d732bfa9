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

    private CliTest.Run last;

    private JsonNode audit(String waivers) throws Exception {
        return audit(waivers, java.time.Instant.now(), "json");
    }

    /** Audits with the waivers file written at {@code written} (its modification time). */
    private JsonNode audit(String waivers, java.time.Instant written, String format) throws Exception {
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
        Files.setLastModifiedTime(w, java.nio.file.attribute.FileTime.from(written));
        Path out = tmp.resolve("out");
        CliTest.Run r = CliTest.run("audit", "--rules", pack.toString(), "--waivers", w.toString(), "--format", (format.equals("json") ? "console" : format) + ",json",
                "--output", out.toString(), "--kind", "host", "--no-history", "dir:" + tmp.resolve("root"));
        last = r;
        assertTrue(r.code() != 2, r.err());
        out = out.resolve("tomaudit-report.json");
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
        JsonNode waived = audit("waivers:\n  - rule: host.demo-not-debian\n    target: \"*\"\n    justification: accepted by the board\n    approver: IT board\n    expires: " + tomorrow + "\n");
        assertEquals("waived", waived.get("status").asText());
        assertTrue(waived.get("reason").asText().contains("accepted by the board"));
        assertTrue(waived.get("reason").asText().startsWith("waived until " + tomorrow + " by IT board ("), waived.toString());
        assertTrue(last.err().contains("tomaudit: warning: waiver host.demo-not-debian (" + tmp.resolve("waivers.yaml")
                + ":2, approved by IT board) expires on " + tomorrow + " (in 1 days): review it before then"), last.err());

        // written a week ago, expired yesterday: it fails again, and a warning names the waiver
        String yesterday = LocalDate.now().minusDays(1).toString();
        JsonNode expired = audit("waivers:\n  - rule: host.demo-not-debian\n    justification: accepted\n    approver: DPO\n    expires: "
                + yesterday + "\n", java.time.Instant.now().minus(java.time.Duration.ofDays(7)), "json");
        assertEquals("fail", expired.get("status").asText());
        assertTrue(expired.get("reason").asText().startsWith("waiver expired on " + yesterday), expired.toString());
        assertTrue(last.err().contains("tomaudit: warning: waiver host.demo-not-debian (" + tmp.resolve("waivers.yaml")
                + ":2, approved by DPO) expired on " + yesterday + ": the finding fails again on root"), last.err());
    }

    @Test
    void farExpiriesAreQuietUnusedWaiversAreReportedAndTheAnnexListsTheApprover() throws Exception {
        String later = LocalDate.now().plusDays(60).toString();
        audit("waivers:\n  - rule: host.demo-not-debian\n    justification: the hoster filters\n    approver: Vorstand (board)\n"
                + "    expires: " + later + "\n  - rule: host.no-such-rule\n    justification: typo\n    approver: IT\n"
                + "    expires: " + later + "\n", java.time.Instant.now(), "tom-md");
        assertTrue(last.err().contains("waiver host.no-such-rule (" + tmp.resolve("waivers.yaml") + ":6, approved by IT) is unused"),
                last.err());
        assertTrue(!last.err().contains("host.demo-not-debian"), "neither soon nor unused: " + last.err());
        String annex = Files.readString(tmp.resolve("out/tomaudit-annex.md"));
        assertTrue(annex.contains("| the hoster filters | Vorstand \\[board] | " + later.substring(0, 4)), annex.lines().filter(l -> l.contains("hoster")).toList().toString());
    }

    @Test
    void aWaiverWithoutApproverOrWrittenAfterItsExpiryIsAConfigurationErrorWithFileAndLine() throws Exception {
        Path w = tmp.resolve("w.yaml");
        Files.writeString(w, "waivers:\n  - rule: host.x\n    justification: j\n    expires: 2099-01-01\n");
        CliTest.Run r = CliTest.run("audit", "--waivers", w.toString(), "dir:" + tmp);
        assertEquals(2, r.code());
        assertTrue(r.err().contains(w + ":2: missing required key 'approver'"), r.err());

        Files.writeString(w, "waivers:\n  - rule: host.x\n    justification: j\n    approver: IT\n    expires: 2020-01-01\n");
        r = CliTest.run("audit", "--waivers", w.toString(), "dir:" + tmp);
        assertEquals(2, r.code());
        assertTrue(r.err().contains(w + ":5: expires 2020-01-01 had already passed when the file was written"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void aWaiverWithoutExpiryIsAConfigurationError() throws Exception {
        Path w = tmp.resolve("w.yaml");
        Files.writeString(w, "waivers:\n  - rule: host.x\n    justification: forever\n    approver: IT\n");
        CliTest.Run r = CliTest.run("audit", "--waivers", w.toString(), "dir:" + tmp);
        assertEquals(2, r.code());
        assertTrue(r.err().contains(w + ":2: missing required key 'expires'"), r.err());
    }
}
