package de.tomaudit.collect.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.facts.Fact;
import de.tomaudit.facts.FactSet;
import de.tomaudit.parse.nginx.NginxConfig;
import de.tomaudit.parse.nginx.NginxDump;
import de.tomaudit.parse.nginx.NginxIncludeResolver;
import de.tomaudit.target.Limits;
import de.tomaudit.target.LocalTarget;
import de.tomaudit.testsupport.TestPaths;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Against the two real nginx servers of the test bed (scripts/testbed.d/nginx.sh): the facts
 * from {@code nginx -T -p PREFIX -c CONF} and from parsing the files must agree, and say what the
 * configs are: weak (legacy TLS, full IPs, no HSTS, no redirect) and hardened (the opposite).
 */
class NginxIT {

    private static Path conf(String variant) {
        return TestPaths.testbed("nginx/" + variant + "/nginx.conf");
    }

    private static void assertListening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        } catch (IOException e) {
            throw new AssertionError("nothing listens on 127.0.0.1:" + port
                    + ": start the test bed with scripts/testbed start nginx", e);
        }
    }

    /** Runs the real binary's effective-config dump on the test-bed config. */
    private static String dump(Path conf) throws Exception {
        Path prefix = conf.getParent();
        Process p = new ProcessBuilder("/usr/sbin/nginx", "-T", "-e", prefix.resolve("logs/error.log").toString(),
                "-p", prefix + "/", "-c", conf.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(15, TimeUnit.SECONDS), "nginx -T did not finish");
        assertEquals(0, p.exitValue(), "nginx -T failed on " + conf);
        return new String(out, StandardCharsets.UTF_8);
    }

    private static FactSet viaDump(Path conf) throws Exception {
        NginxDump dump = NginxDump.parse(dump(conf));
        assertEquals(conf.toString(), dump.mainFile());
        NginxConfig config = NginxIncludeResolver.load(dump, dump.mainFile());
        assertTrue(config.problems().isEmpty(), config.problems().toString());
        FactSet.Builder b = FactSet.builder();
        NginxFacts.put(config, Optional.empty(), b);
        return b.build();
    }

    private static FactSet viaFiles(Path conf) {
        NginxConfig config = NginxIncludeResolver.load(new NginxTargetSource(new LocalTarget(Limits.DEFAULT)), conf.toString());
        assertTrue(config.problems().isEmpty(), config.problems().toString());
        FactSet.Builder b = FactSet.builder();
        NginxFacts.put(config, Optional.empty(), b);
        return b.build();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(FactSet f, String key) {
        return (List<Map<String, Object>>) f.get(key).orElseThrow(() -> new AssertionError(key + ": " + f.whyMissing(key))).value();
    }

    private static Map<String, Object> server(FactSet f, String listen) {
        return list(f, "nginx.servers").stream().filter(s -> ((List<?>) s.get("listen")).get(0).toString().startsWith(listen))
                .findFirst().orElseThrow(() -> new AssertionError("no server listening on " + listen));
    }

    @Test
    void weakServerHasLegacyProtocolsFullIpLogsNoHstsNoRedirect() throws Exception {
        assertListening(9080);
        assertListening(9443);
        FactSet f = viaDump(conf("weak"));
        Map<String, Object> plain = server(f, "127.0.0.1:9080");
        assertEquals(false, plain.get("ssl"));
        assertEquals(false, plain.get("redirects_to_https"));
        Map<String, Object> tls = server(f, "127.0.0.1:9443 ssl");
        assertEquals(true, tls.get("ssl"));
        assertTrue(((List<?>) tls.get("ssl_protocols")).containsAll(List.of("TLSv1", "TLSv1.1")), tls.toString());
        assertEquals(false, tls.get("hsts"));
        assertEquals("on", tls.get("server_tokens"));
        List<Map<String, Object>> logs = list(f, "nginx.access_logs");
        assertFalse(logs.isEmpty());
        assertTrue(logs.stream().allMatch(l -> Boolean.TRUE.equals(l.get("logs_full_ip"))), logs.toString());
        assertTrue(logs.get(0).get("source").toString().endsWith("/nginx/weak/conf.d/10-logging.conf:2"), logs.toString());
    }

    @Test
    void hardenedServerHasModernProtocolsHstsRedirectAndNoFullIps() throws Exception {
        assertListening(8080);
        assertListening(8443);
        FactSet f = viaDump(conf("hardened"));
        assertEquals(true, server(f, "127.0.0.1:8080").get("redirects_to_https"));
        Map<String, Object> tls = server(f, "127.0.0.1:8443 ssl");
        assertEquals(List.of("TLSv1.2", "TLSv1.3"), tls.get("ssl_protocols"));
        assertEquals(true, tls.get("hsts"));
        assertEquals(31_536_000L, tls.get("hsts_max_age"));
        assertEquals(List.of(), tls.get("hsts_dropped_in"));
        assertEquals("off", tls.get("server_tokens"));
        List<Map<String, Object>> logs = list(f, "nginx.access_logs");
        assertFalse(logs.isEmpty());
        assertTrue(logs.stream().noneMatch(l -> Boolean.TRUE.equals(l.get("logs_full_ip"))), logs.toString());
        assertEquals("privacy", logs.get(0).get("format"));
    }

    @Test
    void theDumpAndTheFilesGiveTheSameFacts() throws Exception {
        for (String variant : List.of("weak", "hardened")) {
            FactSet a = viaDump(conf(variant));
            FactSet b = viaFiles(conf(variant));
            for (String key : List.of("nginx.servers", "nginx.access_logs", "nginx.log_formats", "nginx.config_files")) {
                Fact x = a.get(key).orElseThrow();
                Fact y = b.get(key).orElseThrow();
                assertEquals(y.value(), x.value(), variant + " " + key);
                assertEquals(y.evidence(), x.evidence(), variant + " " + key);
            }
        }
    }

    @Test
    void theAccessLogTheWeakServerWritesReallyHoldsTheClientAddress() throws Exception {
        assertListening(9080);
        try (Socket s = new Socket("127.0.0.1", 9080)) {
            s.getOutputStream().write("GET /it-probe HTTP/1.0\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            s.getInputStream().readAllBytes();
        }
        Map<String, Object> log = list(viaDump(conf("weak")), "nginx.access_logs").get(0);
        String written = Files.readString(Path.of(log.get("path").toString()));
        assertTrue(written.lines().anyMatch(l -> l.startsWith("127.0.0.1 ") && l.contains("/it-probe")), written);
    }

    @Test
    void theCollectorOnThisMachineUsesNginxDashT() {
        FactSet.Builder b = FactSet.builder();
        new NginxCollector().collect(new LocalTarget(Limits.DEFAULT), b);
        FactSet f = b.build();
        assertEquals(true, f.get("nginx.installed").orElseThrow().value());
        assertEquals("command: nginx -T", f.get("nginx.config_source").orElseThrow().value(),
                f.get("nginx.config_source").orElseThrow().evidence().toString());
        assertTrue(f.get("nginx.servers").isPresent(), String.valueOf(f.whyMissing("nginx.servers")));
        assertTrue(f.get("nginx.version").isPresent(), String.valueOf(f.whyMissing("nginx.version")));
    }
}
