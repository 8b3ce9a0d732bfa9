package de.tomaudit.collect.bbb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.collect.policy.PolicyCollector;
import de.tomaudit.facts.FactSet;
import de.tomaudit.policy.PolicyFile;
import de.tomaudit.result.Status;
import de.tomaudit.rules.Evaluation;
import de.tomaudit.rules.Rule;
import de.tomaudit.rules.RuleEvaluator;
import de.tomaudit.rules.RuleLoader;
import de.tomaudit.target.DirTarget;
import de.tomaudit.target.Limits;
import de.tomaudit.testsupport.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The counselling service's claims (examples/policy/003-beratung-bbb.de.yaml) against a BigBlueButton that keeps and one that breaks them. */
class BbbPolicyExampleTest {
    private static List<Rule> rules;

    @BeforeAll
    static void load() throws Exception {
        rules = new java.util.ArrayList<>(RuleLoader.loadDirectory(TestPaths.repo().resolve("rules/policy")));
        rules.addAll(RuleLoader.loadDirectory(TestPaths.repo().resolve("rules/bbb")));
    }

    private static Map<String, Evaluation> judge(Path root) throws Exception {
        FactSet.Builder b = FactSet.builder();
        b.addAll(BbbRoot.collect(new DirTarget(root, Limits.DEFAULT)));
        new PolicyCollector(PolicyFile.load(TestPaths.repo().resolve("examples/policy/003-beratung-bbb.de.yaml"))).collect(null, b);
        FactSet facts = b.build();
        Map<String, Evaluation> out = new LinkedHashMap<>();
        rules.forEach(r -> out.put(r.id(), RuleEvaluator.evaluate(r, facts)));
        return out;
    }

    private static void expect(Map<String, Evaluation> e, String id, Status s) {
        assertEquals(s, e.get(id).status(), id + ": " + e.get(id).reason() + " " + e.get(id).evidence());
    }

    @Test
    void aServerThatCannotRecordAndDeletesLogsAfter14DaysKeepsTheNotice(@TempDir Path root) throws Exception {
        BbbRoot r = BbbRoot.upstream(root);
        r.write(BbbPaths.WEB_OVERRIDE, "disableRecordingDefault=true\ndefaultGuestPolicy=ASK_MODERATOR\n");
        String script = Files.readString(r.path(BbbPaths.CRON)).replace("log_history=28\n",
                "log_history=28\n. /etc/default/bigbluebutton-cron-config\n");
        r.write(BbbPaths.CRON, script).write(BbbPaths.CRON_OVERRIDE, "log_history=14\n");
        Map<String, Evaluation> e = judge(root);
        expect(e, "policy.recording-retention", Status.PASS);
        expect(e, "policy.log-retention", Status.PASS);
        expect(e, "bbb.recording-default", Status.PASS);
        expect(e, "bbb.guest-policy", Status.PASS);
        // two promises no machine can check (no transfer to third parties, guests admitted one by one): an info
        // failure that lists them for the TOM document, never the exit code
        expect(e, "policy.claim-unverifiable", Status.FAIL);
    }

    @Test
    void bigBlueButtonsDefaultsBreakIt(@TempDir Path root) throws Exception {
        BbbRoot r = BbbRoot.upstream(root);
        Map<String, Evaluation> e = judge(root);
        expect(e, "policy.recording-retention", Status.FAIL);
        expect(e, "policy.log-retention", Status.FAIL);
        assertTrue(e.get("policy.log-retention").evidence().stream().anyMatch(x -> x.source().equals("/etc/cron.daily/bigbluebutton:73")),
                e.get("policy.log-retention").evidence()::toString);
        // recording switched off, but an old published recording is still on disk: still broken
        r.write(BbbPaths.WEB_OVERRIDE, "disableRecordingDefault=true\n");
        r.dir("/var/bigbluebutton/published/presentation/" + BbbRoot.recordId(9, Duration.ofDays(3)), Duration.ofDays(3));
        Map<String, Evaluation> g = judge(root);
        expect(g, "policy.recording-retention", Status.FAIL);
        assertTrue(g.get("policy.recording-retention").evidence().stream().anyMatch(x -> x.source().contains("/var/bigbluebutton/published/presentation/")),
                g.get("policy.recording-retention").evidence()::toString);
    }
}
