package de.tomaudit.collect.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Secret;
import de.tomaudit.facts.Unavailable;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisCollectorTest {

    @TempDir
    Path root;

    private FactSet collect() {
        FactSet.Builder b = FactSet.builder();
        new RedisCollector().collect(new DirTarget(root, Limits.DEFAULT), b);
        return b.build();
    }

    private Object value(FactSet f, String key) {
        return f.get(key).orElseThrow(() -> new AssertionError(key + ": " + f.whyMissing(key))).value();
    }

    private void write(String rel, String text) throws Exception {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private String debian() throws Exception {
        return Files.readString(Path.of(getClass().getResource("/de/tomaudit/capture/redis-debian12.conf").toURI()));
    }

    static Evaluation rule(FactSet facts) throws Exception {
        Path file = TestPaths.repo().resolve("rules/host/redis-exposure.yaml");
        return RuleEvaluator.evaluate(RuleParser.parse(file.toString(), Files.readString(file)), facts);
    }

    @Test
    void debianPackageDefaultIsLoopbackWithoutPassword() throws Exception {
        write("etc/redis/redis.conf", debian());
        FactSet f = collect();
        assertEquals(true, value(f, "redis.installed"));
        assertEquals(List.of("127.0.0.1", "-::1"), value(f, "redis.bind"));
        assertEquals(true, value(f, "redis.loopback_only"));
        assertEquals(6379L, value(f, "redis.port"));
        assertEquals(true, value(f, "redis.tcp_enabled"));
        assertEquals(true, value(f, "redis.protected_mode"));
        assertEquals(false, value(f, "redis.password_set"));
        assertTrue(f.get("redis.requirepass").isEmpty());
        assertEquals("/etc/redis/redis.conf:87", f.get("redis.bind").orElseThrow().evidence().get(0).source());
        assertEquals(Status.PASS, rule(f).status());
    }

    @Test
    void bindCommentedOutMeansAllInterfaces() throws Exception {
        write("etc/redis/redis.conf", debian().replace("\nbind 127.0.0.1 -::1\n", "\n# bind 127.0.0.1 -::1\n")
                .replace("protected-mode yes", "protected-mode no"));
        FactSet f = collect();
        assertEquals(List.of("*", "-::*"), value(f, "redis.bind"));
        assertEquals(false, value(f, "redis.loopback_only"));
        assertEquals(false, value(f, "redis.protected_mode"));
        assertTrue(f.get("redis.bind").orElseThrow().evidence().get(0).source().startsWith("default:"));
        Evaluation e = rule(f);
        assertEquals(Status.FAIL, e.status());
        assertEquals(Severity.CRITICAL, e.severity());
    }

    @Test
    void publicBindWithRequirepassPassesAndKeepsOnlyTheSecret() throws Exception {
        write("etc/redis/redis.conf", "bind 0.0.0.0\nrequirepass \"correct horse battery staple\"\n");
        FactSet f = collect();
        assertEquals(true, value(f, "redis.password_set"));
        assertEquals(Secret.of("correct horse battery staple"), value(f, "redis.requirepass"));
        for (var fact : f.all().values()) {
            for (Evidence e : fact.evidence()) {
                assertFalse(e.value().contains("horse"), e.toString());
            }
        }
        assertEquals(Status.PASS, rule(f).status());
    }

    @Test
    void userDefaultLineOverridesRequirepass() throws Exception {
        write("etc/redis/redis.conf", "bind 0.0.0.0\nrequirepass secret\nuser default on nopass ~* +@all\n");
        FactSet f = collect();
        assertEquals(false, value(f, "redis.password_set"));
        Evaluation e = rule(f);
        assertEquals(Status.FAIL, e.status());
        assertEquals(Severity.HIGH, e.severity(), "protected mode still refuses remote clients");
    }

    @Test
    void aclFileDecidesAndRequirepassIsIgnored() throws Exception {
        write("etc/redis/redis.conf", "bind 0.0.0.0\nrequirepass secret\naclfile /etc/redis/users.acl\n");
        write("etc/redis/users.acl", "user app on >apppw ~app:* +@all\n");
        FactSet f = collect();
        assertEquals(false, value(f, "redis.password_set"), "default not in the ACL file: on nopass");
        List<?> users = (List<?>) value(f, "redis.acl_users");
        assertEquals(1, users.size());
        assertEquals(1L, ((Map<?, ?>) users.get(0)).get("passwords"));

        write("etc/redis/users.acl", "user default on >pw ~* +@all\n");
        assertEquals(true, value(collect(), "redis.password_set"));
        write("etc/redis/users.acl", "user default off nopass\n");
        assertEquals(true, value(collect(), "redis.password_set"), "a disabled default user admits nobody");
    }

    @Test
    void unreadableAclFileIsAnError() throws Exception {
        write("etc/redis/redis.conf", "aclfile /etc/redis/none.acl\n");
        FactSet f = collect();
        Unavailable u = f.whyMissing("redis.password_set").orElseThrow();
        assertEquals(Unavailable.Kind.ERROR, u.kind());
        assertTrue(u.reason().contains("/etc/redis/redis.conf:1"), u.reason());
    }

    @Test
    void portZeroDisablesTcp() throws Exception {
        write("etc/redis/redis.conf", "port 0\nunixsocket /run/redis/redis.sock\n");
        FactSet f = collect();
        assertEquals(false, value(f, "redis.tcp_enabled"));
        assertEquals(Status.PASS, rule(f).status());
    }

    @Test
    void includeLoopAndGarbageAreErrorsNamingTheLine() throws Exception {
        write("etc/redis/redis.conf", "port 6379\ninclude /etc/redis/redis.conf\n");
        Unavailable u = collect().whyMissing("redis.bind").orElseThrow();
        assertEquals(Unavailable.Kind.ERROR, u.kind());
        assertTrue(u.reason().contains("/etc/redis/redis.conf:2"), u.reason());
        write("etc/redis/redis.conf", "port abc\n");
        assertEquals(Unavailable.Kind.ERROR, collect().whyMissing("redis.port").orElseThrow().kind());
        Files.write(root.resolve("etc/redis/redis.conf"), new byte[] {0, 0, 1});
        assertTrue(collect().whyMissing("redis.bind").orElseThrow().reason().contains("binary"));
    }

    @Test
    void hugeConfigIsAnErrorNotAnOutOfMemory() throws Exception {
        Path conf = root.resolve("etc/redis/redis.conf");
        Files.createDirectories(conf.getParent());
        try (var out = Files.newBufferedWriter(conf)) {
            String line = "# " + "x".repeat(1000) + "\n";
            for (int i = 0; i < 5000; i++) {
                out.write(line);
            }
        }
        Unavailable u = collect().whyMissing("redis.password_set").orElseThrow();
        assertEquals(Unavailable.Kind.ERROR, u.kind());
        assertTrue(u.reason().contains("over the limit"), u.reason());
    }

    @Test
    void notInstalledAndBinaryWithoutConfig() throws Exception {
        FactSet f = collect();
        assertEquals(false, value(f, "redis.installed"));
        assertEquals(Unavailable.Kind.NOT_APPLICABLE, f.whyMissing("redis.bind").orElseThrow().kind());
        assertEquals(Status.NOT_APPLICABLE, rule(f).status());
        write("usr/bin/redis-server", "#!/bin/sh\n");
        f = collect();
        assertEquals(true, value(f, "redis.installed"));
        assertEquals(Unavailable.Kind.ERROR, f.whyMissing("redis.bind").orElseThrow().kind());
    }
}
