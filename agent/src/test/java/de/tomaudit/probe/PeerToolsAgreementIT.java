package de.tomaudit.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.tomaudit.probe.tls.TlsScan;
import de.tomaudit.probe.tls.TlsScanner;
import de.tomaudit.probe.tls.TlsSuite;
import de.tomaudit.probe.tls.TlsVersion;
import de.tomaudit.testsupport.TestPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agreement with the anchors: testssl.sh 3.0.8 (Debian's testssl.sh, protocols and ciphers per
 * protocol, -p -E) and sslscan 2.0.7 must find the same protocol set and the same accepted suites as
 * tomaudit on the test bed's modern (10443) and legacy (10444) vhosts. sslyze is not packaged in
 * Debian 12 and its registry is not reachable here, so it is not part of this test.
 */
class PeerToolsAgreementIT {
    private static final Pattern CIPHER_ID = Pattern.compile("cipher-(ssl2|ssl3|tls1|tls1_1|tls1_2|tls1_3)_x([0-9a-f]+)");
    private static final Map<String, TlsVersion> TESTSSL_PROTOCOLS = Map.of("SSLv2", TlsVersion.SSL_2, "SSLv3", TlsVersion.SSL_3,
            "TLS1", TlsVersion.TLS_1_0, "TLS1_1", TlsVersion.TLS_1_1, "TLS1_2", TlsVersion.TLS_1_2, "TLS1_3", TlsVersion.TLS_1_3);
    private static final Map<String, TlsVersion> CIPHER_PREFIX = Map.of("ssl2", TlsVersion.SSL_2, "ssl3", TlsVersion.SSL_3,
            "tls1", TlsVersion.TLS_1_0, "tls1_1", TlsVersion.TLS_1_1, "tls1_2", TlsVersion.TLS_1_2, "tls1_3", TlsVersion.TLS_1_3);
    private static final Map<String, TlsVersion> SSLSCAN_PROTOCOLS = Map.of("ssl2", TlsVersion.SSL_2, "ssl3", TlsVersion.SSL_3,
            "tls1.0", TlsVersion.TLS_1_0, "tls1.1", TlsVersion.TLS_1_1, "tls1.2", TlsVersion.TLS_1_2, "tls1.3", TlsVersion.TLS_1_3);
    private static final Map<String, TlsVersion> SSLSCAN_CIPHERS = Map.of("SSLv2", TlsVersion.SSL_2, "SSLv3", TlsVersion.SSL_3,
            "TLSv1.0", TlsVersion.TLS_1_0, "TLSv1.1", TlsVersion.TLS_1_1, "TLSv1.2", TlsVersion.TLS_1_2, "TLSv1.3", TlsVersion.TLS_1_3);
    private static final int[] PORTS = {10443, 10444};

    @TempDir
    static Path work;
    private static final Map<Integer, Process> TESTSSL = new TreeMap<>();

    @BeforeAll
    static void startTestssl() throws IOException {
        TestPaths.testbed("tls/nginx/nginx.conf");
        for (int port : PORTS) {
            // both at once: 2 cores, and testssl.sh spends most of its time waiting on its own subshells
            TESTSSL.put(port, new ProcessBuilder("testssl", "--warnings", "off", "--nodns", "none", "-p", "-E", "--quiet",
                    "--color", "0", "--jsonfile", work.resolve("testssl-" + port + ".json").toString(), "127.0.0.1:" + port)
                    .redirectErrorStream(true).redirectOutput(work.resolve("testssl-" + port + ".log").toFile()).start());
        }
    }

    private static Map<TlsVersion, TreeSet<Integer>> tomaudit(int port) throws Exception {
        ProbeSettings s = new ProbeSettings(true, Duration.ofSeconds(3), Duration.ofSeconds(5), 4, 1, Duration.ofSeconds(60), List.of());
        Endpoint e = new Endpoint("127.0.0.1", port, Endpoint.Protocol.OTHER, Endpoint.StartTls.NONE, true, "localhost", "it", "it",
                Endpoint.Origin.OPTION);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            TlsScan scan = new TlsScanner(new Connector(e, s, new ProbeBudget(s.budget()), (x, y) -> { }), pool).scan();
            Map<TlsVersion, TreeSet<Integer>> out = new EnumMap<>(TlsVersion.class);
            scan.accepted().forEach((v, l) -> {
                if (!l.isEmpty()) {
                    out.put(v, new TreeSet<>(l.stream().map(TlsSuite::code).toList()));
                }
            });
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<TlsVersion, TreeSet<Integer>> testssl(int port) throws Exception {
        Process p = TESTSSL.get(port);
        assertTrue(p.waitFor(150, TimeUnit.SECONDS), "testssl.sh did not finish for " + port);
        JsonNode all = new ObjectMapper().readTree(work.resolve("testssl-" + port + ".json").toFile());
        Map<TlsVersion, TreeSet<Integer>> out = new EnumMap<>(TlsVersion.class);
        List<TlsVersion> offered = new ArrayList<>();
        for (JsonNode n : all) {
            String id = n.path("id").asText();
            String finding = n.path("finding").asText();
            if (TESTSSL_PROTOCOLS.containsKey(id) && finding.startsWith("offered")) {
                offered.add(TESTSSL_PROTOCOLS.get(id));
            }
            Matcher m = CIPHER_ID.matcher(id);
            if (m.matches()) {
                out.computeIfAbsent(CIPHER_PREFIX.get(m.group(1)), k -> new TreeSet<>()).add(Integer.parseInt(m.group(2), 16));
            }
        }
        assertEquals(new TreeSet<>(offered), new TreeSet<>(out.keySet()), "testssl's protocol list and cipher list agree");
        return out;
    }

    private static Map<TlsVersion, TreeSet<Integer>> sslscan(int port) throws Exception {
        Process p = new ProcessBuilder("sslscan", "--no-colour", "--xml=-", "127.0.0.1:" + port).redirectErrorStream(false).start();
        String xml = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        Map<TlsVersion, TreeSet<Integer>> out = new EnumMap<>(TlsVersion.class);
        Matcher m = Pattern.compile("<cipher status=\"(?:preferred|accepted)\" sslversion=\"([^\"]+)\"[^>]* id=\"0x([0-9A-Fa-f]+)\"").matcher(xml);
        while (m.find()) {
            out.computeIfAbsent(SSLSCAN_CIPHERS.get(m.group(1)), k -> new TreeSet<>()).add(Integer.parseInt(m.group(2), 16));
        }
        Matcher proto = Pattern.compile("<protocol type=\"(ssl|tls)\" version=\"([0-9.]+)\" enabled=\"1\"").matcher(xml);
        List<TlsVersion> enabled = new ArrayList<>();
        while (proto.find()) {
            enabled.add(SSLSCAN_PROTOCOLS.get(proto.group(1) + proto.group(2)));
        }
        assertEquals(new TreeSet<>(enabled), new TreeSet<>(out.keySet()), "sslscan's protocol list and cipher list agree");
        return out;
    }

    @Test
    void modernVhost() throws Exception {
        agree(10443);
    }

    @Test
    void legacyVhost() throws Exception {
        agree(10444);
    }

    private static void agree(int port) throws Exception {
        Map<TlsVersion, TreeSet<Integer>> ours = tomaudit(port);
        assertTrue(!ours.isEmpty(), "tomaudit found nothing on " + port);
        Map<TlsVersion, TreeSet<Integer>> sslscan = sslscan(port);
        assertEquals(hex(sslscan), hex(ours), "sslscan vs tomaudit on " + port);
        Map<TlsVersion, TreeSet<Integer>> testssl = testssl(port);
        assertEquals(hex(testssl), hex(ours), "testssl.sh vs tomaudit on " + port + " (log: "
                + Files.readString(work.resolve("testssl-" + port + ".log")).lines().limit(5).toList() + ")");
    }

    private static Map<TlsVersion, List<String>> hex(Map<TlsVersion, TreeSet<Integer>> m) {
        Map<TlsVersion, List<String>> out = new EnumMap<>(TlsVersion.class);
        m.forEach((v, s) -> out.put(v, s.stream().map(c -> String.format("0x%04x", c)).toList()));
        return out;
    }
}
