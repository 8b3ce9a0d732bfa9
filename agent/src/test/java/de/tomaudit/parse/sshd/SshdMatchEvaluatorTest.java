package de.tomaudit.parse.sshd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SshdMatchEvaluatorTest {

    private static MatchBlock block(String... criteria) {
        List<MatchCriterion> cs = new java.util.ArrayList<>();
        for (int i = 0; i < criteria.length; i += 2) {
            cs.add(new MatchCriterion(criteria[i], i + 1 < criteria.length ? criteria[i + 1] : ""));
        }
        return new MatchBlock(cs, "/etc/ssh/sshd_config", 1);
    }

    @Test
    void userPatternsWithWildcardsAndNegation() {
        MatchBlock b = block("user", "adm*,!admin2,deploy");
        assertTrue(MatchEvaluator.matches(b, MatchContext.none().withUser("admin1")));
        assertTrue(MatchEvaluator.matches(b, MatchContext.none().withUser("deploy")));
        assertFalse(MatchEvaluator.matches(b, MatchContext.none().withUser("admin2")));
        assertFalse(MatchEvaluator.matches(b, MatchContext.none().withUser("alice")));
        assertFalse(MatchEvaluator.matches(b, MatchContext.none()), "no user in the context: no match, as in sshd -T");
    }

    @Test
    void aListOfOnlyNegationsNeverMatches() {
        // sshd's well-known pitfall: "Match User !root" matches nobody; "*,!root" is meant
        assertFalse(MatchEvaluator.matches(block("user", "!root"), MatchContext.none().withUser("alice")));
        assertTrue(MatchEvaluator.matches(block("user", "*,!root"), MatchContext.none().withUser("alice")));
        assertFalse(MatchEvaluator.matches(block("user", "*,!root"), MatchContext.none().withUser("root")));
    }

    @Test
    void addressesByCidrAndPattern() {
        MatchBlock b = block("address", "10.0.0.0/8,!10.0.0.5,192.168.1.*,2001:db8::/32");
        assertTrue(MatchEvaluator.matches(b, MatchContext.none().withAddress("10.200.3.4")));
        assertFalse(MatchEvaluator.matches(b, MatchContext.none().withAddress("10.0.0.5")));
        assertTrue(MatchEvaluator.matches(b, MatchContext.none().withAddress("192.168.1.77")));
        assertFalse(MatchEvaluator.matches(b, MatchContext.none().withAddress("192.168.2.1")));
        assertTrue(MatchEvaluator.matches(b, MatchContext.none().withAddress("2001:db8:1::7")));
        assertFalse(MatchEvaluator.matches(b, MatchContext.none().withAddress("2001:db9::1")));
        assertFalse(MatchEvaluator.matches(b, MatchContext.none().withAddress("11.0.0.1")));
    }

    @Test
    void inconsistentNetworkIsInvalid() {
        assertThrows(AddressPatterns.InvalidPatternException.class, () -> AddressPatterns.validate("10.0.0.1/8"));
        assertThrows(AddressPatterns.InvalidPatternException.class, () -> AddressPatterns.validate("10.0.0.0/33"));
        assertFalse(MatchEvaluator.matches(block("address", "10.0.0.1/8"), MatchContext.none().withAddress("10.0.0.1")));
    }

    @Test
    void hostIsCaseInsensitiveAndCriteriaAreAnded() {
        MatchBlock b = block("host", "*.Example.ORG", "user", "bob");
        assertTrue(MatchEvaluator.matches(b, MatchContext.of("bob", "WWW.example.org", "1.2.3.4")));
        assertFalse(MatchEvaluator.matches(b, MatchContext.of("alice", "www.example.org", "1.2.3.4")));
        assertFalse(MatchEvaluator.matches(b, MatchContext.of("bob", "example.org", "1.2.3.4")));
    }

    @Test
    void localPortGroupAndAll() {
        assertTrue(MatchEvaluator.matches(block("localport", "2222"), MatchContext.none().withLocalPort(2222)));
        assertFalse(MatchEvaluator.matches(block("localport", "2222"), MatchContext.none().withLocalPort(22)));
        MatchBlock g = block("group", "sftp*,!wheel");
        assertTrue(MatchEvaluator.matches(g, MatchContext.none().withUser("u").withGroups(Set.of("users", "sftponly"))));
        assertFalse(MatchEvaluator.matches(g, MatchContext.none().withUser("u").withGroups(Set.of("sftponly", "wheel"))));
        assertTrue(MatchEvaluator.matches(block("all"), MatchContext.none()));
        assertFalse(MatchEvaluator.matches(new MatchBlock(List.of(), "f", 1), MatchContext.none()), "an invalid block never matches");
    }

    @Test
    void synthesizedContextSatisfiesTheBlock() {
        MatchBlock b = block("user", "!root,adm?n", "address", "10.0.0.0/8,!10.0.0.0");
        MatchContext ctx = MatchContextSynthesizer.satisfying(List.of(b)).orElseThrow();
        assertTrue(MatchEvaluator.matches(b, ctx));
        assertEquals("user=admxn,addr=10.0.0.1", ctx.testSpec());
        assertTrue(MatchContextSynthesizer.satisfying(List.of(block("user", "!root"))).isEmpty());
    }
}
