package de.tomaudit.probe.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.probe.TestCertificates;
import java.security.cert.TrustAnchor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CertificateInspectorTest {
    private static final TestCertificates.Issued ROOT = TestCertificates.root("inspector root");
    private static final TestCertificates.Issued INTERMEDIATE = TestCertificates.intermediate(ROOT, "inspector intermediate");
    private static final CertificateInspector INSPECTOR = new CertificateInspector(Set.of(new TrustAnchor(ROOT.certificate(), null)));
    private static final Instant NOW = Instant.now();

    @Test
    void trustedCompleteChainWithMatchingName() {
        var leaf = TestCertificates.leaf(INTERMEDIATE, "chat.example.org", "*.example.org");
        CertificateReport r = INSPECTOR.inspect(leaf.chain(), "chat.example.org", NOW, "jdk", "TLSv1.3");
        assertTrue(r.trusted() && r.chainComplete() && r.hostnameMatch(), r.toString());
        assertEquals("", r.trustProblem());
        assertEquals("EC", r.keyType());
        assertEquals(256, r.keyBits());
        assertEquals(2, r.chainLength());
        assertEquals(List.of("SHA256withECDSA", "SHA256withECDSA"), r.signatureAlgorithms());
        assertTrue(r.daysLeft() >= 88 && r.daysLeft() <= 90, "days left " + r.daysLeft());
        assertTrue(INSPECTOR.inspect(leaf.chain(), "upload.example.org", NOW, "jdk", "").hostnameMatch(), "wildcard");
        assertFalse(INSPECTOR.inspect(leaf.chain(), "a.b.example.org", NOW, "jdk", "").hostnameMatch(), "one label only");
        assertFalse(INSPECTOR.inspect(leaf.chain(), "example.org", NOW, "jdk", "").hostnameMatch());
    }

    @Test
    void missingIntermediateIsAnIncompleteChain() {
        var leaf = TestCertificates.leaf(INTERMEDIATE, "www.example.org");
        CertificateReport r = INSPECTOR.inspect(List.of(leaf.certificate()), "www.example.org", NOW, "jdk", "");
        assertFalse(r.trusted());
        assertFalse(r.chainComplete());
        assertTrue(r.trustProblem().contains("incomplete chain"), r.trustProblem());
    }

    @Test
    void selfSignedIsCompleteButNotTrusted() {
        var self = TestCertificates.selfSigned(TestCertificates.rsa(2048), "localhost", "IP:127.0.0.1");
        CertificateReport r = INSPECTOR.inspect(self.chain(), "127.0.0.1", NOW, "jdk", "");
        assertTrue(r.selfSigned());
        assertFalse(r.trusted());
        assertTrue(r.chainComplete());
        assertTrue(r.hostnameMatch(), "IP SAN");
        assertEquals("RSA", r.keyType());
        assertEquals(2048, r.keyBits());
    }

    @Test
    void expiryIsMeasuredAndDoesNotSpoilTrust() {
        var old = TestCertificates.leaf(INTERMEDIATE, TestCertificates.ec256(), NOW.minus(Duration.ofDays(400)),
                NOW.minus(Duration.ofDays(3)), "SHA256withECDSA", "old.example.org");
        CertificateReport r = INSPECTOR.inspect(old.chain(), "old.example.org", NOW, "jdk", "");
        assertTrue(r.expired());
        assertEquals(-3, r.daysLeft());
        assertTrue(r.trusted(), "trust is judged while the leaf was valid; expiry is its own rule: " + r.trustProblem());
        var future = TestCertificates.leaf(INTERMEDIATE, TestCertificates.ec256(), NOW.plus(Duration.ofDays(2)),
                NOW.plus(Duration.ofDays(90)), "SHA256withECDSA", "new.example.org");
        assertTrue(INSPECTOR.inspect(future.chain(), "new.example.org", NOW, "jdk", "").notYetValid());
    }

    @Test
    void sha1SignatureIsReported() {
        var rsaRoot = new TestCertificates.Issued(TestCertificates.rsa(2048), null, List.of());
        var self = TestCertificates.selfSigned(rsaRoot.keys(), "legacy.example.org");
        var sha1 = TestCertificates.leaf(new TestCertificates.Issued(self.keys(), self.certificate(), List.of(self.certificate())),
                TestCertificates.rsa(2048), NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)), "SHA1withRSA",
                "legacy.example.org");
        CertificateReport r = INSPECTOR.inspect(sha1.chain(), "legacy.example.org", NOW, "handshake", "");
        assertEquals("SHA1withRSA", r.signatureAlgorithm());
        assertEquals(List.of("SHA1withRSA"), r.signatureAlgorithms(), "the self-signed root's own signature is left out");
    }

    @Test
    void xmppAddrAndSrvNamesCountForTheDomain() {
        var leaf = TestCertificates.leaf(INTERMEDIATE, "XMPP:jabber.example.org");
        CertificateReport r = INSPECTOR.inspect(leaf.chain(), "jabber.example.org", NOW, "jdk", "");
        assertTrue(r.hostnameMatch(), r.names().toString());
        assertTrue(r.names().contains("xmppAddr:jabber.example.org"), r.names().toString());
        assertTrue(HostnameMatcher.matches("example.org", List.of(), List.of(), List.of(), List.of("_xmpp-server.example.org")));
        assertFalse(HostnameMatcher.matches("example.org", List.of(), List.of(), List.of(), List.of("_http.example.org")));
        assertFalse(HostnameMatcher.matches("example.org", List.of("*.org"), List.of(), List.of(), List.of()));
        assertTrue(HostnameMatcher.matches("Example.ORG.", List.of("example.org"), List.of(), List.of(), List.of()));
    }
}
