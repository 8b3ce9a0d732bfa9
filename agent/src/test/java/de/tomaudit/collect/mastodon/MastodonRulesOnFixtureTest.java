package de.tomaudit.collect.mastodon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okForContentType;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import de.tomaudit.collect.host.LogrotateCollector;
import de.tomaudit.collect.host.NginxCollector;
import de.tomaudit.audit.AuditOptions;
import de.tomaudit.audit.TargetAuditor;
import de.tomaudit.collect.policy.PolicyCollector;
import de.tomaudit.facts.FactSet;
import de.tomaudit.policy.PolicyClaims;
import de.tomaudit.policy.PolicyFile;
import de.tomaudit.probe.ProbePhase;
import de.tomaudit.result.Finding;
import de.tomaudit.result.TargetResult;
import de.tomaudit.target.ssh.SshOptions;
import de.tomaudit.facts.Fact;
import de.tomaudit.i18n.AppEvidenceLanguageTest;
import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.mastodondb.MastodonDbSettings;
import de.tomaudit.probe.ProbeSettings;
import de.tomaudit.result.Status;
import de.tomaudit.rules.Evaluation;
import de.tomaudit.rules.Rule;
import de.tomaudit.rules.RuleEvaluator;
import de.tomaudit.rules.RuleLoader;
import de.tomaudit.target.Command;
import de.tomaudit.target.CommandResult;
import de.tomaudit.target.DirEntry;
import de.tomaudit.target.DirTarget;
import de.tomaudit.target.FileContent;
import de.tomaudit.target.FileStat;
import de.tomaudit.target.Limits;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import de.tomaudit.testsupport.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upstream files as they are (env.production.sample of the 4.x layout, dist/nginx.conf, the
 * documentation's API examples replayed by WireMock on 127.0.0.1), collected and judged by the
 * mastodon rules; the live phase takes the instance's domain from .env.production.
 */
public class MastodonRulesOnFixtureTest {
    private static List<Rule> rules;
    private WireMockServer api;

    @BeforeAll
    static void load() throws Exception {
        rules = new java.util.ArrayList<>(RuleLoader.loadDirectory(TestPaths.repo().resolve("rules/mastodon")));
        assertEquals(18, rules.size());
        rules.addAll(RuleLoader.loadDirectory(TestPaths.repo().resolve("rules/policy")));
    }

    @BeforeEach
    void start() throws Exception {
        Path f = TestPaths.sharedFixture("mastodon");
        api = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        api.start();
        for (String[] s : new String[][] {{"/api/v2/instance", "api_v2_instance.mastodon.social.json"},
                {"/api/v1/instance/privacy_policy", "api_v1_instance_privacy_policy.json"},
                {"/api/v1/instance/rules", "api_v1_instance_rules.json"},
                {"/api/v1/instance/extended_description", "api_v1_instance_extended_description.json"},
                {"/.well-known/nodeinfo", "well-known-nodeinfo.json"}, {"/nodeinfo/2.0", "nodeinfo-2.0.mastodon.json"}}) {
            api.stubFor(get(urlEqualTo(s[0])).willReturn(okForContentType("application/json", Files.readString(f.resolve(s[1])))));
        }
        api.stubFor(get(urlEqualTo("/api/v1/instance/terms_of_service")).willReturn(aResponse().withStatus(404)));
    }

    @AfterEach
    void stop() {
        if (api != null) { // null when the test was skipped: no shared fixtures beside this clone
            api.stop();
        }
    }

    /** The upstream Mastodon files (shared/fixtures/mastodon; skips without them) as a host's root below {@code tmp}. */
    public static Path root(Path tmp, boolean rotated) throws Exception {
        Path f = TestPaths.sharedFixture("mastodon");
        Path live = tmp.resolve("home/mastodon/live");
        Files.createDirectories(live.resolve("lib/mastodon"));
        Files.copy(f.resolve("env.production.sample.v4-layout"), live.resolve(".env.production"));
        Files.writeString(live.resolve("lib/mastodon/version.rb"), MastodonCollectorTest.VERSION_RB);
        Files.createDirectories(tmp.resolve("etc/systemd/system"));
        Files.writeString(tmp.resolve("etc/systemd/system/mastodon-sidekiq.service"), MastodonCollectorTest.SIDEKIQ_UNIT.formatted(""));
        Files.createDirectories(tmp.resolve("etc/nginx/sites-enabled"));
        Files.copy(f.resolve("dist-nginx.conf"), tmp.resolve("etc/nginx/sites-enabled/mastodon"));
        Files.writeString(tmp.resolve("etc/nginx/nginx.conf"), "events {}\nhttp {\n  include /etc/nginx/sites-enabled/*;\n}\n");
        Files.createDirectories(tmp.resolve("etc/logrotate.d"));
        Files.writeString(tmp.resolve("etc/logrotate.conf"), "weekly\nrotate 4\ninclude /etc/logrotate.d\n");
        if (rotated) {
            Files.writeString(tmp.resolve("etc/logrotate.d/nginx"), "/var/log/nginx/*.log {\n  daily\n  rotate 14\n}\n");
        }
        return tmp;
    }

    private final Map<String, Evaluation> evaluations = new LinkedHashMap<>();

    /** The live phase (API answers) gives its evidence in the audit's language, like the collectors (issue 12 point 7). */
    @Test
    void theLivePhasesEvidenceIsInTheAuditsLanguage(@TempDir Path tmp) throws Exception {
        Target t = new Loopback(new DirTarget(root(tmp, true), Limits.DEFAULT));
        FactSet.Builder b = FactSet.builder();
        new MastodonCollector().collect(t, b);
        FactSet collected = b.build();
        ProbeSettings probes = new ProbeSettings(true, Duration.ofSeconds(10), Duration.ofSeconds(10), 1, 1,
                Duration.ofSeconds(30), List.of());
        MastodonLivePhase live = new MastodonLivePhase("http", api.port(), "tomaudit-test");
        FactSet en = AuditTexts.with("en", () -> live.run(t, Set.of("host", "mastodon"), collected, probes, MastodonDbSettings.NONE));
        FactSet de = AuditTexts.with("de", () -> live.run(t, Set.of("host", "mastodon"), collected, probes, MastodonDbSettings.NONE));
        List<String> english = new java.util.ArrayList<>();
        int compared = 0;
        for (Fact f : en.all().values()) {
            List<de.tomaudit.facts.Evidence> other = de.get(f.key()).orElseThrow().evidence();
            for (int i = 0; i < f.evidence().size(); i++) {
                String text = f.evidence().get(i).value();
                compared++;
                if (text.equals(other.get(i).value()) && AppEvidenceLanguageTest.isEnglish(text)) {
                    english.add(f.key() + ": " + text);
                }
            }
        }
        assertEquals(List.of(), english);
        assertTrue(compared >= 5, "evidence lines of the live phase compared: " + compared);
        assertTrue(de.get("mastodon.api.instance").orElseThrow().evidence().get(0).value().contains("Registrierung"));
    }

    private Map<String, Status> audit(Path root) {
        Target t = new Loopback(new DirTarget(root, Limits.DEFAULT));
        FactSet.Builder b = FactSet.builder();
        new MastodonCollector().collect(t, b);
        new NginxCollector().collect(t, b);
        new LogrotateCollector().collect(t, b);
        FactSet collected = b.build();
        ProbeSettings probes = new ProbeSettings(true, Duration.ofSeconds(10), Duration.ofSeconds(10), 1, 1,
                Duration.ofSeconds(30), List.of());
        FactSet live = new MastodonLivePhase("http", api.port(), "tomaudit-test")
                .run(t, Set.of("host", "mastodon"), collected, probes, MastodonDbSettings.NONE);
        FactSet facts = FactSet.builder().addAll(collected).addAll(live).build();
        Map<String, Status> out = new LinkedHashMap<>();
        for (Rule r : rules) {
            Evaluation e = RuleEvaluator.evaluate(r, facts);
            String id = r.id().startsWith("mastodon.") ? r.id().substring("mastodon.".length()) : r.id();
            out.put(id, e.status());
            evaluations.put(id, e);
        }
        return out;
    }

    @Test
    void upstreamFilesAndDocumentationExamples(@TempDir Path tmp) throws Exception {
        Map<String, Status> s = audit(root(tmp, true));
        api.verify(getRequestedFor(urlEqualTo("/api/v2/instance")).withHeader("Host", equalTo("example.com:" + api.port())));
        assertEquals(Status.FAIL, s.get("registrations"), s.toString());
        assertEquals(Status.PASS, s.get("contact"));
        assertEquals(Status.FAIL, s.get("privacy-policy"), "the documentation's example is the built-in template");
        // the built-in template's promises, checked as policy claims citing the template
        assertEquals(Status.PASS, s.get("policy.log-retention"), "nginx logs 14 days < 90");
        assertEquals(Status.NOT_APPLICABLE, s.get("policy.ip-retention"), "holds on the configuration, unproven without the database");
        assertEquals(Status.PASS, s.get("policy.encryption"), "dist/nginx.conf: port 80 redirects, 443 serves TLS");
        assertEquals(Status.PASS, s.get("policy.password-storage"));
        assertEquals(Status.FAIL, s.get("policy.claim-unverifiable"), "minimum age and third parties: documented by hand");
        assertEquals(Status.NOT_APPLICABLE, s.get("policy.archive-retention"), "the template states no archive");
        String claim = evaluations.get("policy.log-retention").evidence().get(0).source();
        assertEquals("http://example.com:" + api.port() + "/api/v1/instance/privacy_policy (built-in template, "
                + "config/templates/privacy-policy.md:71)", claim);
        assertEquals(Status.PASS, s.get("server-rules"));
        assertEquals(Status.PASS, s.get("terms"), "no terms endpoint (404), the extended description has content");
        assertEquals(Status.FAIL, s.get("secrets-strength"), "the sample leaves every secret blank");
        assertEquals(Status.PASS, s.get("db-tls"), "DB_HOST is the local socket");
        assertEquals(Status.PASS, s.get("scheduler"));
        assertEquals(Status.PASS, s.get("nginx-tls"), "dist/nginx.conf: TLS 1.2/1.3, HSTS one year, port 80 redirects");
        // the sample relays mail through smtp.mailgun.org (US): a third-country processor is an info failure, never the exit code
        assertEquals(Status.FAIL, s.get("processors"));
        assertEquals(Status.NOT_APPLICABLE, s.get("ip-retention"));
        assertEquals(Status.NOT_APPLICABLE, s.get("admin-2fa"));
        assertEquals(Status.FAIL, s.get("cert-renewal"));
    }

    @Test
    void unrotatedAccessLogFailsTheVhostAndTheTemplatesLogPromise(@TempDir Path tmp) throws Exception {
        Map<String, Status> s = audit(root(tmp, false));
        assertEquals(Status.FAIL, s.get("nginx-tls"), s.toString());
        assertEquals(Status.FAIL, s.get("policy.log-retention"), "the template's 90 days: an unrotated access log");
    }

    private TargetResult auditWhole(Path root, Optional<PolicyClaims> claims) {
        List<de.tomaudit.collect.Collector> collectors = new java.util.ArrayList<>(List.of(new MastodonCollector(),
                new NginxCollector(), new LogrotateCollector()));
        claims.ifPresent(c -> collectors.add(new PolicyCollector(c)));
        ProbeSettings probes = new ProbeSettings(true, Duration.ofSeconds(2), Duration.ofSeconds(10), 1, 1,
                Duration.ofSeconds(30), List.of());
        AuditOptions options = new AuditOptions(Set.of("host", "mastodon"), rules, List.of(), "en", 1, Limits.DEFAULT,
                SshOptions.defaults(), claims, probes, MastodonDbSettings.NONE);
        return new TargetAuditor(collectors, new ProbePhase("tomaudit-test"),
                new MastodonLivePhase("http", api.port(), "tomaudit-test")).audit(new Loopback(new DirTarget(root, Limits.DEFAULT)), options);
    }

    private static Map<String, Finding> byRule(TargetResult r) {
        Map<String, Finding> out = new LinkedHashMap<>();
        r.findings().forEach(f -> assertTrue(out.put(f.ruleId(), f) == null, "one finding per rule: " + f.ruleId()));
        return out;
    }

    @Test
    void withoutAClaimsFileTheTemplatesPromisesAreFindingsThatCiteTheTemplate(@TempDir Path tmp) throws Exception {
        Map<String, Finding> f = byRule(auditWhole(root(tmp, true), Optional.empty()));
        Finding logs = f.get("policy.log-retention");
        assertEquals(Status.PASS, logs.status(), f.keySet().toString());
        assertEquals("claim: logs.retention: 90 days (\"Retain server logs containing the IP address of all requests to this"
                + " server, in so far as such logs are kept, no more than 90 days.\")", logs.evidence().get(0).value());
        assertTrue(logs.evidence().get(0).source().endsWith("/api/v1/instance/privacy_policy (built-in template, "
                + "config/templates/privacy-policy.md:71)"), logs.evidence().get(0).source());
        assertTrue(logs.evidence().stream().anyMatch(e -> e.value().contains("rotated by /etc/logrotate.d/nginx:1, kept 14 days")),
                logs.evidence().toString());
        assertEquals(Status.NOT_APPLICABLE, f.get("policy.ip-retention").status(), "unproven without the database");
        assertEquals(Status.NOT_APPLICABLE, f.get("policy.upload-retention").status(), "the template states no upload period");
    }

    @Test
    void aClaimsFileWinsWhereItStatesThePromiseAndTheTemplateFillsTheRest(@TempDir Path tmp) throws Exception {
        PolicyClaims own = PolicyFile.parse("notice.yaml", "claims:\n  logs:\n    retention: 7 days\n");
        Map<String, Finding> f = byRule(auditWhole(root(tmp, true), Optional.of(own)));
        Finding logs = f.get("policy.log-retention");
        assertEquals(Status.FAIL, logs.status(), "nginx keeps 14 days, the operator's notice says 7");
        assertEquals("notice.yaml:3", logs.evidence().get(0).source());
        String ipReason = f.get("policy.ip-retention").reason();
        assertTrue(ipReason.contains("database verification not configured"),
                "the template's IP claim stands, unproven without the database (not an absent claim of the file): " + ipReason);
        assertEquals(Status.PASS, f.get("policy.encryption").status(), "the template's HTTPS promise");
    }

    @Test
    void anOwnPrivacyPolicyBringsNoClaims(@TempDir Path tmp) throws Exception {
        api.stubFor(get(urlEqualTo("/api/v1/instance/privacy_policy")).willReturn(okForContentType("application/json",
                "{\"updated_at\":\"2024-05-01T10:00:00.000Z\",\"content\":\"<p>Our own policy</p>\"}")));
        Map<String, Finding> f = byRule(auditWhole(root(tmp, true), Optional.empty()));
        assertEquals(Status.PASS, f.get("mastodon.privacy-policy").status());
        assertTrue(f.keySet().stream().noneMatch(id -> id.startsWith("policy.")), f.keySet().toString());
    }

    /** The fixture root as a live host at 127.0.0.1, where the WireMock replay listens. */
    private record Loopback(DirTarget files) implements Target {
        @Override public String name() { return "fixture"; }
        @Override public String address() { return "fixture"; }
        @Override public boolean canRunCommands() { return false; }
        @Override public FileContent read(String path) throws TargetException { return files.read(path); }
        @Override public Optional<FileStat> stat(String path) throws TargetException { return files.stat(path); }
        @Override public List<DirEntry> list(String dir) throws TargetException { return files.list(dir); }
        @Override public CommandResult run(Command command) throws TargetException { return files.run(command); }
        @Override public Optional<String> probeHost() { return Optional.of("127.0.0.1"); }
    }
}
