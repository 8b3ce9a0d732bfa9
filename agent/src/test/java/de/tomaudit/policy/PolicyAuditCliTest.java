package de.tomaudit.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.tomaudit.cli.Main;
import de.tomaudit.testsupport.TestPaths;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tomaudit audit --policy FILE}: the claims become findings with the claim first in the evidence. */
class PolicyAuditCliTest {
    @TempDir Path tmp;

    record Run(int code, String out, String err) { }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path prosodyRoot() throws Exception {
        Path cfg = tmp.resolve("root/etc/prosody/prosody.cfg.lua");
        Files.createDirectories(cfg.getParent());
        Files.writeString(cfg, """
                modules_enabled = { "roster", "saslauth", "tls", "mam" }
                authentication = "internal_plain"
                VirtualHost "5222.de"
                """);
        return tmp.resolve("root");
    }

    private static JsonNode finding(JsonNode result, String id) {
        for (JsonNode f : result.get("targets").get(0).get("findings")) {
            if (f.get("ruleId").asText().equals(id)) {
                return f;
            }
        }
        return null;
    }

    @Test
    void claimsBecomeFindingsWithTheClaimFirst() throws Exception {
        Path claims = TestPaths.repo().resolve("examples/policy/001-5222.de.yaml");
        Run r = run("audit", "dir:" + prosodyRoot(), "--kind", "prosody", "--policy", claims.toString(),
                "--format", "json", "--no-history");
        assertTrue(r.code() == 0 || r.code() == 1, r.err());
        JsonNode result = new ObjectMapper().readTree(r.out());
        JsonNode passwords = finding(result, "policy.password-storage");
        assertEquals("fail", passwords.get("status").asText());
        JsonNode first = passwords.get("evidence").get(0);
        assertTrue(first.get("source").asText().endsWith("001-5222.de.yaml:32"), first.toString());
        assertEquals("claim: passwords: hashed", first.get("value").asText());
        assertTrue(passwords.get("evidence").get(1).get("source").asText().startsWith("/etc/prosody/prosody.cfg.lua:2"),
                passwords.get("evidence").toString());
        assertEquals("pass", finding(result, "policy.archive-retention").get("status").asText(), "default 1w kept");
        assertEquals("fail", finding(result, "policy.archive-default").get("status").asText(), "default archives all");
        assertEquals("fail", finding(result, "policy.claim-unverifiable").get("status").asText(), "at info: promises no rule checks");
        assertEquals("info", finding(result, "policy.claim-unverifiable").get("severity").asText());
    }

    @Test
    void withoutPolicyThereAreNoPolicyFindings() throws Exception {
        Run r = run("audit", "dir:" + prosodyRoot(), "--kind", "prosody", "--format", "json", "--no-history");
        JsonNode result = new ObjectMapper().readTree(r.out());
        for (JsonNode f : result.get("targets").get(0).get("findings")) {
            assertFalse(f.get("ruleId").asText().startsWith("policy."), f.toString());
        }
        assertTrue(finding(result, "prosody.password-storage") != null);
    }

    @Test
    void aBrokenClaimsFileIsAUsageErrorNamingFileAndLine() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.yaml"), "claims:\n  uploads:\n    retention: a while\n");
        Run r = run("audit", "dir:" + tmp, "--policy", bad.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(bad + ":3"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }
}
