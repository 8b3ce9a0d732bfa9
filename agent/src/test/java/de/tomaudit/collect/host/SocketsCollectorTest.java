package de.tomaudit.collect.host;

import de.tomaudit.testsupport.CannedTarget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Unavailable;
import de.tomaudit.result.Status;
import de.tomaudit.rules.Evaluation;
import de.tomaudit.rules.RuleEvaluator;
import de.tomaudit.rules.RuleParser;
import de.tomaudit.target.DirTarget;
import de.tomaudit.target.Limits;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import de.tomaudit.testsupport.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocketsCollectorTest {

    @TempDir
    Path root;

    static FactSet collect(Target t) {
        FactSet.Builder b = FactSet.builder();
        new SocketsCollector().collect(t, b);
        return b.build();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(FactSet f, String key) {
        return (List<Map<String, Object>>) f.get(key).orElseThrow(() -> new AssertionError(key + ": " + f.whyMissing(key))).value();
    }

    static Evaluation rule(FactSet facts) throws Exception {
        Path file = TestPaths.repo().resolve("rules/host/exposed-services.yaml");
        return RuleEvaluator.evaluate(RuleParser.parse(file.toString(), Files.readString(file)), facts);
    }

    private static Set<String> services(FactSet f) {
        return list(f, "sockets.sensitive_public").stream()
                .map(m -> m.get("service") + " " + m.get("address") + ":" + m.get("port")).collect(Collectors.toSet());
    }

    @Test
    void ssOutputGivesProcessesPublicFlagsAndSensitiveServices() throws Exception {
        FactSet f = collect(new CannedTarget(root).answer("ss-listening", 0,
                Captures.capture("ss-listening.txt"), ""));
        assertEquals("ss", f.get("sockets.source").orElseThrow().value());
        List<Map<String, Object>> all = list(f, "sockets.listening");
        assertEquals(13, all.size());
        Map<String, Object> local = all.stream().filter(m -> m.get("port").equals(8080L)).findFirst().orElseThrow();
        assertEquals(false, local.get("public"));
        assertEquals("python3", local.get("process"));
        assertEquals(9, list(f, "sockets.public").size());
        assertEquals(Set.of("redis 0.0.0.0:6379", "redis :::6379", "postgresql 0.0.0.0:5432", "postgresql :::5432",
                "epmd 192.0.2.10:4369", "prosody-admin 2001:db8::10:5582"), services(f));
        assertTrue(f.get("sockets.sensitive_public").orElseThrow().evidence().stream()
                .anyMatch(e -> e.source().equals("command: ss -H -tulpn") && e.value().contains("(postgres) [postgresql]")));
        assertEquals(Status.FAIL, rule(f).status());
    }

    @Test
    void onlyLoopbackSensitiveServicesPass() throws Exception {
        String ss = "tcp LISTEN 0 244 127.0.0.1:5432 0.0.0.0:* users:((\"postgres\",pid=10,fd=5))\n"
                + "tcp LISTEN 0 511 [::1]:6379 [::]:* users:((\"redis-server\",pid=11,fd=7))\n"
                + "tcp LISTEN 0 128 0.0.0.0:22 0.0.0.0:* users:((\"sshd\",pid=1,fd=3))\n"
                + "tcp LISTEN 0 128 *:443 *:* users:((\"nginx\",pid=2,fd=6))\n";
        FactSet f = collect(new CannedTarget(root).answer("ss-listening", 0, ss, ""));
        assertEquals(2, list(f, "sockets.public").size());
        assertTrue(list(f, "sockets.sensitive_public").isEmpty());
        assertEquals(Status.PASS, rule(f).status());
    }

    @Test
    void erlangDistributionIsABeamProcessOnANonApplicationPort() throws Exception {
        String ss = "tcp LISTEN 0 5 0.0.0.0:5222 0.0.0.0:* users:((\"beam.smp\",pid=7,fd=20))\n"
                + "tcp LISTEN 0 5 0.0.0.0:40123 0.0.0.0:* users:((\"beam.smp\",pid=7,fd=17))\n"
                + "tcp LISTEN 0 5 127.0.0.1:40124 0.0.0.0:* users:((\"beam.smp\",pid=8,fd=17))\n"
                + "tcp LISTEN 0 5 0.0.0.0:4369 0.0.0.0:* users:((\"epmd\",pid=6,fd=3))\n";
        FactSet f = collect(new CannedTarget(root).answer("ss-listening", 0, ss, ""));
        assertEquals(Set.of("erlang-distribution 0.0.0.0:40123", "epmd 0.0.0.0:4369"), services(f));
    }

    @Test
    void withoutSsTheKernelTablesAreRead() throws Exception {
        for (String t : List.of("tcp", "tcp6", "udp", "udp6")) {
            Path p = root.resolve("proc/net/" + t);
            Files.createDirectories(p.getParent());
            Files.writeString(p, Captures.capture("proc-net-" + t + ".txt"));
        }
        FactSet f = collect(new CannedTarget(root)); // ss "not installed"
        assertEquals("proc", f.get("sockets.source").orElseThrow().value());
        assertEquals(13, list(f, "sockets.listening").size());
        assertTrue(list(f, "sockets.listening").stream().allMatch(m -> m.get("process").equals("")));
        assertEquals(Set.of("redis 0.0.0.0:6379", "redis :::6379", "postgresql 0.0.0.0:5432", "postgresql :::5432",
                "epmd 192.0.2.10:4369", "prosody-admin 2001:db8::10:5582"), services(f));
        assertTrue(f.get("sockets.public").orElseThrow().evidence().get(0).source().startsWith("/proc/net/tcp:"));

        FactSet denied = collect(new CannedTarget(root).answer("ss-listening", 1, "", "Cannot open netlink socket"));
        assertEquals("proc", denied.get("sockets.source").orElseThrow().value(), "a failing ss falls back too");
    }

    @Test
    void garbageFromSsFallsBackAndGarbageEverywhereIsAnError() throws Exception {
        Path p = root.resolve("proc/net/tcp");
        Files.createDirectories(p.getParent());
        Files.writeString(p, "  sl  local_address\n   0: nothex:zz 00000000:0000 0A\n");
        FactSet f = collect(new CannedTarget(root).answer("ss-listening", 0, "total garbage\n\u0007\u0008\n", ""));
        Unavailable u = f.whyMissing("sockets.public").orElseThrow();
        assertEquals(Unavailable.Kind.ERROR, u.kind());
        assertTrue(u.reason().contains("/proc/net/tcp:2"), u.reason());
        assertEquals(Status.ERROR, rule(f).status());
    }

    @Test
    void dirTargetWithoutProcIsNotApplicable() throws Exception {
        FactSet f = collect(new DirTarget(TestPaths.debianRoot(), Limits.DEFAULT));
        Unavailable u = f.whyMissing("sockets.listening").orElseThrow();
        assertEquals(Unavailable.Kind.NOT_APPLICABLE, u.kind());
        assertTrue(u.reason().contains("commands cannot run"), u.reason());
        assertEquals(Status.NOT_APPLICABLE, rule(f).status());
    }

    @Test
    void timeoutOfSsFallsBackToProc() throws Exception {
        FactSet f = collect(new CannedTarget(root).fail("ss-listening", TargetException.Reason.TIMEOUT,
                "ss -H -tulpn did not finish within 15 s"));
        Unavailable u = f.whyMissing("sockets.listening").orElseThrow();
        assertTrue(u.reason().contains("did not finish"), u.reason());
    }

    @Test
    void planHasTheCommandAndTheProcFiles() {
        List<String> what = new SocketsCollector().plan().stream().map(a -> a.what()).toList();
        assertTrue(what.contains("ss -H -tulpn"));
        assertTrue(what.containsAll(SocketsCollector.PROC_FILES));
    }
}
