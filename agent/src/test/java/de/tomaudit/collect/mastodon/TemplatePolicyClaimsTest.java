package de.tomaudit.collect.mastodon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.collect.policy.PolicyCollector;
import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.policy.PolicyClaims;
import de.tomaudit.policy.PolicyFile;
import de.tomaudit.result.Status;
import de.tomaudit.rules.Evaluation;
import de.tomaudit.rules.Rule;
import de.tomaudit.rules.RuleEvaluator;
import de.tomaudit.rules.RuleLoader;
import de.tomaudit.testsupport.TestPaths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The built-in privacy policy's promises are claims like a user's: the same promise written in a
 * --policy file and coming from the template gives the same finding (status and the configuration
 * and data evidence); only the claim's source differs, which cites the template.
 */
class TemplatePolicyClaimsTest {
    private static final String URL = "https://social.example/api/v1/instance/privacy_policy";
    /** The template's checkable promises as an operator would transcribe them. */
    private static final String SAME_PROMISES = """
            claims:
              logs:
                retention: 90 days
              ip_addresses:
                retention: 12 months
              encryption:
                https: required
              passwords: hashed
            """;
    private static List<Rule> rules;

    @BeforeAll
    static void load() throws Exception {
        rules = RuleLoader.loadDirectory(TestPaths.repo().resolve("rules/policy")).stream()
                .filter(r -> List.of("policy.ip-retention", "policy.log-retention", "policy.encryption",
                        "policy.password-storage").contains(r.id()))
                .toList();
        assertEquals(4, rules.size());
    }

    /** A Mastodon host; {@code variant} breaks one promise of the template (or none). */
    private static FactSet.Builder host(String variant) {
        FactSet.Builder b = FactSet.builder();
        b.put("mastodon.installed", true, new Evidence("/home/mastodon/live", "Mastodon"));
        b.put("mastodon.env.domain", Map.of("web", "social.example", "local", "social.example"),
                new Evidence("/home/mastodon/live/.env.production:1", "LOCAL_DOMAIN=social.example"));
        b.put("mastodon.env.ip_retention", Map.of("seconds", variant.equals("ip-config") ? 63_113_904L : 31_556_952L,
                "numeric", true), new Evidence("/home/mastodon/live/.env.production:9", "IP_RETENTION_PERIOD"));
        b.put("mastodon.scheduler", Map.of("scheduler_configured", true, "sidekiq_running", "yes"),
                new Evidence("/etc/systemd/system/mastodon-sidekiq.service:12", "-q scheduler"));
        b.put("mastodon.db.ip", List.of(Map.of("table", "login_activities", "overdue", variant.equals("ip-data") ? 4L : 0L,
                "forever", 0L, "oldest_days", variant.equals("ip-data") ? 400L : 300L)),
                new Evidence("tomaudit_ro@localhost:5432/mastodon", "login_activities: oldest 300 days"));
        b.put("logrotate.ip_logs", List.of(Map.of("path", "/var/log/nginx/access.log", "product", "nginx", "covered", true,
                "bounded", true, "retention_days", variant.equals("logs") ? 365L : 14L)),
                new Evidence("/etc/logrotate.d/nginx:1", "daily, rotate 14"));
        b.put("nginx.servers", List.of(
                Map.of("server_name", List.of("social.example"), "ssl", false, "redirects_to_https", !variant.equals("http")),
                Map.of("server_name", List.of("social.example"), "ssl", true, "redirects_to_https", false)),
                new Evidence("/etc/nginx/sites-enabled/mastodon:1", "server"));
        return b;
    }

    private static Map<String, Evaluation> evaluate(String variant, PolicyClaims claims) {
        FactSet.Builder b = host(variant);
        new PolicyCollector(claims).collect(null, b);
        FactSet facts = b.build();
        Map<String, Evaluation> out = new java.util.TreeMap<>();
        rules.forEach(r -> out.put(r.id(), RuleEvaluator.evaluate(r, facts)));
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "ip-config", "ip-data", "logs", "http"})
    void theSamePromiseFromAFileAndFromTheTemplateGivesTheSameFinding(String variant) throws Exception {
        Map<String, Evaluation> file = evaluate(variant, PolicyFile.parse("notice.yaml", SAME_PROMISES));
        Map<String, Evaluation> template = evaluate(variant, TemplatePolicyClaims.of(URL, "social.example"));
        for (String id : file.keySet()) {
            Evaluation f = file.get(id);
            Evaluation t = template.get(id);
            assertEquals(f.status(), t.status(), id + " " + variant);
            // the claim's own line differs (file:line against the template's URL), wherever the why put it
            assertEquals(1, f.evidence().stream().filter(e -> e.value().startsWith("claim: ")).count(), id);
            assertEquals(1, t.evidence().stream().filter(e -> e.value().startsWith("claim: ")).count(), id);
            assertEquals(f.evidence().stream().filter(e -> !e.value().startsWith("claim: ")).toList(),
                    t.evidence().stream().filter(e -> !e.value().startsWith("claim: ")).toList(),
                    id + ": the configuration and data evidence");
            Evidence fileClaim = f.evidence().stream().filter(e -> e.value().startsWith("claim: ")).findFirst().orElseThrow();
            Evidence templateClaim = t.evidence().stream().filter(e -> e.value().startsWith("claim: ")).findFirst().orElseThrow();
            assertTrue(fileClaim.source().startsWith("notice.yaml:"), fileClaim.toString());
            assertTrue(templateClaim.source().startsWith(URL + " (built-in template, config/templates/privacy-policy.md:"),
                    templateClaim.toString());
            // among the three lines a console shows
            assertTrue(t.evidence().indexOf(templateClaim) < 3, t.evidence().toString());
        }
        Map<String, Status> expected = new java.util.TreeMap<>(Map.of("policy.ip-retention", Status.PASS,
                "policy.log-retention", Status.PASS, "policy.encryption", Status.PASS, "policy.password-storage", Status.PASS));
        switch (variant) {
            case "ip-config", "ip-data" -> expected.put("policy.ip-retention", Status.FAIL);
            case "logs" -> expected.put("policy.log-retention", Status.FAIL);
            case "http" -> expected.put("policy.encryption", Status.FAIL);
            default -> { }
        }
        Map<String, Status> actual = new java.util.TreeMap<>();
        template.forEach((id, e) -> actual.put(id, e.status()));
        assertEquals(expected, actual, variant);
    }

    @Test
    void theOperatorsFileWinsWhereBothStateAPromiseAndTheTemplateFillsTheRest() throws Exception {
        PolicyClaims own = PolicyFile.parse("notice.yaml", "claims:\n  logs:\n    retention: 7 days\n");
        Map<String, Evaluation> e = evaluate("none", own.orElse(TemplatePolicyClaims.of(URL, "social.example")));
        assertEquals(Status.FAIL, e.get("policy.log-retention").status(), "the operator's 7 days, nginx keeps 14");
        assertEquals("notice.yaml:3", e.get("policy.log-retention").evidence().get(0).source());
        assertEquals(Status.PASS, e.get("policy.ip-retention").status(), "the template's 12 months");
        assertTrue(e.get("policy.ip-retention").evidence().get(0).source().endsWith("privacy-policy.md:73)"));
    }

    @Test
    void theTemplateStatesExactlyItsCheckableAndDocumentedPromises() {
        PolicyClaims t = TemplatePolicyClaims.of(URL, "social.example");
        assertEquals(90L * 86_400, t.logs().retention().orElseThrow().value().seconds());
        assertEquals(31_556_952L, t.ipAddresses().orElseThrow().value().seconds(), "Mastodon's 1.year");
        assertEquals("required", t.encryption().https().orElseThrow().value());
        assertEquals("hashed", t.passwords().orElseThrow().value());
        assertTrue(t.archive().retention().isEmpty() && t.uploads().isEmpty() && t.registration().isEmpty()
                && t.recordings().isEmpty() && t.logs().ipAddresses().isEmpty());
        assertEquals(2, t.other().size(), "minimum age and third parties: for the TOM document");
    }
}
