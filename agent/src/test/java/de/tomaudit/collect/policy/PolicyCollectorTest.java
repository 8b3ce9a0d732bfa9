package de.tomaudit.collect.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Unavailable;
import de.tomaudit.policy.PolicyFile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyCollectorTest {

    private static FactSet facts(String yaml) throws Exception {
        FactSet.Builder b = FactSet.builder();
        new PolicyCollector(PolicyFile.parse("notice.yaml", yaml)).collect(null, b);
        return b.build();
    }

    @Test
    void eachClaimIsAFactWithItsLineAsEvidence() throws Exception {
        FactSet f = facts("""
                claims:
                  logs:
                    retention: 7 days
                    max_level: warning
                  registration: invite
                  encryption:
                    s2s_exceptions: [Jabber.CCC.de]
                """);
        Map<?, ?> retention = (Map<?, ?>) f.get("policy.log_retention").orElseThrow().value();
        assertEquals(604_800L, retention.get("seconds"));
        assertEquals(7L, retention.get("days"));
        Evidence e = f.get("policy.log_retention").orElseThrow().evidence().get(0);
        assertEquals(new Evidence("notice.yaml:3", "claim: logs.retention: 7 days"), e);
        Map<?, ?> levels = (Map<?, ?>) f.get("policy.log_levels").orElseThrow().value();
        assertEquals("warn", levels.get("max"));
        assertEquals(List.of("warn", "warning", "error", "critical", "alert", "emergency", "none"), levels.get("allowed"));
        assertEquals(List.of("closed", "invite"), ((Map<?, ?>) f.get("policy.registration").orElseThrow().value()).get("allowed"));
        Map<?, ?> enc = (Map<?, ?>) f.get("policy.encryption").orElseThrow().value();
        assertEquals("", enc.get("c2s"), "not stated");
        assertEquals(List.of("jabber.ccc.de"), enc.get("s2s_exceptions"));
        assertEquals("notice.yaml", f.get("policy.file").orElseThrow().value());
    }

    @Test
    void absentClaimsAreNotApplicableWithTheReason() throws Exception {
        FactSet f = facts("claims:\n  passwords: hashed\n");
        for (String key : List.of("policy.log_retention", "policy.ip_logging", "policy.archive_retention", "policy.push",
                "policy.upload_retention", "policy.encryption", "policy.registration")) {
            Unavailable u = f.whyMissing(key).orElseThrow(() -> new AssertionError(key));
            assertEquals(Unavailable.Kind.NOT_APPLICABLE, u.kind());
            assertTrue(u.reason().startsWith("the claims file notice.yaml does not state"), u.reason());
        }
        assertEquals(List.of(), f.get("policy.unverifiable").orElseThrow().value());
    }

    @Test
    void freeTextIsListedAsUnverifiableAndRecordingsAreChecked() throws Exception {
        FactSet f = facts("claims:\n  recordings:\n    retention: 14 days\n  other:\n    - Offline messages until delivered\n");
        List<?> u = (List<?>) f.get("policy.unverifiable").orElseThrow().value();
        assertEquals(1, u.size());
        assertEquals("other", ((Map<?, ?>) u.get(0)).get("claim"));
        assertEquals("notice.yaml:5", ((Map<?, ?>) u.get(0)).get("source"));
        assertEquals(1209600L, ((Map<?, ?>) f.get("policy.recording_retention").orElseThrow().value()).get("seconds"));
    }
}
