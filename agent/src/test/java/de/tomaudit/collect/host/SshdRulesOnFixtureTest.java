package de.tomaudit.collect.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.facts.FactSet;
import de.tomaudit.result.Status;
import de.tomaudit.rules.Evaluation;
import de.tomaudit.rules.Rule;
import de.tomaudit.rules.RuleEvaluator;
import de.tomaudit.rules.RuleLoader;
import de.tomaudit.target.DirTarget;
import de.tomaudit.target.Limits;
import de.tomaudit.target.Target;
import de.tomaudit.testsupport.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real collectors on real files, judged by the real rules of rules/host. */
class SshdRulesOnFixtureTest {

    private static List<Rule> rules;

    @BeforeAll
    static void load() throws Exception {
        rules = RuleLoader.loadDirectory(TestPaths.repo().resolve("rules/host"));
    }

    private static Evaluation evaluate(String id, Target target) {
        FactSet.Builder b = FactSet.builder();
        new SshdCollector().collect(target, b);
        new BruteforceCollector().collect(target, b);
        Rule rule = rules.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
        return RuleEvaluator.evaluate(rule, b.build());
    }

    @Test
    void debian12DefaultSshdConfig() {
        DirTarget debian = new DirTarget(TestPaths.debianRoot(), Limits.DEFAULT);
        Evaluation pw = evaluate("host.ssh-password-auth", debian);
        assertEquals(Status.FAIL, pw.status());
        assertTrue(pw.evidence().stream().anyMatch(e -> e.source().equals("/etc/ssh/sshd_config:62")), pw.evidence().toString());
        assertEquals(Status.PASS, evaluate("host.ssh-root-login", debian).status());
        assertEquals(Status.FAIL, evaluate("host.ssh-weak-algorithms", debian).status(), "default MACs include hmac-sha1");
        Evaluation bf = evaluate("host.ssh-bruteforce-protection", debian);
        assertEquals(Status.ERROR, bf.status(), "no collector for processes.list in this test: " + bf.reason());
    }

    @Test
    void matchOverrideAndAliasFromRealFiles(@TempDir Path root) throws IOException {
        Path cfg = root.resolve("etc/ssh/sshd_config");
        Files.createDirectories(cfg.getParent());
        Files.writeString(cfg, "PasswordAuthentication no\nChallengeResponseAuthentication no\nPermitRootLogin no\n"
                + "Match Address 192.0.2.0/24\n  PasswordAuthentication yes\n  PermitRootLogin without-password\n");
        DirTarget t = new DirTarget(root, Limits.DEFAULT);
        assertEquals(Status.FAIL, evaluate("host.ssh-password-auth", t).status());
        assertEquals(Status.PASS, evaluate("host.ssh-root-login", t).status());
        Files.writeString(cfg, "PasswordAuthentication no\nChallengeResponseAuthentication no\nPermitRootLogin no\n"
                + "Match Address 192.0.2.0/24\n  PermitRootLogin yes\n");
        assertEquals(Status.PASS, evaluate("host.ssh-password-auth", t).status());
        assertEquals(Status.FAIL, evaluate("host.ssh-root-login", t).status());
    }

    @Test
    void notInstalled(@TempDir Path root) {
        assertEquals(Status.NOT_APPLICABLE, evaluate("host.ssh-password-auth", new DirTarget(root, Limits.DEFAULT)).status());
    }
}
