package de.tomaudit.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.facts.Fact;
import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Unavailable;
import de.tomaudit.probe.tls.CertificateInspector;
import de.tomaudit.target.DirTarget;
import de.tomaudit.target.Limits;
import de.tomaudit.target.LocalTarget;
import java.nio.file.Path;
import java.security.cert.TrustAnchor;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.NamedGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe phase end to end against servers on 127.0.0.1 that behave and misbehave. */
class ProbePhaseTest {
    private static final TestCertificates.Issued ROOT = TestCertificates.root("probe test root");
    private static final TestCertificates.Issued INTERMEDIATE = TestCertificates.intermediate(ROOT, "probe test intermediate");
    private static final TestCertificates.Issued LEAF = TestCertificates.leaf(INTERMEDIATE, "localhost", "IP:127.0.0.1", "XMPP:localhost");

    private static ProbeSettings settings(List<String> specs) {
        return new ProbeSettings(true, Duration.ofMillis(500), Duration.ofMillis(700), 4, 8, Duration.ofSeconds(20),
                specs.stream().map(ProbeSpec::parse).toList());
    }

    private static FactSet run(List<String> specs) {
        ProbePhase phase = new ProbePhase(new CertificateInspector(Set.of(new TrustAnchor(ROOT.certificate(), null))),
                Clock.systemUTC(), "tomaudit-test");
        return phase.run(new LocalTarget(Limits.DEFAULT), Set.of("host"), FactSet.builder().build(), settings(specs));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(FactSet facts, String key) {
        Fact f = facts.get(key).orElseThrow(() -> new AssertionError(key + " missing: " + facts.whyMissing(key)));
        return (List<Map<String, Object>>) f.value();
    }

    private static Unavailable missing(FactSet facts, String key) {
        assertTrue(facts.get(key).isEmpty(), key + " should be missing");
        return facts.whyMissing(key).orElseThrow(() -> new AssertionError("no reason for " + key));
    }

    @Test
    void everyFailureIsAnErrorOfItsEndpointAndTheRunGoesOn() throws Exception {
        var good = new ScriptedTlsServer.Script(ScriptedTlsServer.suites(
                0x0303, List.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)), true, List.of(NamedGroup.x25519), 0,
                LEAF.chain(), List.of());
        try (var ok = new ScriptedTlsServer(good);
             var reset = new MisbehavingServer(MisbehavingServer.RESET_MID_HANDSHAKE);
             var garbage = new MisbehavingServer(MisbehavingServer.GARBAGE);
             var silence = new MisbehavingServer(MisbehavingServer.SILENCE);
             var huge = new MisbehavingServer(MisbehavingServer.HUGE_CHAIN);
             var refusing = new FakeXmppServer(new FakeXmppServer.Offer("jabber:client", true, false, List.of("PLAIN"),
                     List.of(), false, true, ""), TestCertificates.serverContext(LEAF))) {
            int closed = MisbehavingServer.closedPort();
            long start = System.nanoTime();
            FactSet facts = run(List.of("localhost:" + ok.port(), "localhost:" + closed, "localhost:" + reset.port(),
                    "localhost:" + garbage.port(), "localhost:" + silence.port(), "localhost:" + huge.port(),
                    "localhost:" + refusing.port() + "/xmpp-client"));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms < 15_000, "took " + ms + " ms");

            Unavailable u = missing(facts, "tls.complete");
            assertEquals(Unavailable.Kind.ERROR, u.kind());
            assertEquals("tls", u.stage());
            String why = u.reason();
            assertTrue(why.contains(closed + "") && why.contains("connection refused"), why);
            assertTrue(why.contains(reset.port() + "") && why.contains("reset"), why);
            assertTrue(why.contains(garbage.port() + "") && why.contains("not a TLS server"), why);
            assertTrue(why.contains(silence.port() + "") && why.contains("no answer"), why);
            assertTrue(why.contains(huge.port() + "") && why.contains("KiB"), why);
            assertTrue(why.contains(refusing.port() + "") && why.contains("refused STARTTLS"), why);

            // the endpoint that behaved is there, with its values
            List<Map<String, Object>> protocols = list(facts, "tls.protocols");
            assertEquals(1, protocols.size(), protocols.toString());
            assertEquals("127.0.0.1:" + ok.port(), protocols.get(0).get("endpoint"));
            assertEquals(true, protocols.get(0).get("tls1_2"));
            assertEquals(false, protocols.get(0).get("tls1_3"));
            assertEquals("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", list(facts, "tls.suites").get(0).get("suite"));
            assertEquals(List.of("x25519"), list(facts, "tls.key_exchange").get(0).get("curves"));

            // the XMPP endpoint's plain features are still known; after TLS is the error
            List<Map<String, Object>> c2s = list(facts, "xmpp.c2s");
            assertEquals(true, c2s.get(0).get("plain_before_tls"));
            assertEquals(false, c2s.get(0).get("features_after_tls"));
            assertTrue(missing(facts, "xmpp.c2s_complete").reason().contains("refused STARTTLS"));

            // every planned endpoint is listed with what became of it
            List<Map<String, Object>> endpoints = list(facts, "tls.endpoints");
            assertEquals(7, endpoints.size());
            assertEquals(6, endpoints.stream().filter(e -> e.get("status").equals("probed")).count(), endpoints.toString());
            assertEquals(1, endpoints.stream().filter(e -> e.get("status").equals("error")).count());
        }
    }

    @Test
    void xmppFeaturesBeforeAndAfterStartTlsAndTheTlsBehindIt() throws Exception {
        var tls = TestCertificates.serverContext(LEAF);
        try (var hardened = new FakeXmppServer(FakeXmppServer.Offer.c2s(true, List.of(),
                List.of("SCRAM-SHA-1", "SCRAM-SHA-1-PLUS", "PLAIN")), tls);
             var weak = new FakeXmppServer(FakeXmppServer.Offer.c2s(false, List.of("PLAIN", "SCRAM-SHA-1"),
                     List.of("PLAIN")), tls);
             var s2s = new FakeXmppServer(new FakeXmppServer.Offer("jabber:server", true, false, List.of(), List.of("EXTERNAL"),
                     true, false, ""), tls)) {
            FactSet facts = run(List.of("localhost:" + hardened.port() + "/xmpp-client", "localhost:" + weak.port() + "/xmpp-client",
                    "localhost:" + s2s.port() + "/xmpp-server"));
            assertEquals(true, facts.get("xmpp.c2s_complete").orElseThrow().value());
            List<Map<String, Object>> c2s = list(facts, "xmpp.c2s");
            Map<String, Object> h = c2s.get(0);
            assertEquals(true, h.get("starttls_required"));
            assertEquals(true, h.get("tls_required"));
            assertEquals(List.of(), h.get("mechanisms_before_tls"));
            assertEquals(false, h.get("plain_before_tls"));
            assertEquals(true, h.get("scram"));
            assertEquals(true, h.get("channel_binding"));
            assertEquals("localhost", h.get("domain"));
            Map<String, Object> w = c2s.get(1);
            assertEquals(false, w.get("starttls_required"));
            assertEquals(true, w.get("plain_before_tls"));
            assertEquals(false, w.get("scram"));
            Map<String, Object> s = list(facts, "xmpp.s2s").get(0);
            assertEquals(true, s.get("dialback_before_tls"));
            assertEquals(true, s.get("external_after_tls"));

            // the TLS enumeration ran behind STARTTLS against the JDK's TLS server
            List<Map<String, Object>> protocols = list(facts, "tls.protocols");
            assertEquals(3, protocols.size());
            for (Map<String, Object> p : protocols) {
                assertEquals("starttls", p.get("tls"));
                assertEquals(true, p.get("tls1_3"), p.toString());
                assertEquals(false, p.get("tls1_0"));
            }
            List<Map<String, Object>> certs = list(facts, "tls.certificates");
            assertTrue(certs.stream().allMatch(c -> c.get("hostname_match").equals(true) && c.get("trusted").equals(true)
                    && c.get("chain_complete").equals(true)), certs.toString());
            assertEquals(true, facts.get("tls.complete").orElseThrow().value());
        }
    }

    @Test
    void aClientPortWithoutStartTlsIsAFactNotAProbeError() throws Exception {
        try (var plain = new FakeXmppServer(new FakeXmppServer.Offer("jabber:client", false, false, List.of("PLAIN", "DIGEST-MD5"),
                List.of(), false, false, ""), TestCertificates.serverContext(LEAF))) {
            FactSet facts = run(List.of("localhost:" + plain.port() + "/xmpp-client"));
            Map<String, Object> c2s = list(facts, "xmpp.c2s").get(0);
            assertEquals(false, c2s.get("starttls_offered"));
            assertEquals(false, c2s.get("tls_required"));
            assertEquals(true, c2s.get("plain_before_tls"));
            assertEquals(true, facts.get("xmpp.c2s_complete").orElseThrow().value());
            assertEquals(Unavailable.Kind.NOT_APPLICABLE, missing(facts, "tls.complete").kind(), "nothing to enumerate, nothing broken");
            assertEquals("STARTTLS not offered: no TLS", list(facts, "tls.endpoints").get(0).get("reason"));
        }
    }

    @Test
    void aDirTargetHasNothingToProbe(@TempDir Path root) {
        ProbePhase phase = new ProbePhase("tomaudit-test");
        FactSet facts = phase.run(new DirTarget(root, Limits.DEFAULT), Set.of("host"), FactSet.builder().build(),
                settings(List.of("localhost:443")));
        for (String key : List.of("tls.protocols", "tls.certificates", "http.secure", "xmpp.c2s")) {
            Unavailable u = missing(facts, key);
            assertEquals(Unavailable.Kind.NOT_APPLICABLE, u.kind());
            assertTrue(u.reason().contains("no network address"), u.reason());
        }
    }

    @Test
    void probesCanBeSwitchedOff() {
        ProbePhase phase = new ProbePhase("tomaudit-test");
        FactSet facts = phase.run(new LocalTarget(Limits.DEFAULT), Set.of("host", "prosody"), FactSet.builder().build(),
                settings(List.of()).disabled());
        assertTrue(missing(facts, "tls.protocols").reason().contains("--no-probe"));
    }

    @Test
    void aDefaultPortWhereNothingListensIsSkippedADeclaredOneIsAnError() throws Exception {
        int closed = MisbehavingServer.closedPort();
        ProbeSettings s = settings(List.of());
        ProbeRun run = new ProbeRun(s, CertificateInspector.systemStore(), Clock.systemUTC(), "t");
        List<Endpoint> endpoints = new ArrayList<>();
        endpoints.add(new Endpoint("127.0.0.1", closed, Endpoint.Protocol.HTTP, Endpoint.StartTls.NONE, true, "localhost",
                "https (default port)", "default port", Endpoint.Origin.DEFAULT));
        endpoints.add(new Endpoint("127.0.0.1", closed, Endpoint.Protocol.HTTP, Endpoint.StartTls.NONE, false, "localhost",
                "nginx http", "/etc/nginx/sites-enabled/default:22", Endpoint.Origin.DECLARED));
        List<EndpointResult> results = run.run(endpoints);
        assertEquals(EndpointResult.Status.SKIPPED, results.get(0).status());
        assertEquals(EndpointResult.Status.ERROR, results.get(1).status());
        assertTrue(results.get(1).reason().contains("connection refused"));

        FactSet.Builder b = FactSet.builder();
        HttpFacts.put(results, b);
        TlsFacts.put(results, b);
        FactSet facts = b.build();
        assertEquals(Unavailable.Kind.ERROR, missing(facts, "http.plain").kind());
        assertEquals(Unavailable.Kind.NOT_APPLICABLE, missing(facts, "tls.protocols").kind(), "a skipped default is no error");
        assertFalse(facts.get("http.secure").isPresent());
    }
}
