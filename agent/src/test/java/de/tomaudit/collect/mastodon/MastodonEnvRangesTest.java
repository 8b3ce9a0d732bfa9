package de.tomaudit.collect.mastodon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.Fact;
import de.tomaudit.facts.FactSet;
import de.tomaudit.parse.env.DotenvFile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, points 2 and 4, for .env.production: a retention period beyond 1000 years is "value out
 * of range" at its line (held at 1000 years, so no sum overflows), a period or port that is no
 * number is named as such, and neither value is repeated in a fact or its evidence.
 */
class MastodonEnvRangesTest {
    private static final String FILE = "/home/mastodon/live/.env.production";

    private static FactSet facts(String text) {
        DotenvFile env = MastodonEnvFacts.parser().parse(FILE, text);
        FactSet.Builder b = FactSet.builder();
        MastodonEnvFacts.put(env, b);
        return b.build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(FactSet f, String key) {
        return (Map<String, Object>) f.get(key).orElseThrow().value();
    }

    @Test
    void absurdPeriodsAreOutOfRangeAtTheirLine() {
        FactSet f = facts("LOCAL_DOMAIN=example.org\nIP_RETENTION_PERIOD=99999999999999999999999\n"
                + "SESSION_RETENTION_PERIOD=31622400001\n");
        Map<String, Object> ip = map(f, "mastodon.env.ip_retention");
        assertEquals(false, ip.get("in_range"));
        assertEquals(MastodonEnvFacts.MAX_PERIOD_SECONDS, ip.get("seconds"));
        Fact ipFact = f.get("mastodon.env.ip_retention").orElseThrow();
        assertEquals(List.of(new Evidence(FILE + ":2", "IP_RETENTION_PERIOD: value out of range (more than 1000 years)")),
                ipFact.evidence());
        List<String> problems = (List<String>) f.get("mastodon.env.problems").orElseThrow().value();
        assertTrue(problems.contains("line 2: IP_RETENTION_PERIOD: value out of range"), problems.toString());
        assertTrue(problems.contains("line 3: SESSION_RETENTION_PERIOD: value out of range"), problems.toString());
        assertFalse(f.all().values().stream().anyMatch(x -> String.valueOf(x.value()).contains("9999999")
                || x.evidence().toString().contains("9999999")), "the absurd value is not repeated");
    }

    @Test
    void wordsWhereNumbersBelongAreNamedNotRepeated() {
        FactSet f = facts("IP_RETENTION_PERIOD=Cnry1Zq\nDB_PORT=Cnry2Zq\n");
        Map<String, Object> ip = map(f, "mastodon.env.ip_retention");
        assertEquals(false, ip.get("numeric"));
        assertEquals(0L, ip.get("seconds"), "Ruby's to_i");
        assertEquals("invalid", map(f, "mastodon.env.db").get("port"));
        String all = f.all().values().stream().map(x -> x.value() + " " + x.evidence()).reduce("", String::concat);
        assertFalse(all.contains("Cnry"), all);
        assertTrue(all.contains("DB_PORT: not a port number") && all.contains("not a whole number of seconds"), all);
    }
}
