package de.tomaudit.probe.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.probe.Connector;
import de.tomaudit.probe.Endpoint;
import de.tomaudit.probe.ProbeBudget;
import de.tomaudit.probe.ProbeException;
import de.tomaudit.probe.ProbeSettings;
import de.tomaudit.probe.ScriptedTlsServer;
import de.tomaudit.probe.TestCertificates;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.NamedGroup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The enumeration against a scripted server whose answers are known exactly. */
class TlsScannerTest {
    private static final ExecutorService POOL = Executors.newFixedThreadPool(8);
    private static final TestCertificates.Issued ROOT = TestCertificates.root("test root");
    private static final TestCertificates.Issued INTERMEDIATE = TestCertificates.intermediate(ROOT, "test intermediate");

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    private static TlsScan scan(ScriptedTlsServer server, int concurrency) throws Exception {
        ProbeSettings s = new ProbeSettings(true, Duration.ofSeconds(2), Duration.ofSeconds(2), concurrency, 1,
                Duration.ofSeconds(30), List.of());
        Endpoint e = new Endpoint("127.0.0.1", server.port(), Endpoint.Protocol.OTHER, Endpoint.StartTls.NONE, true,
                "localhost", "test", "test", Endpoint.Origin.OPTION);
        return new TlsScanner(new Connector(e, s, new ProbeBudget(s.budget()), (sock, ep) -> { }), POOL).scan();
    }

    private static Set<Integer> codes(TlsScan scan, TlsVersion v) {
        return scan.accepted().get(v).stream().map(TlsSuite::code).collect(Collectors.toSet());
    }

    @Test
    void findsVersionsSuitesOrderGroupsDhAndChain() throws Exception {
        var leaf = TestCertificates.leaf(INTERMEDIATE, "localhost");
        var script = new ScriptedTlsServer.Script(ScriptedTlsServer.suites(
                0x0301, List.of(CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA),
                0x0303, List.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                        CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256),
                0x0304, List.of(CipherSuite.TLS_AES_256_GCM_SHA384, CipherSuite.TLS_AES_128_GCM_SHA256)),
                true, List.of(NamedGroup.x25519, NamedGroup.secp256r1), 1024, leaf.chain(), List.of());
        try (ScriptedTlsServer server = new ScriptedTlsServer(script)) {
            TlsScan scan = scan(server, 3);
            assertEquals(List.of(TlsVersion.TLS_1_0, TlsVersion.TLS_1_2, TlsVersion.TLS_1_3), scan.versions());
            assertEquals(Set.copyOf(script.suites().get(0x0301)), codes(scan, TlsVersion.TLS_1_0));
            assertEquals(Set.copyOf(script.suites().get(0x0303)), codes(scan, TlsVersion.TLS_1_2));
            assertEquals(Set.copyOf(script.suites().get(0x0304)), codes(scan, TlsVersion.TLS_1_3));
            assertEquals(Map.of(TlsVersion.TLS_1_0, "server", TlsVersion.TLS_1_2, "server", TlsVersion.TLS_1_3, "server"), scan.order());
            assertEquals(List.of(NamedGroup.x25519, NamedGroup.secp256r1), scan.groupsTls13());
            assertEquals(List.of(NamedGroup.x25519, NamedGroup.secp256r1), scan.curvesLegacy());
            assertEquals(Optional.of(1024), scan.dhPrimeBits());
            assertEquals(2, scan.chain().size());
            // every hello the server parsed: SNI set, bundles of at most 128 suites, never 256-511 bytes long
            for (var h : server.hellos()) {
                assertEquals(h.recordVersion() == 0x0300 ? "" : "localhost", h.serverName()); // SSLv3 has no extensions
                assertTrue(h.suites().size() <= 129, "suites per hello: " + h.suites().size());
                assertFalse(h.length() >= 256 && h.length() < 512, "hello of " + h.length() + " bytes");
            }
            assertTrue(server.maxOpen() <= 3, "at most 3 connections at once, saw " + server.maxOpen());
        }
    }

    @Test
    void clientOrderIsReported() throws Exception {
        var script = new ScriptedTlsServer.Script(ScriptedTlsServer.suites(
                0x0303, List.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)),
                false, List.of(NamedGroup.secp256r1), 2048, List.of(), List.of());
        try (ScriptedTlsServer server = new ScriptedTlsServer(script)) {
            TlsScan scan = scan(server, 4);
            assertEquals(List.of(TlsVersion.TLS_1_2), scan.versions());
            assertEquals("client", scan.order().get(TlsVersion.TLS_1_2));
            assertTrue(scan.groupsTls13().isEmpty());
            assertEquals(Optional.empty(), scan.dhPrimeBits());
        }
    }

    @Test
    void enumeratesMoreSuitesThanFitOneHello() throws Exception {
        List<Integer> all = SuiteCatalog.get().offerable(TlsVersion.TLS_1_2).stream().map(TlsSuite::code)
                .filter(c -> !SuiteCatalog.get().tls(c).kx().startsWith("ECDHE") && !SuiteCatalog.get().tls(c).kx().startsWith("DHE"))
                .toList();
        assertTrue(all.size() > ClientHello.MAX_SUITES_PER_HELLO, "enough suites to need bundles: " + all.size());
        var script = new ScriptedTlsServer.Script(ScriptedTlsServer.suites(0x0303, all), false, List.of(), 0, List.of(), List.of());
        try (ScriptedTlsServer server = new ScriptedTlsServer(script)) {
            TlsScan scan = scan(server, 4);
            assertEquals(Set.copyOf(all), codes(scan, TlsVersion.TLS_1_2));
            int most = server.hellos().stream().mapToInt(h -> h.suites().size()).max().orElse(0);
            assertTrue(most <= ClientHello.MAX_SUITES_PER_HELLO, "largest hello offered " + most + " suites");
        }
    }

    @Test
    void findsSslv2CipherKinds() throws Exception {
        var leaf = TestCertificates.selfSigned(TestCertificates.rsa(1024), "old.example");
        var script = new ScriptedTlsServer.Script(ScriptedTlsServer.suites(0x0300, List.of(CipherSuite.TLS_RSA_WITH_RC4_128_SHA)),
                true, List.of(), 0, leaf.chain(), List.of(0x010080, 0x0700C0, 0x020080));
        try (ScriptedTlsServer server = new ScriptedTlsServer(script)) {
            TlsScan scan = scan(server, 2);
            assertEquals(List.of(TlsVersion.SSL_2, TlsVersion.SSL_3), scan.versions());
            assertEquals(Set.of("SSL_CK_RC4_128_WITH_MD5", "SSL_CK_DES_192_EDE3_CBC_WITH_MD5", "SSL_CK_RC4_128_EXPORT40_WITH_MD5"),
                    scan.accepted().get(TlsVersion.SSL_2).stream().map(TlsSuite::name).collect(Collectors.toSet()));
            assertTrue(scan.accepted().get(TlsVersion.SSL_2).stream().anyMatch(TlsSuite::export));
            assertEquals(Set.of(CipherSuite.TLS_RSA_WITH_RC4_128_SHA), codes(scan, TlsVersion.SSL_3));
        }
    }

    /** Versions 1.0, 1.2 and 1.3 with server order, two groups, DHE 1024, a chain of two: every part of a scan. */
    private static ScriptedTlsServer.Script rich() {
        var leaf = TestCertificates.leaf(INTERMEDIATE, "localhost");
        return new ScriptedTlsServer.Script(ScriptedTlsServer.suites(
                0x0301, List.of(CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA),
                0x0303, List.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                        CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256),
                0x0304, List.of(CipherSuite.TLS_AES_256_GCM_SHA384, CipherSuite.TLS_AES_128_GCM_SHA256)),
                true, List.of(NamedGroup.x25519, NamedGroup.secp256r1), 1024, leaf.chain(), List.of());
    }

    /** Everything a scan reports, in one comparable string. */
    private static String summary(TlsScan scan) {
        StringBuilder b = new StringBuilder();
        scan.accepted().forEach((v, l) -> b.append(v).append(l.stream().map(TlsSuite::code).sorted().toList()).append(' '));
        b.append(scan.order()).append(' ').append(scan.groupsTls13()).append(' ').append(scan.curvesLegacy()).append(' ')
                .append(scan.dhPrimeBits()).append(" chain ").append(scan.chain().size()).append(' ').append(scan.chainVersion());
        return b.toString();
    }

    private static int refusals(TlsVersion v, int accepted) {
        int rest = SuiteCatalog.get().offerable(v).size() - accepted;
        return (rest + ClientHello.MAX_SUITES_PER_HELLO - 1) / ClientHello.MAX_SUITES_PER_HELLO;
    }

    @Test
    void theChainDhCurveGroupAndOrderComeFromTheEnumerationsOwnHandshakes() throws Exception {
        try (ScriptedTlsServer server = new ScriptedTlsServer(rich())) {
            TlsScan scan = scan(server, 3);
            assertEquals(Optional.of(TlsVersion.TLS_1_2), scan.chainVersion());
            int enumeration = 1 // the baseline hello
                    + 1 + Handshaker.RETRIES // SSLv2: the server closes, asked again alone twice
                    + 1 // SSLv3: protocol_version alert
                    + 2 + refusals(TlsVersion.TLS_1_0, 2)
                    + 1 // TLS 1.1: the server answers with TLS 1.0
                    + 4 + refusals(TlsVersion.TLS_1_2, 4)
                    + 2 + refusals(TlsVersion.TLS_1_3, 2);
            int followUps = 2 // TLS 1.3 groups: the second, then none (the first came with the enumeration)
                    + 2; // ECDHE curves: likewise
            // chain, DHE prime: no connection of their own; order: at most one hello per version (none when the
            // enumeration already saw the server decide)
            assertTrue(server.connections() >= enumeration + followUps && server.connections() <= enumeration + followUps + 3,
                    "connections " + server.connections() + ", expected " + (enumeration + followUps) + " + at most 3 for the order");
        }
    }

    /** The rich script's scan, once from a well-behaved server and once from {@code misbehaving}: the same. */
    private static void sameCompleteScan(UnaryOperator<ScriptedTlsServer> misbehaving) throws Exception {
        String expected;
        try (ScriptedTlsServer server = new ScriptedTlsServer(rich())) {
            expected = summary(scan(server, 4));
        }
        try (ScriptedTlsServer server = misbehaving.apply(new ScriptedTlsServer(rich()))) {
            assertEquals(expected, summary(scan(server, 4)));
        }
    }

    @Test
    void aServerDroppingEveryThirdConnectionGetsTheSameCompleteScan() throws Exception {
        sameCompleteScan(s -> s.dropEvery(3));
    }

    @Test
    void aPerClientConnectionLimitBelowTheProbesConcurrencyGetsTheSameCompleteScan() throws Exception {
        sameCompleteScan(s -> s.limitOpen(2));
    }

    @Test
    void aSlowServerGetsTheSameCompleteScan() throws Exception {
        sameCompleteScan(s -> s.answerDelay(60));
    }

    @Test
    void aServerThatStopsAnsweringIsAnErrorNamingWhatIsMissing() throws Exception {
        try (ScriptedTlsServer server = new ScriptedTlsServer(rich()).answerAtMost(12)) {
            ProbeException e = assertThrows(ProbeException.class, () -> scan(server, 2));
            assertEquals(ProbeException.Kind.CLOSED, e.kind());
            assertTrue(e.getMessage().contains("stopped answering") && e.getMessage().matches(".*during the .*(suites|groups|curves).*"),
                    e.getMessage());
        }
    }
}
