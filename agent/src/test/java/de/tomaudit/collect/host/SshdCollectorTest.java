package de.tomaudit.collect.host;

import de.tomaudit.testsupport.CannedTarget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.collect.PlannedAccess;
import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.Fact;
import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Unavailable;
import de.tomaudit.target.CommandCatalog;
import de.tomaudit.target.DirTarget;
import de.tomaudit.target.Limits;
import de.tomaudit.target.Target;
import de.tomaudit.testsupport.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshdCollectorTest {

    private static final String SSHD_T = String.join("\n", "port 22", "listenaddress [::]:22", "listenaddress 0.0.0.0:22",
            "usepam yes", "permitrootlogin without-password", "pubkeyauthentication yes", "passwordauthentication no",
            "kbdinteractiveauthentication no", "permitemptypasswords no",
            "ciphers chacha20-poly1305@openssh.com,aes256-gcm@openssh.com,aes128-cbc",
            "macs hmac-sha2-256-etm@openssh.com", "kexalgorithms curve25519-sha256,diffie-hellman-group14-sha1",
            "hostkeyalgorithms ssh-ed25519,rsa-sha2-512", "hostkey /etc/ssh/ssh_host_ed25519_key", "");

    @TempDir
    Path root;

    private static FactSet collect(Target target) {
        FactSet.Builder b = FactSet.builder();
        new SshdCollector().collect(target, b);
        return b.build();
    }

    private static Object value(FactSet f, String key) {
        return f.get(key).orElseThrow(() -> new AssertionError(key + " missing: " + f.whyMissing(key))).value();
    }

    private Path write(String path, String text) throws IOException {
        Path p = root.resolve(path.substring(1));
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void debian12FixtureFromTheFiles() {
        FactSet f = collect(new DirTarget(TestPaths.debianRoot(), Limits.DEFAULT));
        assertEquals(true, value(f, "sshd.installed"));
        assertEquals("config", value(f, "sshd.source"));
        assertEquals("yes", value(f, "sshd.passwordauthentication"));
        assertTrue(f.get("sshd.passwordauthentication").orElseThrow().evidence().get(0).source().startsWith("default:"));
        Fact kbd = f.get("sshd.kbdinteractiveauthentication").orElseThrow();
        assertEquals("no", kbd.value());
        assertEquals(new Evidence("/etc/ssh/sshd_config:62", "KbdInteractiveAuthentication no"), kbd.evidence().get(0));
        assertEquals("prohibit-password", value(f, "sshd.permitrootlogin"));
        assertEquals("yes", value(f, "sshd.usepam"));
        assertEquals(List.of(22L), value(f, "sshd.ports"));
        assertEquals(List.of("[::]:22", "0.0.0.0:22"), value(f, "sshd.listenaddresses"));
        assertEquals(List.of(), value(f, "sshd.match_overrides"));
        assertEquals(List.of(), value(f, "sshd.config_problems"));
        List<?> weak = (List<?>) value(f, "sshd.weak_algorithms");
        assertEquals(List.of("umac-64-etm@openssh.com", "hmac-sha1-etm@openssh.com", "umac-64@openssh.com", "hmac-sha1"),
                weak.stream().map(w -> ((Map<?, ?>) w).get("name")).toList(), "9.2's default MAC list still has SHA-1 and UMAC-64");
        List<?> keys = (List<?>) value(f, "sshd.hostkeys");
        assertEquals(3, keys.size());
        assertEquals("unknown", ((Map<?, ?>) keys.get(0)).get("type"), "no .pub files in the fixture");
    }

    @Test
    void notInstalledIsDefinitive() {
        FactSet f = collect(new DirTarget(root, Limits.DEFAULT));
        assertEquals(false, value(f, "sshd.installed"));
        assertEquals(Unavailable.Kind.NOT_APPLICABLE, f.whyMissing("sshd.passwordauthentication").orElseThrow().kind());
    }

    @Test
    void matchOverridesAndAliasesFromFiles() throws IOException {
        write("/etc/ssh/sshd_config", "Include /etc/ssh/sshd_config.d/*.conf\nPasswordAuthentication no\n"
                + "ChallengeResponseAuthentication no\nPermitRootLogin without-password\n"
                + "Match Group admins\n  PermitRootLogin yes\nMatch User backup Address 10.1.0.0/16\n  PasswordAuthentication yes\n");
        write("/etc/ssh/sshd_config.d/10-x.conf", "Match User *,!root\n  KbdInteractiveAuthentication yes\n");
        FactSet f = collect(new DirTarget(root, Limits.DEFAULT));
        assertEquals("no", value(f, "sshd.passwordauthentication"));
        assertEquals("no", value(f, "sshd.kbdinteractiveauthentication"));
        assertEquals("prohibit-password", value(f, "sshd.permitrootlogin"));
        List<?> o = (List<?>) value(f, "sshd.match_overrides");
        assertEquals(3, o.size());
        Map<?, ?> first = (Map<?, ?>) o.get(0);
        assertEquals("kbdinteractiveauthentication", first.get("keyword"));
        assertEquals("/etc/ssh/sshd_config.d/10-x.conf:2", first.get("source"));
        assertEquals("User *,!root", first.get("match"));
        Map<?, ?> root = (Map<?, ?>) o.get(1);
        assertEquals("permitrootlogin", root.get("keyword"));
        assertEquals("yes", root.get("effective"));
        assertEquals("config", root.get("effective_source"));
        Map<?, ?> pw = (Map<?, ?>) o.get(2);
        assertEquals("user=backup,addr=10.1.0.1", pw.get("context"));
        assertEquals("/etc/ssh/sshd_config:7", pw.get("match_source"));
    }

    @Test
    void sshdTPreferredWhereItRuns() throws IOException {
        write("/etc/ssh/sshd_config", "PasswordAuthentication yes\nMatch User alice\n  PasswordAuthentication yes\n");
        write("/usr/sbin/sshd", "binary stand-in");
        CannedTarget t = new CannedTarget(root)
                .answer(CommandCatalog.command("sshd-effective"), 0, SSHD_T, "")
                .answer(CommandCatalog.command("sshd-effective-match", "user=alice"), 0,
                        SSHD_T.replace("passwordauthentication no", "passwordauthentication yes"), "");
        FactSet f = collect(t);
        assertEquals("sshd -T", value(f, "sshd.source"));
        assertEquals("no", value(f, "sshd.passwordauthentication"), "sshd -T wins over the parsed files");
        assertEquals(new Evidence("command: sshd -T", "passwordauthentication no"),
                f.get("sshd.passwordauthentication").orElseThrow().evidence().get(0));
        assertEquals("prohibit-password", value(f, "sshd.permitrootlogin"));
        List<?> weak = (List<?>) value(f, "sshd.weak_algorithms");
        assertEquals(List.of("diffie-hellman-group14-sha1", "aes128-cbc"), weak.stream().map(w -> ((Map<?, ?>) w).get("name")).toList());
        Map<?, ?> o = (Map<?, ?>) ((List<?>) value(f, "sshd.match_overrides")).get(0);
        assertEquals("yes", o.get("effective"));
        assertEquals("sshd -T -C user=alice", o.get("effective_source"));
        assertTrue(t.ran().contains("sshd -T -C user=alice"));
    }

    @Test
    void failingOrGarbageSshdTFallsBackToTheFiles() throws IOException {
        write("/etc/ssh/sshd_config", "PasswordAuthentication no\n");
        FactSet failed = collect(new CannedTarget(root)
                .answer(CommandCatalog.command("sshd-effective"), 1, "", "sshd: no hostkeys available -- exiting.\n"));
        assertEquals("config", value(failed, "sshd.source"));
        assertEquals("no", value(failed, "sshd.passwordauthentication"));
        assertTrue(failed.get("sshd.source").orElseThrow().evidence().get(0).value().contains("no hostkeys available"));

        FactSet garbage = collect(new CannedTarget(root)
                .answer(CommandCatalog.command("sshd-effective"), 0, "\u0000\u0001garbage\n<<>>\n!!\n??\n##\n$$\n", ""));
        assertEquals("config", value(garbage, "sshd.source"));
    }

    @Test
    void matchLocalPortMakesPlainSshdTFailThenItIsAskedForThePort() throws IOException {
        write("/etc/ssh/sshd_config", "Port 2200\nMatch LocalPort 2201\n  PasswordAuthentication yes\n");
        CannedTarget t = new CannedTarget(root)
                .answer(CommandCatalog.command("sshd-effective"), 255, "",
                        "'Match LocalPort' in configuration but 'lport' not in connection test specification.\n")
                .answer(CommandCatalog.command("sshd-effective-match", "lport=2200"), 0, SSHD_T, "");
        FactSet f = collect(t);
        assertEquals("sshd -T", value(f, "sshd.source"));
        assertEquals(new Evidence("command: sshd -T -C lport=2200", "passwordauthentication no"),
                f.get("sshd.passwordauthentication").orElseThrow().evidence().get(0));
    }

    @Test
    void includeLoopMakesEffectiveValuesAnErrorNamingFileAndLine() throws IOException {
        write("/etc/ssh/sshd_config", "Include /etc/ssh/a.conf\n");
        write("/etc/ssh/a.conf", "PasswordAuthentication no\nInclude /etc/ssh/sshd_config\n");
        FactSet f = collect(new DirTarget(root, Limits.DEFAULT));
        assertEquals(true, value(f, "sshd.installed"));
        Unavailable u = f.whyMissing("sshd.passwordauthentication").orElseThrow();
        assertEquals(Unavailable.Kind.ERROR, u.kind());
        assertTrue(u.reason().contains("/etc/ssh/a.conf:2"), u.reason());
        assertTrue(u.reason().contains("include loop"), u.reason());
        List<?> problems = (List<?>) value(f, "sshd.config_problems");
        assertEquals(true, ((Map<?, ?>) problems.get(0)).get("fatal"));
    }

    @Test
    void binaryHugeAndLoopingConfigsAreErrorsNotCrashes() throws IOException {
        Path cfg = root.resolve("etc/ssh/sshd_config");
        Files.createDirectories(cfg.getParent());
        Files.write(cfg, new byte[] {'P', 'o', 'r', 't', 0, 1, 2, (byte) 0xff});
        assertError(collect(new DirTarget(root, Limits.DEFAULT)), "binary");

        Files.writeString(cfg, "# padding\n".repeat(2000));
        assertError(collect(new DirTarget(root, new Limits(1024, Duration.ofSeconds(1), 1024))), "over the limit");

        Files.delete(cfg);
        Files.createSymbolicLink(cfg, Path.of("/etc/ssh/loop"));
        Files.createSymbolicLink(root.resolve("etc/ssh/loop"), Path.of("/etc/ssh/sshd_config"));
        assertError(collect(new DirTarget(root, Limits.DEFAULT)), "symbolic link");
    }

    @Test
    void nonUtf8ConfigIsStillRead() throws IOException {
        Path cfg = root.resolve("etc/ssh/sshd_config");
        Files.createDirectories(cfg.getParent());
        Files.write(cfg, "# Kommentar \u00e4\u00f6\u00fc\nPermitRootLogin no\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals("no", value(collect(new DirTarget(root, Limits.DEFAULT)), "sshd.permitrootlogin"));
    }

    private static void assertError(FactSet f, String fragment) {
        Unavailable u = f.whyMissing("sshd.passwordauthentication").orElseThrow();
        assertEquals(Unavailable.Kind.ERROR, u.kind(), u.toString());
        assertTrue(u.reason().contains(fragment), u.reason());
        assertTrue(u.reason().contains("/etc/ssh/sshd_config"), u.reason());
    }

    @Test
    void planListsEveryFileAndCommand() {
        List<PlannedAccess> plan = new SshdCollector().plan();
        List<String> what = plan.stream().map(PlannedAccess::what).toList();
        assertTrue(what.containsAll(List.of("/etc/ssh/sshd_config", "/etc/ssh/sshd_config.d/*.conf", "sshd -T",
                "/usr/sbin/sshd", "/etc/ssh/ssh_host_*_key.pub")), what.toString());
        assertFalse(plan.stream().anyMatch(p -> p.purpose().isBlank()));
    }
}
