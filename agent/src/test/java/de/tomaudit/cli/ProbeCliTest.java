package de.tomaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.tomaudit.probe.ScriptedTlsServer;
import de.tomaudit.probe.TestCertificates;
import java.nio.file.Path;
import java.util.List;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.NamedGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe options of {@code tomaudit audit} and the probe findings in the JSON result. */
class ProbeCliTest {
    @TempDir Path tmp;

    private static void usage(CliTest.Run r, String contains) {
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(contains), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void badProbeOptionsAreUsageErrors() {
        usage(CliTest.run("audit", "--probe", "example.org"), "NAME:PORT");
        usage(CliTest.run("audit", "--probe", "example.org:25/smtp"), "mode 'smtp'");
        usage(CliTest.run("audit", "--probe", "example.org:443", "--no-probe"), "contradict");
        usage(CliTest.run("audit", "--probe-only"), "needs at least one --probe");
        usage(CliTest.run("audit", "--probe-budget", "0"), "above 0");
        usage(CliTest.run("audit", "--probe-concurrency", "0"), "between 1 and 64");
    }

    @Test
    void dryRunListsTheConnectionsOnlyWhereThereIsANetwork() {
        CliTest.Run local = CliTest.run("audit", "--dry-run", "--probe", "chat.example.org:5222/xmpp-client", "local");
        assertEquals(0, local.code(), local.err());
        assertTrue(local.out().contains("connect PROBE-ADDRESS:5222"), local.out());
        assertTrue(local.out().contains("--probe chat.example.org:5222/xmpp-client"), local.out());
        assertTrue(local.out().contains("PROBE-ADDRESS:5222,5269,5223,5270"), local.out());
        CliTest.Run dir = CliTest.run("audit", "--dry-run", "dir:" + tmp);
        assertFalse(dir.out().contains("connect"), dir.out());
        CliTest.Run only = CliTest.run("audit", "--dry-run", "--probe-only", "--probe", "example.org:443", "local");
        assertEquals(List.of("connect PROBE-ADDRESS:443"), only.out().lines().filter(l -> l.startsWith("  "))
                .map(l -> l.trim().replaceAll("\\s+#.*", "").replaceAll("\\s+", " ")).toList(), only.out());
    }

    @Test
    void aDirTargetReportsTheProbeRulesAsNotApplicable() throws Exception {
        Path out = tmp.resolve("r.json");
        CliTest.Run r = CliTest.run("audit", "--format", "json", "--output", out.toString(), "dir:" + tmp);
        assertTrue(r.code() == 0 || r.code() == 1, r.err());
        JsonNode findings = new ObjectMapper().readTree(out.toFile()).at("/targets/0/findings");
        int probeRules = 0;
        for (JsonNode f : findings) {
            String id = f.path("ruleId").asText();
            if (id.startsWith("tls.") || id.startsWith("http.")) {
                probeRules++;
                assertEquals("not-applicable", f.path("status").asText(), f.toString());
            }
        }
        assertEquals(11, probeRules, "every tls.* and http.* rule is reported");
    }

    @Test
    void aLegacyEndpointNamedWithProbeFailsWithProbeEvidence() throws Exception {
        var root = TestCertificates.root("cli root");
        var leaf = TestCertificates.leaf(TestCertificates.intermediate(root, "cli int"), "old.example.org");
        var script = new ScriptedTlsServer.Script(ScriptedTlsServer.suites(
                0x0301, List.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, CipherSuite.TLS_RSA_WITH_3DES_EDE_CBC_SHA)),
                true, List.of(NamedGroup.secp256r1), 0, leaf.chain(), List.of());
        try (ScriptedTlsServer server = new ScriptedTlsServer(script)) {
            Path out = tmp.resolve("r.json");
            CliTest.Run r = CliTest.run("audit", "--format", "json", "--output", out.toString(), "--kind", "host",
                    "--probe", "old.example.org:" + server.port(), "--probe-read-timeout", "2", "local");
            assertTrue(r.code() != 2, r.err());
            JsonNode findings = new ObjectMapper().readTree(out.toFile()).at("/targets/0/findings");
            JsonNode legacy = null;
            JsonNode weak = null;
            for (JsonNode f : findings) {
                if (f.path("ruleId").asText().equals("tls.protocol-legacy")) {
                    legacy = f;
                }
                if (f.path("ruleId").asText().equals("tls.weak-ciphers")) {
                    weak = f;
                }
            }
            assertEquals("fail", legacy.path("status").asText(), legacy.toString());
            assertEquals("probe: 127.0.0.1:" + server.port(), legacy.at("/evidence/0/source").asText());
            assertEquals("offers TLS 1.0", legacy.at("/evidence/0/value").asText());
            assertEquals("fail", weak.path("status").asText());
            assertTrue(weak.at("/evidence/0/value").asText().contains("TLS_RSA_WITH_3DES_EDE_CBC_SHA"), weak.toString());

            // --probe-only: the same probe, no collectors, only the probe packs
            Path only = tmp.resolve("only.json");
            CliTest.Run o = CliTest.run("audit", "--format", "json", "--output", only.toString(), "--probe-only",
                    "--probe", "old.example.org:" + server.port(), "local");
            assertEquals(1, o.code(), o.err());
            JsonNode t = new ObjectMapper().readTree(only.toFile()).at("/targets/0");
            assertEquals("complete", t.path("status").asText(), t.path("errors").toString());
            for (JsonNode f : t.path("findings")) {
                String id = f.path("ruleId").asText();
                assertTrue(id.startsWith("tls.") || id.startsWith("http."), id);
            }
        }
    }
}
