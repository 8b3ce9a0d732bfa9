package de.tomaudit.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.facts.Fact;
import de.tomaudit.facts.FactSet;
import de.tomaudit.probe.tls.CertificateInspector;
import de.tomaudit.result.Status;
import de.tomaudit.rules.Evaluation;
import de.tomaudit.rules.Rule;
import de.tomaudit.rules.RuleEvaluator;
import de.tomaudit.rules.RuleLoader;
import de.tomaudit.target.Limits;
import de.tomaudit.target.LocalTarget;
import de.tomaudit.testsupport.TestPaths;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.cert.CertificateFactory;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The probe phase and the tls/http rules against the test bed's nginx vhosts
 * (scripts/testbed.d/tls.sh): each vhost has one known flaw, and only that one must show.
 * The test bed's own root CA is added to the trust anchors, as an operator's CA would be.
 */
class TlsTestbedIT {
    private static FactSet facts;
    private static List<Rule> rules;

    @BeforeAll
    static void probe() throws Exception {
        X509Certificate ca;
        try (InputStream in = Files.newInputStream(TestPaths.testbed("tls/pki/ca.pem"))) {
            ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        Set<TrustAnchor> anchors = new HashSet<>(Set.of(new TrustAnchor(ca, null)));
        ProbePhase phase = new ProbePhase(new CertificateInspector(anchors), Clock.systemUTC(), "tomaudit-it");
        ProbeSettings settings = new ProbeSettings(true, Duration.ofSeconds(3), Duration.ofSeconds(5), 4, 6, Duration.ofSeconds(60),
                List.of("localhost:10443/https", "localhost:10444/tls", "localhost:10445/https", "localhost:10446/https",
                        "localhost:10447/https", "localhost:10080/http").stream().map(ProbeSpec::parse).toList());
        long start = System.nanoTime();
        facts = phase.run(new LocalTarget(Limits.DEFAULT), Set.of("host"), FactSet.builder().build(), settings);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < 20_000, "probing six endpoints took " + ms + " ms");
        rules = RuleLoader.loadBuiltIn();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> entry(String key, int port) {
        List<Map<String, Object>> list = (List<Map<String, Object>>) facts.get(key).map(Fact::value)
                .orElseThrow(() -> new AssertionError(key + ": " + facts.whyMissing(key)));
        return list.stream().filter(m -> m.get("endpoint").equals("127.0.0.1:" + port)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + key + " entry for " + port + ": " + list));
    }

    @SuppressWarnings("unchecked")
    private static Set<String> suites(int port, String version) {
        return ((List<Map<String, Object>>) facts.get("tls.suites").orElseThrow().value()).stream()
                .filter(m -> m.get("endpoint").equals("127.0.0.1:" + port) && m.get("version").equals(version))
                .map(m -> (String) m.get("suite")).collect(Collectors.toSet());
    }

    private static Evaluation evaluate(String id, FactSet f) {
        Rule r = rules.stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
        return RuleEvaluator.evaluate(r, f);
    }

    /** The facts of one endpoint only, so each rule can be judged per vhost. */
    @SuppressWarnings("unchecked")
    private static FactSet only(int port) {
        FactSet.Builder b = FactSet.builder();
        for (Fact f : facts.all().values()) {
            if (f.value() instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Map<?, ?>) {
                List<Object> kept = ((List<Object>) l).stream()
                        .filter(m -> ("127.0.0.1:" + port).equals(((Map<String, Object>) m).get("endpoint"))).toList();
                b.put(f.key(), kept, f.evidence());
            } else {
                b.put(f);
            }
        }
        return b.build();
    }

    @Test
    void modernVhostPassesEverything() {
        Map<String, Object> p = entry("tls.protocols", 10443);
        assertEquals(List.of("TLS 1.2", "TLS 1.3"), p.get("offered"));
        assertEquals(Set.of("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"), suites(10443, "tls1_2"));
        assertEquals(3, suites(10443, "tls1_3").size());
        Map<String, Object> c = entry("tls.certificates", 10443);
        assertEquals(true, c.get("trusted"), c.toString());
        assertEquals(true, c.get("chain_complete"));
        assertEquals(2L, c.get("chain_length"));
        assertEquals("EC", c.get("key_type"));
        assertEquals(List.of("x25519", "secp256r1", "secp384r1"), entry("tls.key_exchange", 10443).get("groups"));
        Map<String, Object> h = entry("http.secure", 10443);
        assertEquals(31536000L, h.get("hsts_max_age"));
        assertEquals(false, h.get("version_disclosed"));
        FactSet f = only(10443);
        for (String id : List.of("tls.protocol-legacy", "tls.protocol-modern", "tls.weak-ciphers", "tls.forward-secrecy",
                "tls.cert-expiry", "tls.cert-hostname", "tls.cert-chain", "tls.cert-key", "http.hsts", "http.security-headers")) {
            Evaluation e = evaluate(id, f);
            assertEquals(Status.PASS, e.status(), id + ": " + e.reason() + " " + e.evidence());
        }
    }

    @Test
    void legacyVhostFailsOnProtocolsCiphersDhAndChain() {
        Map<String, Object> p = entry("tls.protocols", 10444);
        assertEquals(List.of("TLS 1.0", "TLS 1.1"), p.get("offered"));
        Set<String> tls10 = suites(10444, "tls1_0");
        assertTrue(tls10.contains("TLS_RSA_WITH_NULL_SHA") && tls10.contains("TLS_DH_anon_WITH_AES_128_CBC_SHA"), tls10.toString());
        assertEquals(1024L, entry("tls.key_exchange", 10444).get("dh_bits"));
        Map<String, Object> c = entry("tls.certificates", 10444);
        assertEquals(false, c.get("chain_complete"), c.toString());
        assertEquals("handshake", c.get("via"), "the JDK will not speak TLS 1.0: the chain comes from the hand-built handshake");
        FactSet f = only(10444);
        assertEquals(Status.FAIL, evaluate("tls.protocol-legacy", f).status());
        assertEquals(Status.FAIL, evaluate("tls.protocol-modern", f).status());
        Evaluation weak = evaluate("tls.weak-ciphers", f);
        assertEquals(Status.FAIL, weak.status());
        assertEquals("critical", weak.severity().json());
        assertEquals(Status.FAIL, evaluate("tls.forward-secrecy", f).status());
        assertEquals(Status.FAIL, evaluate("tls.cert-chain", f).status());
        assertEquals(Status.PASS, evaluate("tls.cert-hostname", f).status());
    }

    @Test
    void brokenCertificatesFailTheirRuleOnly() {
        Map<String, Object> expired = entry("tls.certificates", 10445);
        assertEquals(true, expired.get("expired"));
        assertTrue((Long) expired.get("days_left") < 0);
        assertEquals(Status.FAIL, evaluate("tls.cert-expiry", only(10445)).status());
        assertEquals(Status.PASS, evaluate("tls.cert-chain", only(10445)).status());
        assertEquals(Status.PASS, evaluate("tls.cert-hostname", only(10445)).status());

        Map<String, Object> self = entry("tls.certificates", 10446);
        assertEquals(true, self.get("self_signed"));
        assertEquals(false, self.get("trusted"));
        assertEquals(Status.FAIL, evaluate("tls.cert-chain", only(10446)).status());
        assertEquals(Status.PASS, evaluate("tls.cert-expiry", only(10446)).status());

        Map<String, Object> wrong = entry("tls.certificates", 10447);
        assertEquals(false, wrong.get("hostname_match"));
        assertEquals(List.of("wrong.example"), wrong.get("names"));
        assertEquals(Status.FAIL, evaluate("tls.cert-hostname", only(10447)).status());
        assertEquals(Status.PASS, evaluate("tls.cert-chain", only(10447)).status());
    }

    @Test
    void plainHttpRedirectsAndEverythingWasProbed() {
        Map<String, Object> h = entry("http.plain", 10080);
        assertEquals(301L, h.get("status"));
        assertEquals(true, h.get("redirects_to_https"));
        assertEquals(Status.PASS, evaluate("http.https-redirect", facts).status());
        assertEquals(true, facts.get("tls.complete").orElseThrow().value(), String.valueOf(facts.whyMissing("tls.complete")));
        assertEquals(true, facts.get("tls.certificates_complete").orElseThrow().value());
        assertFalse(facts.get("http.secure_complete").isEmpty(), "every HTTPS vhost answered");
    }
}
