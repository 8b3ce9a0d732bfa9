package de.tomaudit.collect.prosody;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.facts.FactSet;
import de.tomaudit.result.Status;
import de.tomaudit.rules.Evaluation;
import de.tomaudit.rules.Rule;
import de.tomaudit.rules.RuleEvaluator;
import de.tomaudit.rules.RuleLoader;
import de.tomaudit.testsupport.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real collector on real and variant configuration files, judged by every rule of rules/prosody. */
class ProsodyRulesOnFixtureTest {
    private static List<Rule> rules;

    @BeforeAll
    static void load() throws Exception {
        rules = RuleLoader.loadDirectory(TestPaths.repo().resolve("rules/prosody"));
    }

    static Map<String, Evaluation> judge(FactSet facts) {
        Map<String, Evaluation> out = new LinkedHashMap<>();
        for (Rule r : rules) {
            out.put(r.id(), RuleEvaluator.evaluate(r, facts));
        }
        return out;
    }

    static void expect(Map<String, Evaluation> e, String id, Status status) {
        Evaluation x = e.get(id);
        assertEquals(status, x.status(), id + ": " + x.reason() + " " + x.evidence());
    }

    @Test
    void debian12ShippedConfiguration() {
        Map<String, Evaluation> e = judge(ProsodyCollectorTest.collect(TestPaths.debianRoot()));
        expect(e, "prosody.config-unparseable", Status.PASS);
        expect(e, "prosody.c2s-encryption-required", Status.PASS);
        expect(e, "prosody.s2s-encryption-required", Status.PASS);
        expect(e, "prosody.s2s-secure-auth", Status.PASS);
        expect(e, "prosody.password-storage", Status.PASS);
        expect(e, "prosody.plain-auth-unencrypted", Status.PASS);
        expect(e, "prosody.registration", Status.PASS);
        expect(e, "prosody.mam-retention", Status.NOT_APPLICABLE);
        expect(e, "prosody.upload-retention", Status.NOT_APPLICABLE);
        expect(e, "prosody.log-level", Status.PASS);
        expect(e, "prosody.tls-profile", Status.PASS);
        expect(e, "prosody.contact-info", Status.FAIL);
        expect(e, "prosody.push-content", Status.NOT_APPLICABLE);
        expect(e, "prosody.admin-console", Status.PASS);
        assertTrue(e.get("prosody.s2s-secure-auth").evidence().stream()
                .anyMatch(x -> x.source().equals("/etc/prosody/prosody.cfg.lua:110")));
    }

    @Test
    void upstreamDistConfigurationDefaultsOf13(@TempDir Path root) throws IOException {
        Path cfg = root.resolve("etc/prosody/prosody.cfg.lua");
        Files.createDirectories(cfg.getParent());
        Files.copy(TestPaths.sharedFixture("prosody").resolve("prosody.cfg.lua.dist"), cfg);
        ProsodyCollectorTest.write(root, "/usr/lib/prosody/prosody.version", "13.0.0");
        Map<String, Evaluation> e = judge(ProsodyCollectorTest.collect(root));
        expect(e, "prosody.push-third-party", Status.FAIL);
        assertTrue(e.get("prosody.push-third-party").evidence().stream()
                .anyMatch(x -> x.value().contains("mod_cloud_notify loaded")), "the info rule fails and shows cloud_notify");
        expect(e, "prosody.push-content", Status.PASS);
        expect(e, "prosody.log-level", Status.PASS);
    }

    @Test
    void hostileConfiguration(@TempDir Path root) throws IOException {
        ProsodyCollectorTest.write(root, "/etc/prosody/prosody.cfg.lua", "x = ('x'):rep(16)\nwhile true do x = x .. x end\n");
        Map<String, Evaluation> e = judge(ProsodyCollectorTest.collect(root));
        Evaluation unparseable = e.get("prosody.config-unparseable");
        assertEquals(Status.FAIL, unparseable.status());
        assertEquals("/etc/prosody/prosody.cfg.lua:2", unparseable.evidence().get(0).source());
        expect(e, "prosody.c2s-encryption-required", Status.ERROR);
        assertTrue(e.get("prosody.c2s-encryption-required").reason().contains("/etc/prosody/prosody.cfg.lua:2"));
    }

    @Test
    void storeOlderThanTheExpiryFailsEvenWithTheRightConfiguration(@TempDir Path root) throws IOException {
        ProsodyCollectorTest.write(root, "/etc/prosody/prosody.cfg.lua", """
                VirtualHost "example.org"
                Component "upload.example.org" "http_file_share"
                  http_file_share_expires_after = 7 * 24 * 3600
                """);
        Path store = root.resolve("var/lib/prosody/upload%2eexample%2eorg/http_file_share");
        Files.createDirectories(store);
        Path file = Files.writeString(store.resolve("abc.bin"), "z");
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(
                ProsodyCollectorTest.NOW.minus(java.time.Duration.ofDays(5))));
        expect(judge(ProsodyCollectorTest.collect(root)), "prosody.upload-retention", Status.PASS);
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(
                ProsodyCollectorTest.NOW.minus(java.time.Duration.ofDays(9))));
        Map<String, Evaluation> e = judge(ProsodyCollectorTest.collect(root));
        expect(e, "prosody.upload-retention", Status.FAIL);
        assertTrue(e.get("prosody.upload-retention").evidence().stream().anyMatch(x -> x.source().endsWith("/abc.bin")
                && x.value().contains("exceeds")), e.get("prosody.upload-retention").evidence()::toString);
    }
}
