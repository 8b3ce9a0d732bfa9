package de.tomaudit.collect.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.collect.prosody.ProsodyCollectorAccess;
import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.policy.PolicyClaims;
import de.tomaudit.policy.PolicyFile;
import de.tomaudit.result.Status;
import de.tomaudit.rules.Evaluation;
import de.tomaudit.rules.Rule;
import de.tomaudit.rules.RuleEvaluator;
import de.tomaudit.rules.RuleLoader;
import de.tomaudit.testsupport.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two real privacy notices (seeds 001 and 002, transcribed under examples/policy/) against a
 * Prosody configuration that keeps each of them and one that breaks it, judged by rules/policy.
 */
class PolicyExamplesTest {
    private static List<Rule> rules;

    @BeforeAll
    static void load() throws Exception {
        rules = RuleLoader.loadDirectory(TestPaths.repo().resolve("rules/policy"));
    }

    private static PolicyClaims claims(String name) throws Exception {
        return PolicyFile.load(TestPaths.repo().resolve("examples/policy/" + name));
    }

    private static Map<String, Evaluation> judge(Path root, PolicyClaims claims) {
        FactSet.Builder b = FactSet.builder();
        ProsodyCollectorAccess.collect(root, b);
        new PolicyCollector(claims).collect(null, b);
        FactSet facts = b.build();
        Map<String, Evaluation> out = new LinkedHashMap<>();
        rules.forEach(r -> out.put(r.id(), RuleEvaluator.evaluate(r, facts)));
        return out;
    }

    private static void write(Path root, String path, String text) throws IOException {
        Path p = root.resolve(path.substring(1));
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private static void upload(Path root, String host, Duration age) throws IOException {
        Path store = root.resolve("var/lib/prosody/" + host.replace(".", "%2e") + "/http_file_share");
        Files.createDirectories(store);
        Path f = Files.writeString(store.resolve("slot-" + age.toDays() + ".bin"), "data");
        Files.setLastModifiedTime(f, FileTime.from(ProsodyCollectorAccess.NOW.minus(age)));
    }

    private static void assertStatuses(Map<String, Evaluation> e, Status status, Set<String> ids) {
        for (String id : ids) {
            Evaluation x = e.get(id);
            assertEquals(status, x.status(), id + ": " + x.reason() + " " + x.evidence());
        }
    }

    @Test
    void notice001KeptByAMatchingConfiguration(@TempDir Path root) throws Exception {
        write(root, "/etc/prosody/prosody.cfg.lua", """
                modules_enabled = { "roster", "saslauth", "tls", "disco", "mam", "register", "cloud_notify" }
                allow_registration = true
                default_archive_policy = false
                archive_expires_after = "1w"
                log = { error = "/var/log/prosody/prosody.err" }
                VirtualHost "5222.de"
                Component "upload.5222.de" "http_file_share"
                  http_file_share_expires_after = 30 * 24 * 3600
                """);
        write(root, "/etc/logrotate.conf", "include /etc/logrotate.d\n");
        write(root, "/etc/logrotate.d/prosody", "/var/log/prosody/prosody.err {\n\tdaily\n\trotate 5\n}\n");
        upload(root, "upload.5222.de", Duration.ofDays(10));
        Map<String, Evaluation> e = judge(root, claims("001-5222.de.yaml"));
        assertStatuses(e, Status.PASS, Set.of("policy.log-retention", "policy.log-levels", "policy.ip-logging",
                "policy.archive-retention", "policy.archive-default", "policy.upload-retention", "policy.registration",
                "policy.encryption", "policy.password-storage", "policy.push"));
        Evaluation unverifiable = e.get("policy.claim-unverifiable");
        assertEquals(Status.FAIL, unverifiable.status(), "promises no rule checks fail at info until documented by hand");
        assertEquals(5, unverifiable.evidence().size(), "the five free-text promises are listed");
    }

    @Test
    void notice001BrokenByDebianDefaultsAndOldFiles(@TempDir Path root) throws Exception {
        write(root, "/etc/prosody/prosody.cfg.lua", """
                modules_enabled = { "roster", "saslauth", "tls", "disco", "mam", "register" }
                authentication = "internal_plain"
                c2s_require_encryption = false
                archive_expires_after = "2w"
                log = { info = "/var/log/prosody/prosody.log"; "*syslog" }
                VirtualHost "5222.de"
                Component "upload.5222.de" "http_file_share"
                """);
        write(root, "/etc/logrotate.conf", "include /etc/logrotate.d\n");
        write(root, "/etc/logrotate.d/prosody", "/var/log/prosody/prosody.log {\n\tweekly\n\trotate 52\n}\n");
        upload(root, "upload.5222.de", Duration.ofDays(40));
        Map<String, Evaluation> e = judge(root, claims("001-5222.de.yaml"));
        assertStatuses(e, Status.FAIL, Set.of("policy.log-retention", "policy.log-levels", "policy.ip-logging",
                "policy.archive-retention", "policy.archive-default", "policy.upload-retention", "policy.encryption",
                "policy.password-storage"));
        Evaluation upload = e.get("policy.upload-retention");
        List<Evidence> ev = upload.evidence();
        assertTrue(ev.get(0).source().endsWith("001-5222.de.yaml:22") && ev.get(0).value().contains("30 days"),
                "the claim comes first: " + ev);
        assertTrue(ev.stream().anyMatch(x -> x.source().endsWith("/slot-40.bin") && x.value().contains("40 days old")),
                "then the contradicting data: " + ev);
        Evaluation logs = e.get("policy.log-retention");
        assertTrue(logs.evidence().stream().anyMatch(x -> x.value().contains("logrotate keeps 364 days")), logs.evidence()::toString);
    }

    @Test
    void notice002KeptByAMatchingConfiguration(@TempDir Path root) throws Exception {
        write(root, "/etc/prosody/prosody.cfg.lua", """
                modules_enabled = { "roster", "saslauth", "tls", "disco", "mam", "register", "invites",
                                    "invites_register", "cloud_notify" }
                s2s_secure_auth = true
                s2s_insecure_domains = { "jabber.ccc.de", "cmeerw.org" }
                log = { warn = "/var/log/prosody/prosody.log" }
                VirtualHost "jotwewe.de"
                Component "upload.jotwewe.de" "http_file_share"
                  http_file_share_expires_after = 14 * 24 * 3600
                """);
        upload(root, "upload.jotwewe.de", Duration.ofDays(3));
        Map<String, Evaluation> e = judge(root, claims("002-jotwewe.de.yaml"));
        assertStatuses(e, Status.PASS, Set.of("policy.log-levels", "policy.ip-logging", "policy.archive-retention",
                "policy.archive-default", "policy.upload-retention", "policy.registration", "policy.encryption",
                "policy.password-storage", "policy.push"));
        assertStatuses(e, Status.NOT_APPLICABLE, Set.of("policy.log-retention"));
        assertTrue(e.get("policy.log-retention").reason().contains("does not state how long server logs are kept"));
    }

    @Test
    void notice002BrokenByOpenRegistrationAnUnnamedExceptionAndPushContent(@TempDir Path root) throws Exception {
        write(root, "/etc/prosody/prosody.cfg.lua", """
                modules_enabled = { "roster", "saslauth", "tls", "disco", "mam", "register", "cloud_notify" }
                allow_registration = true
                s2s_insecure_domains = { "jabber.ccc.de", "unnamed.example" }
                push_notification_with_body = true
                log = { info = "/var/log/prosody/prosody.log" }
                VirtualHost "jotwewe.de"
                Component "upload.jotwewe.de" "http_file_share"
                  http_file_share_expires_after = 30 * 24 * 3600
                """);
        Map<String, Evaluation> e = judge(root, claims("002-jotwewe.de.yaml"));
        assertStatuses(e, Status.FAIL, Set.of("policy.registration", "policy.encryption", "policy.push",
                "policy.upload-retention", "policy.log-levels"));
        assertStatuses(e, Status.PASS, Set.of("policy.archive-retention", "policy.password-storage"));
        Evaluation enc = e.get("policy.encryption");
        assertTrue(enc.evidence().get(0).value().startsWith("claim: encryption."), enc.evidence()::toString);
        assertTrue(enc.evidence().stream().anyMatch(x -> x.value().contains("unnamed.example")), enc.evidence()::toString);
    }
}
