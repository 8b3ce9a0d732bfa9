package de.tomaudit.collect.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.facts.FactSet;
import de.tomaudit.result.Status;
import de.tomaudit.rules.Evaluation;
import de.tomaudit.rules.RuleEvaluator;
import de.tomaudit.rules.RuleParser;
import de.tomaudit.rules.Severity;
import de.tomaudit.target.DirTarget;
import de.tomaudit.target.Limits;
import de.tomaudit.testsupport.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PostgreSQL rules over facts the collector made from real and varied config files. */
class PostgresRulesTest {

    @TempDir
    Path root;

    private static FactSet collect(Path root) {
        FactSet.Builder b = FactSet.builder();
        new PostgresCollector().collect(new DirTarget(root, Limits.DEFAULT), b);
        return b.build();
    }

    @Test
    void debianDefaultPassesBothRules() throws Exception {
        FactSet facts = collect(TestPaths.debianRoot());
        Evaluation auth = rule("postgres-auth.yaml", facts);
        Evaluation listen = rule("postgres-listen.yaml", facts);
        assertEquals(Status.PASS, auth.status(), auth.reason());
        assertEquals(Status.PASS, listen.status(), listen.reason());
        assertTrue(listen.evidence().stream().anyMatch(e -> e.source().startsWith("default: listen_addresses")));
    }

    @Test
    void trustOnPublicNetIsCriticalAndListenStarWithoutSslFails() throws Exception {
        write("etc/postgresql/15/main/postgresql.conf", "listen_addresses = '*'\n");
        write("etc/postgresql/15/main/pg_hba.conf", "local all all peer\nhost all all 0.0.0.0/0 trust\n");
        FactSet facts = collect(root);
        Evaluation auth = rule("postgres-auth.yaml", facts);
        assertEquals(Status.FAIL, auth.status());
        assertEquals(Severity.CRITICAL, auth.severity());
        assertTrue(auth.evidence().stream().anyMatch(e -> e.source().equals("/etc/postgresql/15/main/pg_hba.conf:2")));
        assertEquals(Status.FAIL, rule("postgres-listen.yaml", facts).status());
    }

    @Test
    void trustOnLocalOnlyIsMedium() throws Exception {
        write("etc/postgresql/15/main/postgresql.conf", "");
        write("etc/postgresql/15/main/pg_hba.conf", "local all all trust\nhost all all 127.0.0.1/32 trust\n");
        Evaluation auth = rule("postgres-auth.yaml", collect(root));
        assertEquals(Status.FAIL, auth.status());
        assertEquals(Severity.MEDIUM, auth.severity());
    }

    @Test
    void publicListenerWithSslAndHostsslScramPasses() throws Exception {
        write("etc/postgresql/15/main/postgresql.conf", "listen_addresses = '*'\nssl = on\n");
        write("etc/postgresql/15/main/pg_hba.conf", "local all all peer\nhostssl app app 10.0.0.0/24 scram-sha-256\n"
                + "host all all 0.0.0.0/0 reject\n");
        assertEquals(Status.PASS, rule("postgres-listen.yaml", collect(root)).status());
    }

    @Test
    void includeLoopGivesErrorNotPass() throws Exception {
        write("etc/postgresql/15/main/postgresql.conf", "include 'postgresql.conf'\n");
        write("etc/postgresql/15/main/pg_hba.conf", "local all all peer\n");
        Evaluation e = rule("postgres-listen.yaml", collect(root));
        assertEquals(Status.ERROR, e.status());
        assertTrue(e.reason().contains("postgresql.conf:1"), e.reason());
    }

    @Test
    void notInstalledIsNotApplicable() throws Exception {
        assertEquals(Status.NOT_APPLICABLE, rule("postgres-auth.yaml", collect(root)).status());
    }

    static Evaluation rule(String ruleFile, FactSet facts) throws Exception {
        Path file = TestPaths.repo().resolve("rules/host").resolve(ruleFile);
        return RuleEvaluator.evaluate(RuleParser.parse(file.toString(), Files.readString(file)), facts);
    }

    private void write(String rel, String text) throws Exception {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }
}
