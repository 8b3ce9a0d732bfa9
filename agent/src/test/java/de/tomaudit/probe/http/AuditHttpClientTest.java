package de.tomaudit.probe.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;
import de.tomaudit.probe.MisbehavingServer;
import de.tomaudit.probe.TestCertificates;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** The one factory of the agent's HTTP clients: pinned address, name as Host and SNI, no verification, no redirects. */
class AuditHttpClientTest {
    private static final String NAME = "social.example.invalid";
    private static final Duration SHORT = Duration.ofMillis(700);

    /** What the server saw of each request: Host header, SNI, User-Agent. */
    private record Seen(String host, String sni, String userAgent) { }

    private static HttpsServer selfSignedServer(List<Seen> seen) throws Exception {
        // a certificate no trust store knows, for another name: a verifying client would refuse it twice over
        var leaf = TestCertificates.selfSigned(TestCertificates.ec256(), "other.example.org");
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(TestCertificates.serverContext(leaf)));
        server.createContext("/", x -> {
            String sni = "";
            if (((HttpsExchange) x).getSSLSession() instanceof ExtendedSSLSession s) {
                sni = s.getRequestedServerNames().stream().filter(n -> n instanceof SNIHostName)
                        .map(n -> ((SNIHostName) n).getAsciiName()).findFirst().orElse("");
            }
            seen.add(new Seen(x.getRequestHeaders().getFirst("Host"), sni, x.getRequestHeaders().getFirst("User-Agent")));
            x.getResponseHeaders().add("Location", "https://elsewhere.example.org/");
            x.sendResponseHeaders(302, -1);
            x.close();
        });
        server.start();
        return server;
    }

    @Test
    void connectsToThePinnedAddressWithTheNameAsHostAndSniAcceptsAnyCertificateAndFollowsNoRedirect() throws Exception {
        List<Seen> seen = new CopyOnWriteArrayList<>();
        HttpsServer server = selfSignedServer(seen);
        OkHttpClient client = AuditHttpClient.pinned(InetAddress.getLoopbackAddress(), SHORT, SHORT, SHORT.multipliedBy(2),
                "tomaudit-test");
        try (Response r = client.newCall(new Request.Builder()
                .url("https://" + NAME + ":" + server.getAddress().getPort() + "/api/v2/instance").build()).execute()) {
            assertEquals(302, r.code(), "the redirect is the caller's to see, not followed");
            assertEquals("https://elsewhere.example.org/", r.header("Location"));
        } finally {
            AuditHttpClient.close(client);
            server.stop(0);
        }
        assertEquals(List.of(new Seen(NAME + ":" + server.getAddress().getPort(), NAME, "tomaudit-test")), seen);
        assertTrue(client.dispatcher().executorService().isShutdown());
        assertEquals(0, client.connectionPool().connectionCount());
    }

    @Test
    void repinnedKeepsTheTrustAndTheAgentButGoesToTheNewAddress() throws Exception {
        List<Seen> seen = new CopyOnWriteArrayList<>();
        HttpsServer server = selfSignedServer(seen);
        // pinned first to an address nothing listens on (TEST-NET-1, RFC 5737), then re-pinned to the server
        OkHttpClient base = AuditHttpClient.pinned(InetAddress.getByName("192.0.2.1"), SHORT, SHORT, SHORT, "tomaudit-test");
        try (Response r = AuditHttpClient.repinned(base, InetAddress.getLoopbackAddress(), SHORT.multipliedBy(2))
                .newCall(new Request.Builder().url("https://" + NAME + ":" + server.getAddress().getPort() + "/").build())
                .execute()) {
            assertEquals(302, r.code());
        } finally {
            AuditHttpClient.close(base);
            server.stop(0);
        }
        assertEquals(1, seen.size());
        assertEquals(NAME, seen.get(0).sni());
        assertEquals("tomaudit-test", seen.get(0).userAgent());
    }

    @Test
    void aServerThatNeverAnswersEndsInTheTimeout() throws Exception {
        OkHttpClient client = AuditHttpClient.pinned(InetAddress.getLoopbackAddress(), SHORT, SHORT, SHORT.multipliedBy(2), "");
        try (var silent = new MisbehavingServer(MisbehavingServer.SILENCE)) {
            IOException e = assertThrows(IOException.class, () -> client.newCall(new Request.Builder()
                    .url("http://" + NAME + ":" + silent.port() + "/").build()).execute().close());
            assertTrue(e instanceof InterruptedIOException, e.toString());
        } finally {
            AuditHttpClient.close(client);
        }
    }

    @Test
    void ipv6LiteralsGoIntoBrackets() {
        assertEquals("[2001:db8::1]", AuditHttpClient.urlHost("2001:db8::1"));
        assertEquals("[2001:db8::1]", AuditHttpClient.urlHost("[2001:db8::1]"));
        assertEquals(NAME, AuditHttpClient.urlHost(NAME));
    }
}
