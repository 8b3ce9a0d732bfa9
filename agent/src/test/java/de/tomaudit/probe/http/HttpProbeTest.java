package de.tomaudit.probe.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import de.tomaudit.probe.Endpoint;
import de.tomaudit.probe.MisbehavingServer;
import de.tomaudit.probe.ProbeBudget;
import de.tomaudit.probe.ProbeException;
import de.tomaudit.probe.ProbeSettings;
import de.tomaudit.probe.TestCertificates;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HttpProbeTest {
    private static final ProbeSettings SETTINGS = new ProbeSettings(true, Duration.ofMillis(500), Duration.ofMillis(800), 2, 2,
            Duration.ofSeconds(10), List.of());

    private static Endpoint endpoint(int port, boolean tls) {
        return new Endpoint("127.0.0.1", port, Endpoint.Protocol.HTTP, Endpoint.StartTls.NONE, tls, "www.example.org",
                "test", "test", Endpoint.Origin.OPTION);
    }

    @Test
    void plainRedirectIsSeenNotFollowedAndTheServiceNameIsTheHost() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicReference<String> host = new AtomicReference<>();
        server.createContext("/", x -> {
            host.set(x.getRequestHeaders().getFirst("Host"));
            x.getResponseHeaders().add("Location", "https://www.example.org/");
            x.sendResponseHeaders(301, -1);
            x.close();
        });
        server.start();
        try (HttpProbe probe = new HttpProbe(SETTINGS, new ProbeBudget(SETTINGS.budget()), "tomaudit-test")) {
            HttpObservation o = probe.probe(endpoint(server.getAddress().getPort(), false));
            assertEquals(301, o.status());
            assertEquals("https://www.example.org/", o.header("location").orElseThrow());
            assertEquals("www.example.org:" + server.getAddress().getPort(), host.get());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void headersOverHttps() throws Exception {
        var root = TestCertificates.root("http root");
        var leaf = TestCertificates.leaf(TestCertificates.intermediate(root, "http int"), "www.example.org");
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(TestCertificates.serverContext(leaf)));
        server.createContext("/", x -> {
            x.getResponseHeaders().add("Strict-Transport-Security", "max-age=15552000; includeSubDomains");
            x.getResponseHeaders().add("Server", "nginx/1.22.1");
            x.getResponseHeaders().add("X-Content-Type-Options", "nosniff");
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        server.start();
        try (HttpProbe probe = new HttpProbe(SETTINGS, new ProbeBudget(SETTINGS.budget()), "tomaudit-test")) {
            HttpObservation o = probe.probe(endpoint(server.getAddress().getPort(), true));
            assertEquals(200, o.status());
            assertEquals("max-age=15552000; includeSubDomains", o.header("strict-transport-security").orElseThrow());
            assertEquals("nginx/1.22.1", o.header("server").orElseThrow());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void failuresAreProbeExceptions() throws Exception {
        try (HttpProbe probe = new HttpProbe(SETTINGS, new ProbeBudget(SETTINGS.budget()), "tomaudit-test");
             var silent = new MisbehavingServer(MisbehavingServer.SILENCE);
             var ssh = new MisbehavingServer(MisbehavingServer.GARBAGE)) {
            assertEquals(ProbeException.Kind.REFUSED, assertThrows(ProbeException.class,
                    () -> probe.probe(endpoint(MisbehavingServer.closedPort(), false))).kind());
            assertEquals(ProbeException.Kind.TIMEOUT, assertThrows(ProbeException.class,
                    () -> probe.probe(endpoint(silent.port(), false))).kind());
            ProbeException garbage = assertThrows(ProbeException.class, () -> probe.probe(endpoint(ssh.port(), false)));
            assertTrue(garbage.kind() == ProbeException.Kind.GARBAGE, garbage.kind() + ": " + garbage.getMessage());
            ProbeException notTls = assertThrows(ProbeException.class, () -> probe.probe(endpoint(ssh.port(), true)));
            assertTrue(notTls.getMessage().contains("127.0.0.1:" + ssh.port()), notTls.getMessage());
        }
    }
}
