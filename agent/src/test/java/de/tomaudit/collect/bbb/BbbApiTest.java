package de.tomaudit.collect.bbb;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Unavailable;
import de.tomaudit.rules.Evaluation;
import de.tomaudit.rules.Rule;
import de.tomaudit.rules.RuleEvaluator;
import de.tomaudit.rules.RuleLoader;
import de.tomaudit.target.DirEntry;
import de.tomaudit.target.DirTarget;
import de.tomaudit.target.FileContent;
import de.tomaudit.target.FileStat;
import de.tomaudit.target.Limits;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import de.tomaudit.testsupport.TestPaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The signed API replayed on 127.0.0.1 with WireMock: the documentation's responses and the project's canaries. */
class BbbApiTest {
    private static final String SALT = "Zk3p9Qx7Lm2Vb8Nc4Rt6Yw1Ed5Fg0Hj";
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

    /** The checksum as BigBlueButton's API documentation defines it, computed here independently. */
    static String checksum(String algorithm, String call, String query) throws Exception {
        MessageDigest d = MessageDigest.getInstance(algorithm);
        return HexFormat.of().formatHex(d.digest((call + query + SALT).getBytes(StandardCharsets.UTF_8)));
    }

    private String serverUrl() {
        return "http://bbb.example.org:" + server.port();
    }

    private BbbApi api(String algorithm) {
        return new BbbApi(serverUrl(), "127.0.0.1", new ApiSigner(SALT), algorithm, Duration.ofSeconds(20));
    }

    private void stub(String call, String checksum, String body) {
        server.stubFor(get(urlPathEqualTo("/bigbluebutton/api/" + call)).withQueryParam("checksum", equalTo(checksum))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(body)));
    }

    private static String resource(String name) throws Exception {
        return new String(BbbApiTest.class.getResourceAsStream("/bbb/" + name).readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void signsWithTheStrongestAllowedAlgorithmAndKeepsOnlyCounts() throws Exception {
        assertEquals("sha512", ApiSigner.choose("sha1,sha256,sha384,sha512"));
        assertEquals("sha256", ApiSigner.choose("sha1, sha256"));
        stub("getMeetings", checksum("SHA-512", "getMeetings", ""), resource("getMeetings-canary.xml"));
        stub("getRecordings", checksum("SHA-512", "getRecordings", "state=any"), resource("getRecordings.xml"));
        FactSet.Builder b = FactSet.builder();
        api("sha512").put(BbbRoot.NOW, b);
        FactSet f = b.build();
        Map<?, ?> m = (Map<?, ?>) f.get("bbb.api").orElseThrow(() -> new AssertionError(f.unavailable().toString())).value();
        assertEquals(2L, m.get("meetings"));
        assertEquals(2L, m.get("meetings_running"));
        assertEquals(1L, m.get("meetings_recording"));
        assertEquals(2L, m.get("recordings"));
        assertEquals(Duration.between(java.time.Instant.ofEpochMilli(1764000000000L), BbbRoot.NOW).getSeconds(),
                m.get("recordings_oldest_age_seconds"));
        server.verify(getRequestedFor(urlPathEqualTo("/bigbluebutton/api/getMeetings"))
                .withHeader("Host", equalTo("bbb.example.org:" + server.port())));
        assertFalse(BbbCollectorTest.everything(f).contains("CANARY"));
    }

    @Test
    void theDocumentationsGetMeetingsIsNotWellFormedAndGivesAClearError() throws Exception {
        String docs = Files.readString(TestPaths.sharedFixture("bigbluebutton").resolve("api-getMeetings-response.docs.xml"));
        stub("getMeetings", checksum("SHA-256", "getMeetings", ""), docs);
        FactSet.Builder b = FactSet.builder();
        api("sha256").put(BbbRoot.NOW, b);
        Unavailable u = b.build().whyMissing("bbb.api").orElseThrow();
        assertEquals(Unavailable.Kind.ERROR, u.kind());
        assertTrue(u.reason().startsWith("getMeetings response:10: not well-formed XML"), u.reason());
        assertFalse(u.reason().contains("Demo Meeting"));
    }

    @Test
    void theDocumentationsCreateResponseIsRefusedTooAndTheChecksumErrorIsNamed() throws Exception {
        Path f = TestPaths.sharedFixture("bigbluebutton");
        stub("getMeetings", checksum("SHA-256", "getMeetings", ""), Files.readString(f.resolve("api-checksumError-response.docs.xml")));
        FactSet.Builder b = FactSet.builder();
        api("sha256").put(BbbRoot.NOW, b);
        String reason = b.build().whyMissing("bbb.api").orElseThrow().reason();
        assertTrue(reason.contains("returncode FAILED") && reason.contains("checksumError"), reason);

        server.resetAll();
        stub("getMeetings", checksum("SHA-256", "getMeetings", ""), Files.readString(f.resolve("api-create-response.docs.xml")));
        FactSet.Builder c = FactSet.builder();
        api("sha256").put(BbbRoot.NOW, c);
        assertTrue(c.build().whyMissing("bbb.api").orElseThrow().reason().contains("not well-formed XML"));
    }

    @Test
    void aWrongChecksumIsNotAnswered() throws Exception {
        stub("getMeetings", checksum("SHA-256", "getMeetings", "x"), resource("getMeetings-canary.xml"));
        FactSet.Builder b = FactSet.builder();
        api("sha256").put(BbbRoot.NOW, b);
        assertTrue(b.build().whyMissing("bbb.api").orElseThrow().reason().contains("HTTP 404"));
    }

    @Test
    void allowFetchAllRecordingsOffIsAValueNotAnError() throws Exception {
        stub("getMeetings", checksum("SHA-256", "getMeetings", ""), "<response><returncode>SUCCESS</returncode><meetings/></response>");
        stub("getRecordings", checksum("SHA-256", "getRecordings", "state=any"),
                "<response><returncode>FAILED</returncode><messageKey>noRecordings</messageKey></response>");
        FactSet.Builder b = FactSet.builder();
        api("sha256").put(BbbRoot.NOW, b);
        Map<?, ?> m = (Map<?, ?>) b.build().get("bbb.api").orElseThrow().value();
        assertEquals(false, m.get("all_recordings_listable"));
        assertEquals(0L, m.get("meetings"));
    }

    /** Canary over the whole pack: collector with the API, then every bbb rule; nothing private in any output. */
    @Test
    void noAttendeeNameOrPasswordReachesFactsFindingsOrErrors(@TempDir Path root) throws Exception {
        BbbRoot r = BbbRoot.upstream(root).write(BbbPaths.WEB_OVERRIDE, "securitySalt=" + SALT
                + "\nbigbluebutton.web.serverURL=" + serverUrl() + "\nsupportedChecksumAlgorithms=sha256,sha384\n");
        stub("getMeetings", checksum("SHA-384", "getMeetings", ""), resource("getMeetings-canary.xml"));
        stub("getRecordings", checksum("SHA-384", "getRecordings", "state=any"), resource("getRecordings.xml"));
        FactSet f = BbbRoot.collect(new ProbeableDir(new DirTarget(root, Limits.DEFAULT)));
        assertEquals("sha384", ((Map<?, ?>) f.get("bbb.api").orElseThrow(() -> new AssertionError(f.unavailable().toString()))
                .value()).get("algorithm"));
        StringBuilder out = new StringBuilder(BbbCollectorTest.everything(f));
        for (Rule rule : RuleLoader.loadDirectory(TestPaths.repo().resolve("rules/bbb"))) {
            Evaluation e = RuleEvaluator.evaluate(rule, f);
            out.append(e.status()).append(e.reason()).append(e.evidence()).append('\n');
        }
        String all = out.toString();
        assertTrue(all.contains("recordings 2"), all);
        for (String canary : List.of("CANARY", "Erika", "Mustermann", "Familie", SALT)) {
            assertFalse(all.contains(canary), canary + " leaked");
        }
    }

    @Test
    void withoutApiCallsNothingIsRequested(@TempDir Path root) throws Exception {
        new BbbRoot(root).write(BbbPaths.WEB_OVERRIDE, "securitySalt=" + SALT + "\nbigbluebutton.web.serverURL=" + serverUrl() + "\n");
        stub("getMeetings", checksum("SHA-256", "getMeetings", ""), "<response><returncode>SUCCESS</returncode><meetings/></response>");
        FactSet.Builder b = FactSet.builder();
        new BbbCollector(java.time.Clock.fixed(BbbRoot.NOW, java.time.ZoneOffset.UTC), Duration.ofSeconds(20)).withoutApiCalls()
                .collect(new ProbeableDir(new DirTarget(root, Limits.DEFAULT)), b);
        Unavailable u = b.build().whyMissing("bbb.api").orElseThrow();
        assertEquals(Unavailable.Kind.NOT_APPLICABLE, u.kind());
        assertTrue(u.reason().contains("--no-probe"), u.reason());
        assertEquals(0, server.getAllServeEvents().size(), "no request reached the server");
    }

    /** A dir: root that has a probe address, as an SSH target has (test only: every method delegates). */
    private record ProbeableDir(DirTarget dir) implements Target {
        @Override public String name() { return dir.name(); }
        @Override public String address() { return dir.address(); }
        @Override public boolean canRunCommands() { return false; }
        @Override public FileContent read(String path) throws TargetException { return dir.read(path); }
        @Override public FileContent readBytes(String path) throws TargetException { return dir.readBytes(path); }
        @Override public Optional<FileStat> stat(String path) throws TargetException { return dir.stat(path); }
        @Override public List<DirEntry> list(String d) throws TargetException { return dir.list(d); }
        @Override public de.tomaudit.target.CommandResult run(de.tomaudit.target.Command c) throws TargetException { return dir.run(c); }
        @Override public List<String> glob(String pattern) throws TargetException { return dir.glob(pattern); }
        @Override public Optional<String> probeHost() { return Optional.of("127.0.0.1"); }
    }
}
