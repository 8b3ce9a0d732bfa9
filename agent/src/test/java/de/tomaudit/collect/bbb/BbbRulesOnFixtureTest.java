package de.tomaudit.collect.bbb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.facts.FactSet;
import de.tomaudit.result.Status;
import de.tomaudit.rules.Evaluation;
import de.tomaudit.rules.Rule;
import de.tomaudit.rules.RuleEvaluator;
import de.tomaudit.rules.RuleLoader;
import de.tomaudit.rules.Severity;
import de.tomaudit.testsupport.TestPaths;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real collector on BigBlueButton's upstream files as they are, judged by every rule of rules/bbb. */
class BbbRulesOnFixtureTest {
    private static List<Rule> rules;

    @BeforeAll
    static void load() throws Exception {
        rules = RuleLoader.loadDirectory(TestPaths.repo().resolve("rules/bbb"));
    }

    static Map<String, Evaluation> judge(FactSet facts) {
        Map<String, Evaluation> out = new LinkedHashMap<>();
        rules.forEach(r -> out.put(r.id(), RuleEvaluator.evaluate(r, facts)));
        return out;
    }

    static void expect(Map<String, Evaluation> e, String id, Status status) {
        Evaluation x = e.get(id);
        assertEquals(status, x.status(), id + ": " + x.reason() + " " + x.evidence());
    }

    @Test
    void everyRuleOnTheUpstreamFiles(@TempDir Path root) throws Exception {
        Map<String, Evaluation> e = judge(BbbRoot.upstream(root).collect());
        assertEquals(18, e.size(), "every bbb.* rule of RULES.md, and bbb.nginx-tls");
        expect(e, "bbb.shared-secret", Status.FAIL);
        assertEquals(Severity.CRITICAL, e.get("bbb.shared-secret").severity());
        assertTrue(e.get("bbb.shared-secret").evidence().get(0).source().equals(BbbPaths.WEB_DEFAULTS + ":453"));
        expect(e, "bbb.recording-default", Status.FAIL);
        expect(e, "bbb.record-full-duration", Status.PASS);
        expect(e, "bbb.recording-autostart", Status.PASS);
        expect(e, "bbb.keep-events", Status.PASS);
        expect(e, "bbb.raw-retention", Status.FAIL);
        expect(e, "bbb.published-retention", Status.FAIL);
        expect(e, "bbb.log-retention", Status.PASS);
        expect(e, "bbb.component-logging", Status.FAIL);
        expect(e, "bbb.learning-dashboard", Status.PASS);
        expect(e, "bbb.guest-policy", Status.FAIL);
        expect(e, "bbb.checksum-algorithms", Status.FAIL);
        expect(e, "bbb.sip-unencrypted", Status.FAIL);
        assertTrue(e.get("bbb.sip-unencrypted").evidence().stream().anyMatch(x -> x.source()
                .equals("/opt/freeswitch/etc/freeswitch/sip_profiles/external.xml:59")));
        expect(e, "bbb.freeswitch-esl", Status.NOT_APPLICABLE);
        expect(e, "bbb.api-recordings", Status.NOT_APPLICABLE);
        expect(e, "bbb.turn-tls", Status.NOT_APPLICABLE);
        expect(e, "bbb.turn-auth", Status.NOT_APPLICABLE);
        // no nginx and no serverURL in these files: the vhost rule cannot be judged
        assertTrue(e.get("bbb.nginx-tls").status() != Status.PASS, e.get("bbb.nginx-tls").toString());
    }

    @Test
    void anEmptySaltInTheOverrideIsCritical(@TempDir Path root) throws Exception {
        Map<String, Evaluation> e = judge(BbbRoot.upstream(root).write(BbbPaths.WEB_OVERRIDE, "securitySalt=\n").collect());
        expect(e, "bbb.shared-secret", Status.FAIL);
        assertEquals(Severity.CRITICAL, e.get("bbb.shared-secret").severity());
        assertEquals(BbbPaths.WEB_OVERRIDE + ":1", e.get("bbb.shared-secret").evidence().get(0).source());
        Map<String, Evaluation> g = judge(BbbRoot.upstream(root).write(BbbPaths.WEB_OVERRIDE,
                "securitySalt=0f4b8e2d7c1a9f3e6b5d8c2a7e1f4b9d3c6a8e2f\n").collect());
        expect(g, "bbb.shared-secret", Status.PASS);
    }
}
