package de.tomaudit.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.facts.Fact;
import de.tomaudit.facts.FactSet;
import de.tomaudit.target.Limits;
import de.tomaudit.target.LocalTarget;
import de.tomaudit.testsupport.TestPaths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The XMPP probe against the test bed's real Prosody 0.12 and ejabberd 23.01 (scripts/testbed.d/
 * prosody.sh and ejabberd.sh, domain localhost): stream features before and after STARTTLS, and
 * the TLS enumeration behind STARTTLS, on the hardened and the weak instances.
 */
class XmppTestbedIT {
    private static FactSet facts;

    @BeforeAll
    static void probe() {
        TestPaths.testbed("prosody/hardened/prosody.cfg.lua");
        TestPaths.testbed("ejabberd/hardened");
        List<String> specs = List.of("localhost:15222/xmpp-client", "localhost:15223/xmpps-client", "localhost:15269/xmpp-server",
                "localhost:25222/xmpp-client", "localhost:25269/xmpp-server", "localhost:35222/xmpp-client",
                "localhost:35269/xmpp-server", "localhost:45222/xmpp-client", "localhost:45269/xmpp-server");
        ProbeSettings s = new ProbeSettings(true, Duration.ofSeconds(3), Duration.ofSeconds(5), 4, 4, Duration.ofSeconds(90),
                specs.stream().map(ProbeSpec::parse).toList());
        long start = System.nanoTime();
        facts = new ProbePhase("tomaudit-it").run(new LocalTarget(Limits.DEFAULT), Set.of("host"), FactSet.builder().build(), s);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < 30_000, "nine XMPP endpoints took " + ms + " ms");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> entry(String key, int port) {
        List<Map<String, Object>> list = (List<Map<String, Object>>) facts.get(key).map(Fact::value)
                .orElseThrow(() -> new AssertionError(key + ": " + facts.whyMissing(key)));
        return list.stream().filter(m -> m.get("endpoint").equals("127.0.0.1:" + port)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + key + " entry for " + port + ": " + list));
    }

    @Test
    void everyEndpointWasProbedCompletely() {
        assertEquals(true, facts.get("xmpp.c2s_complete").map(Fact::value).orElse(null), String.valueOf(facts.whyMissing("xmpp.c2s_complete")));
        assertEquals(true, facts.get("xmpp.s2s_complete").map(Fact::value).orElse(null), String.valueOf(facts.whyMissing("xmpp.s2s_complete")));
        assertEquals(true, facts.get("tls.complete").map(Fact::value).orElse(null), String.valueOf(facts.whyMissing("tls.complete")));
    }

    @Test
    void prosodyHardenedRequiresStartTlsAndHidesSaslUntilThen() {
        Map<String, Object> c2s = entry("xmpp.c2s", 15222);
        assertEquals(true, c2s.get("starttls_required"));
        assertEquals(List.of(), c2s.get("mechanisms_before_tls"));
        assertEquals(true, c2s.get("scram"), c2s.toString());
        Map<String, Object> direct = entry("xmpp.c2s", 15223);
        assertEquals("direct", direct.get("tls"));
        assertEquals(true, direct.get("tls_required"));
        Map<String, Object> s2s = entry("xmpp.s2s", 15269);
        assertEquals(true, s2s.get("starttls_required"));
        assertEquals(true, s2s.get("tls_established"));
        // s2s_secure_auth: an unauthenticated peer is refused inside TLS, which is the hardened behaviour
        assertTrue(((String) s2s.get("tls_problem")).contains("not-authorized"), s2s.toString());
        Map<String, Object> p = entry("tls.protocols", 15222);
        assertEquals(true, p.get("tls1_3"));
        assertEquals(false, p.get("tls1_0"));
        assertEquals(true, entry("tls.certificates", 15222).get("hostname_match"));
    }

    @Test
    void prosodyWeakOffersPlainBeforeTls() {
        Map<String, Object> c2s = entry("xmpp.c2s", 25222);
        assertEquals(true, c2s.get("starttls_offered"));
        assertEquals(false, c2s.get("starttls_required"));
        assertEquals(true, c2s.get("plain_before_tls"), c2s.toString());
        assertEquals(false, entry("xmpp.s2s", 25269).get("starttls_required"));
    }

    @Test
    void ejabberdHardenedOffersChannelBindingWeakOffersNoTlsAtAll() {
        Map<String, Object> hard = entry("xmpp.c2s", 35222);
        assertEquals(true, hard.get("starttls_required"));
        assertEquals(true, hard.get("channel_binding"), hard.toString());
        assertEquals(true, entry("xmpp.s2s", 35269).get("starttls_required"));
        Map<String, Object> weak = entry("xmpp.c2s", 45222);
        assertEquals(false, weak.get("starttls_offered"));
        assertEquals(true, weak.get("plain_before_tls"), weak.toString());
        assertEquals("STARTTLS not offered: no TLS", entry("tls.endpoints", 45222).get("reason"));
        assertEquals(false, entry("xmpp.s2s", 45269).get("starttls_required"));
    }
}
