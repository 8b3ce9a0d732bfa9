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
import de.tomaudit.testsupport.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirewallCollectorTest {

    @TempDir
    Path root;

    private static FactSet collect(Target t) {
        FactSet.Builder b = FactSet.builder();
        new FirewallCollector().collect(t, b);
        return b.build();
    }

    private static Object value(FactSet f, String key) {
        return f.get(key).orElseThrow(() -> new AssertionError(key + ": " + f.whyMissing(key))).value();
    }

    @SuppressWarnings("unchecked")
    private static Set<String> ports(FactSet f) {
        return ((List<Map<String, Object>>) value(f, "firewall.open_ports")).stream()
                .map(m -> m.get("proto") + "/" + m.get("port") + " " + m.get("from") + " " + m.get("family"))
                .collect(Collectors.toSet());
    }

    private static String capture(String name) {
        return Captures.capture(name);
    }

    static Evaluation rule(FactSet facts) throws Exception {
        Path file = TestPaths.repo().resolve("rules/host/firewall.yaml");
        return RuleEvaluator.evaluate(RuleParser.parse(file.toString(), Files.readString(file)), facts);
    }

    @Test
    void liveNftablesWithPolicyDrop() throws Exception {
        FactSet f = collect(new CannedTarget(root).answer("nft-ruleset", 0, capture("nft-ruleset-server.txt"), ""));
        assertEquals(true, value(f, "firewall.active"));
        assertEquals("nft", value(f, "firewall.backend"));
        assertEquals("drop", value(f, "firewall.input_policy"));
        assertEquals("command: nft list ruleset", value(f, "firewall.source"));
        assertEquals(true, value(f, "firewall.ipv6_active"));
        assertEquals(Set.of("tcp/22 any any", "tcp/80 any any", "tcp/443 any any", "tcp/5222 any any",
                "tcp/5269 any any", "udp/3478 any any", "tcp/49152-65535 any any", "tcp/5432 10.0.0.0/8 any",
                "tcp/7443 any any"), ports(f));
        assertTrue(f.get("firewall.open_ports").orElseThrow().evidence().stream()
                .anyMatch(e -> e.source().equals("nft list ruleset:13") && e.value().equals("tcp 22 from any")));
        assertEquals(Status.PASS, rule(f).status());
    }

    @Test
    void debianDefaultNftablesFiltersNothing() throws Exception {
        FactSet f = collect(new CannedTarget(root)
                .answer("nft-ruleset", 0, capture("nft-ruleset-debian-default.txt"), "")
                .answer("iptables-save", 0, capture("iptables-save-empty.txt"), "")
                .answer("ip6tables-save", 0, "", "")
                .answer("ufw-status", 0, capture("ufw-status-inactive.txt"), ""));
        assertEquals(false, value(f, "firewall.active"));
        assertEquals("none", value(f, "firewall.backend"));
        assertEquals("accept", value(f, "firewall.input_policy"));
        Evaluation e = rule(f);
        assertEquals(Status.FAIL, e.status());
    }

    @Test
    void activeUfwDecides() throws Exception {
        FactSet f = collect(new CannedTarget(root)
                .answer("ufw-status", 0, capture("ufw-status-active.txt"), "")
                .answer("nft-ruleset", 0, capture("nft-ruleset-debian-default.txt"), ""));
        assertEquals("ufw", value(f, "firewall.backend"));
        assertEquals(true, value(f, "firewall.active"));
        assertEquals("drop", value(f, "firewall.input_policy"));
        assertEquals(Set.of("tcp/22 any ipv4", "tcp/443 any ipv4", "udp/443 any ipv4", "tcp/5432 10.0.0.0/8 ipv4",
                "tcp/22 any ipv6", "tcp/443 any ipv6", "udp/443 any ipv6"), ports(f));
    }

    @Test
    void iptablesWhenNftShowsNothing() throws Exception {
        FactSet f = collect(new CannedTarget(root)
                .answer("nft-ruleset", 0, "", "")
                .answer("iptables-save", 0, capture("iptables-save-server.txt"), "")
                .answer("ip6tables-save", 0, capture("ip6tables-save-server.txt"), ""));
        assertEquals("iptables", value(f, "firewall.backend"));
        assertEquals(true, value(f, "firewall.ipv4_active"));
        assertEquals(true, value(f, "firewall.ipv6_active"), "ip6tables ends in a catch-all REJECT");
        assertTrue(ports(f).contains("tcp/6379 any ipv6"));
        assertTrue(ports(f).contains("tcp/16384-32768 any ipv4"));
        assertTrue(ports(f).stream().noneMatch(p -> p.startsWith("all/")), "iif lo accept is not an open port");
    }

    @Test
    void ufwTablesInIptablesAreFollowedThroughJumps() throws Exception {
        FactSet f = collect(new CannedTarget(root).answer("iptables-save", 0, capture("iptables-save-ufw.txt"), ""));
        assertEquals(true, value(f, "firewall.active"));
        assertTrue(ports(f).containsAll(Set.of("tcp/22 any ipv4", "tcp/443 any ipv4", "tcp/5432 10.0.0.0/8 ipv4")),
                ports(f).toString());
    }

    @Test
    void dirTargetUsesBootConfiguration() throws Exception {
        FactSet none = collect(new DirTarget(TestPaths.debianRoot(), Limits.DEFAULT));
        assertEquals(false, value(none, "firewall.active"));
        assertEquals("files", value(none, "firewall.source"));

        Path etc = root.resolve("etc");
        Files.createDirectories(etc);
        Files.writeString(etc.resolve("nftables.conf"), capture("nft-server.nft"));
        FactSet disabled = collect(new DirTarget(root, Limits.DEFAULT));
        assertEquals(false, value(disabled, "firewall.active"), "nftables.service not enabled: not loaded at boot");
        Path wants = etc.resolve("systemd/system/sysinit.target.wants");
        Files.createDirectories(wants);
        Files.writeString(wants.resolve("nftables.service"), "[Unit]\n");
        FactSet enabled = collect(new DirTarget(root, Limits.DEFAULT));
        assertEquals(true, value(enabled, "firewall.active"));
        assertEquals("file: /etc/nftables.conf", value(enabled, "firewall.source"));
        assertTrue(ports(enabled).contains("tcp/5432 10.0.0.0/8 any"), "$mgmt resolved");
    }

    @Test
    void dirTargetWithUfwEnabled() throws Exception {
        Path ufw = root.resolve("etc/ufw");
        Files.createDirectories(ufw);
        Files.createDirectories(root.resolve("etc/default"));
        Files.writeString(ufw.resolve("ufw.conf"), capture("ufw-etc/ufw.conf"));
        Files.writeString(ufw.resolve("user.rules"), capture("ufw-etc/user.rules"));
        Files.writeString(ufw.resolve("user6.rules"), capture("ufw-etc/user6.rules"));
        Files.writeString(root.resolve("etc/default/ufw"), capture("ufw-etc/default-ufw"));
        FactSet f = collect(new DirTarget(root, Limits.DEFAULT));
        assertEquals("ufw", value(f, "firewall.backend"));
        assertEquals(true, value(f, "firewall.active"));
        assertTrue(ports(f).contains("tcp/5432 10.0.0.0/8 ipv4"), ports(f).toString());
        assertTrue(ports(f).contains("tcp/22 any ipv6"), ports(f).toString());
    }

    @Test
    void notPermittedWithoutFilesIsAnError() throws Exception {
        FactSet f = collect(new CannedTarget(root)
                .answer("nft-ruleset", 1, "", "Error: Operation not permitted (you must be root)")
                .answer("iptables-save", 1, "", "iptables-save v1.8.9 (nf_tables): Could not fetch rule set generation id: Permission denied")
                .answer("ufw-status", 1, "", "ERROR: You need to be root to run this script"));
        Unavailable u = f.whyMissing("firewall.active").orElseThrow();
        assertEquals(Unavailable.Kind.ERROR, u.kind());
        assertTrue(u.reason().contains("Operation not permitted"), u.reason());
        assertEquals(Status.ERROR, rule(f).status());
    }

    @Test
    void garbageOutputIsNotAnEmptyRuleset() throws Exception {
        FactSet f = collect(new CannedTarget(root).answer("nft-ruleset", 0, "\u0001\u0002 garbage }\n", ""));
        assertEquals(Unavailable.Kind.ERROR, f.whyMissing("firewall.active").orElseThrow().kind());
    }
}
