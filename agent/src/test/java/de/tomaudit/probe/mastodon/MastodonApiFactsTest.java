package de.tomaudit.probe.mastodon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okForContentType;
import static com.github.tomakehurst.wiremock.client.WireMock.temporaryRedirect;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Unavailable;
import de.tomaudit.testsupport.TestPaths;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Mastodon API as the documentation's examples show it, replayed by WireMock on 127.0.0.1. */
class MastodonApiFactsTest {
    private WireMockServer server;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private static String fixture(String name) throws IOException {
        return Files.readString(TestPaths.sharedFixture("mastodon").resolve(name));
    }

    private void json(String path, String body) {
        server.stubFor(get(urlEqualTo(path)).willReturn(okForContentType("application/json; charset=utf-8", body)));
    }

    private void documentationExamples() throws IOException {
        json("/api/v2/instance", fixture("api_v2_instance.mastodon.social.json"));
        json("/api/v1/instance/privacy_policy", fixture("api_v1_instance_privacy_policy.json"));
        json("/api/v1/instance/rules", fixture("api_v1_instance_rules.json"));
        json("/.well-known/nodeinfo", fixture("well-known-nodeinfo.json"));
        json("/nodeinfo/2.0", fixture("nodeinfo-2.0.mastodon.json"));
        json("/api/v1/instance/extended_description", fixture("api_v1_instance_extended_description.json"));
        server.stubFor(get(urlEqualTo("/api/v1/instance/terms_of_service")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"Record not found\"}")));
    }

    private FactSet collect(int port) throws MastodonApiException {
        FactSet.Builder b = FactSet.builder();
        try (MastodonApiClient c = new MastodonApiClient("http", "example.org", port, "127.0.0.1",
                Duration.ofSeconds(10), Duration.ofSeconds(10), "tomaudit-test")) {
            MastodonApiFacts.collect(c, b);
        }
        return b.build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(FactSet f, String key) {
        return (Map<String, Object>) f.get(key).orElseThrow(() -> new AssertionError(key + ": " + f.whyMissing(key))).value();
    }

    @Test
    void documentationExamplesGiveTheFacts() throws Exception {
        documentationExamples();
        FactSet f = collect(server.port());
        Map<String, Object> i = map(f, "mastodon.api.instance");
        assertEquals("v2", i.get("api"));
        assertEquals(true, i.get("registrations_enabled"));
        assertEquals(false, i.get("approval_required"));
        assertEquals(16L, i.get("min_age"));
        assertEquals(true, i.get("contact_email"));
        assertEquals(true, i.get("contact_account"));
        assertEquals(true, map(f, "mastodon.api.privacy_policy").get("builtin"), "updated_at 2022-10-07 is the template");
        assertEquals(6L, map(f, "mastodon.api.rules").get("count"));
        assertEquals("extended_description", map(f, "mastodon.api.terms").get("via"));
        assertEquals("mastodon", map(f, "mastodon.api.nodeinfo").get("software"));
        // the instance's domain went in the Host header, the connection to 127.0.0.1
        server.verify(getRequestedFor(urlEqualTo("/api/v2/instance")).withHeader("Host", equalTo("example.org:" + server.port())));
        // no e-mail address of the instance in any fact
        String all = f.all().values().toString();
        assertFalse(all.contains("@"), all);
    }

    @Test
    void olderInstanceWithoutV2FallsBackToV1() throws Exception {
        documentationExamples();
        server.stubFor(get(urlEqualTo("/api/v2/instance")).willReturn(aResponse().withStatus(404)));
        json("/api/v1/instance", fixture("api_v1_instance.deprecated.json"));
        Map<String, Object> i = map(collect(server.port()), "mastodon.api.instance");
        assertEquals("v1", i.get("api"));
        assertEquals(-1L, i.get("min_age"));
    }

    @Test
    void htmlIsAnErrorOfThatEndpointOnly() throws Exception {
        documentationExamples();
        server.stubFor(get(urlEqualTo("/api/v1/instance/rules")).willReturn(okForContentType("text/html",
                "<!DOCTYPE html><html><body>Mastodon</body></html>")));
        FactSet f = collect(server.port());
        Unavailable u = f.whyMissing("mastodon.api.rules").orElseThrow();
        assertEquals(Unavailable.Kind.ERROR, u.kind());
        assertEquals("http", u.stage());
        assertTrue(u.reason().contains("not JSON") && u.reason().contains("HTML"), u.reason());
        assertTrue(f.get("mastodon.api.instance").isPresent());
    }

    @Test
    void serverErrorRedirectLoopAndEmptyAnswerAreErrorsWithTheirUrl() throws Exception {
        documentationExamples();
        server.stubFor(get(urlEqualTo("/api/v2/instance")).willReturn(aResponse().withStatus(500).withBody("oops")));
        server.stubFor(get(urlEqualTo("/api/v1/instance/privacy_policy")).willReturn(temporaryRedirect("/api/v1/instance/privacy_policy")));
        server.stubFor(get(urlEqualTo("/.well-known/nodeinfo")).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
        FactSet f = collect(server.port());
        assertTrue(f.whyMissing("mastodon.api.instance").orElseThrow().reason().contains("HTTP 500"));
        assertTrue(f.whyMissing("mastodon.api.privacy_policy").orElseThrow().reason().contains("redirect"));
        Unavailable n = f.whyMissing("mastodon.api.nodeinfo").orElseThrow();
        assertEquals("http", n.stage());
        assertTrue(n.reason().contains("/.well-known/nodeinfo"), n.reason());
        assertTrue(f.get("mastodon.api.rules").isPresent());
    }

    @Test
    void nothingListeningIsOneErrorForTheWholeApi() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        FactSet f = collect(port);
        Unavailable u = f.whyMissing("mastodon.api.rules").orElseThrow();
        assertEquals("mastodon.api", u.key());
        assertTrue(u.reason().contains("refused"), u.reason());
        assertTrue(f.all().isEmpty());
    }

    @Test
    void ownPolicyIsNotTheTemplate() throws Exception {
        documentationExamples();
        json("/api/v1/instance/privacy_policy", "{\"updated_at\":\"2024-05-01T10:00:00.000Z\",\"content\":\"<p>Unsere Erklärung</p>\"}");
        assertEquals(false, map(collect(server.port()), "mastodon.api.privacy_policy").get("builtin"));
    }

}
