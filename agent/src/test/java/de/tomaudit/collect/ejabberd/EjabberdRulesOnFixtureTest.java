package de.tomaudit.collect.ejabberd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.facts.FactSet;
import de.tomaudit.result.Status;
import de.tomaudit.rules.Evaluation;
import de.tomaudit.rules.Rule;
import de.tomaudit.rules.RuleEvaluator;
import de.tomaudit.rules.RuleLoader;
import de.tomaudit.rules.Severity;
import de.tomaudit.target.DirTarget;
import de.tomaudit.target.Limits;
import de.tomaudit.testsupport.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The upstream and Debian configurations as they are, collected and judged by every rule of rules/ejabberd. */
class EjabberdRulesOnFixtureTest {
    private static List<Rule> rules;

    @BeforeAll
    static void load() throws Exception {
        rules = RuleLoader.loadDirectory(TestPaths.repo().resolve("rules/ejabberd"));
        assertEquals(15, rules.size());
    }

    private static Map<String, Evaluation> audit(Path root) {
        FactSet.Builder b = FactSet.builder();
        new EjabberdCollector().collect(new DirTarget(root, Limits.DEFAULT), b);
        FactSet facts = b.build();
        Map<String, Evaluation> out = new LinkedHashMap<>();
        for (Rule r : rules) {
            out.put(r.id().substring("ejabberd.".length()), RuleEvaluator.evaluate(r, facts));
        }
        return out;
    }

    /** A root with the upstream files of shared/fixtures/ejabberd (skipped on a clone without ../shared). */
    private static Path root(Path tmp, String yml, String ctl) throws IOException {
        Path etc = tmp.resolve("etc/ejabberd");
        Files.createDirectories(etc);
        Files.copy(TestPaths.sharedFixture("ejabberd").resolve(yml), etc.resolve("ejabberd.yml"));
        if (ctl != null) {
            Files.copy(TestPaths.sharedFixture("ejabberd").resolve(ctl), etc.resolve("ejabberdctl.cfg"));
        }
        return tmp;
    }

    private static void expect(Map<String, Evaluation> got, Map<String, Status> want) {
        StringBuilder wrong = new StringBuilder();
        want.forEach((id, status) -> {
            Evaluation e = got.get(id);
            if (e.status() != status) {
                wrong.append('\n').append(id).append(": ").append(e.status()).append(" (").append(e.reason()).append(") ")
                        .append(e.evidence());
            }
        });
        assertEquals(want.keySet(), got.keySet());
        assertTrue(wrong.isEmpty(), wrong.toString());
    }

    private static Map<String, Status> statuses(Object... pairs) {
        Map<String, Status> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Status) pairs[i + 1]);
        }
        return m;
    }

    @Test
    void upstreamExample(@TempDir Path tmp) throws IOException {
        Map<String, Evaluation> got = audit(root(tmp, "ejabberd.yml.example", "ejabberdctl.cfg.example"));
        expect(got, statuses(
                "c2s-starttls-required", Status.PASS, "s2s-starttls-required", Status.FAIL,
                "password-format", Status.FAIL, "sensitive-log-data", Status.FAIL, "log-level", Status.PASS,
                "log-rotation", Status.PASS, "mam-retention", Status.FAIL, "mam-default", Status.FAIL,
                "upload-retention", Status.FAIL, "registration", Status.PASS, "web-admin-exposure", Status.FAIL,
                "api-exposure", Status.PASS, "erlang-distribution", Status.FAIL, "tls-options", Status.FAIL,
                "config-unparseable", Status.PASS));
        assertEquals(Severity.CRITICAL, got.get("password-format").severity(), "23.01 stores plain text by default");
        assertTrue(got.get("web-admin-exposure").evidence().stream()
                .anyMatch(e -> e.source().equals("/etc/ejabberd/ejabberd.yml:63") && e.value().contains("5280")),
                got.get("web-admin-exposure").evidence().toString());
        assertTrue(got.get("s2s-starttls-required").evidence().stream()
                .anyMatch(e -> e.source().equals("/etc/ejabberd/ejabberd.yml:85")), got.get("s2s-starttls-required").evidence().toString());
    }

    @Test
    void containerExampleWithMacros(@TempDir Path tmp) throws IOException {
        Map<String, Evaluation> got = audit(root(tmp, "ejabberd.yml.container-example", null));
        expect(got, statuses(
                "c2s-starttls-required", Status.PASS, "s2s-starttls-required", Status.FAIL,
                "password-format", Status.FAIL, "sensitive-log-data", Status.FAIL, "log-level", Status.PASS,
                "log-rotation", Status.PASS, "mam-retention", Status.FAIL, "mam-default", Status.FAIL,
                "upload-retention", Status.FAIL, "registration", Status.PASS, "web-admin-exposure", Status.FAIL,
                "api-exposure", Status.PASS, "erlang-distribution", Status.FAIL, "tls-options", Status.FAIL,
                "config-unparseable", Status.PASS));
        assertTrue(got.get("c2s-starttls-required").evidence().stream()
                .anyMatch(e -> e.value().contains("ejabberd_c2s ::") && e.value().contains("5222")), "port via macro PORT_C2S");
    }

    @Test
    void debianPackage() {
        Map<String, Evaluation> got = audit(TestPaths.debianRoot());
        expect(got, statuses(
                "c2s-starttls-required", Status.PASS, "s2s-starttls-required", Status.PASS,
                "password-format", Status.FAIL, "sensitive-log-data", Status.FAIL, "log-level", Status.PASS,
                "log-rotation", Status.FAIL, "mam-retention", Status.NOT_APPLICABLE, "mam-default", Status.NOT_APPLICABLE,
                "upload-retention", Status.NOT_APPLICABLE, "registration", Status.PASS, "web-admin-exposure", Status.PASS,
                "api-exposure", Status.PASS, "erlang-distribution", Status.FAIL, "tls-options", Status.PASS,
                "config-unparseable", Status.PASS));
        assertEquals(Severity.MEDIUM, got.get("password-format").severity(), "SCRAM with the default SHA-1");
    }

    @Test
    void brokenConfigurationGivesTheUnparseableFindingAndErrorsElsewhere(@TempDir Path tmp) throws IOException {
        Path etc = tmp.resolve("etc/ejabberd");
        Files.createDirectories(etc);
        Files.writeString(etc.resolve("ejabberd.yml"), "define_macro:\n  A: B\n  B: A\nhosts: [x]\n");
        Map<String, Evaluation> got = audit(tmp);
        assertEquals(Status.FAIL, got.get("config-unparseable").status());
        assertTrue(got.get("config-unparseable").evidence().stream().anyMatch(e -> e.source().equals("/etc/ejabberd/ejabberd.yml:2")
                || e.source().equals("/etc/ejabberd/ejabberd.yml:3")), got.get("config-unparseable").evidence().toString());
        assertEquals(Status.ERROR, got.get("c2s-starttls-required").status());
        assertEquals(Status.ERROR, got.get("password-format").status());
        assertEquals(Status.FAIL, got.get("erlang-distribution").status(), "ejabberdctl defaults are still known");
    }
}
