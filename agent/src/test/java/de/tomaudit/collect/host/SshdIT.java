package de.tomaudit.collect.host;

import de.tomaudit.collect.TargetConfigSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.facts.Fact;
import de.tomaudit.facts.FactSet;
import de.tomaudit.parse.source.ConfigSource;
import de.tomaudit.parse.sshd.MatchContext;
import de.tomaudit.parse.sshd.Setting;
import de.tomaudit.parse.sshd.SshdConfig;
import de.tomaudit.parse.sshd.SshdConfigParser;
import de.tomaudit.parse.sshd.SshdConfigResolver;
import de.tomaudit.parse.sshd.SshdSettings;
import de.tomaudit.parse.sshd.SshdTestOutputParser;
import de.tomaudit.target.DirTarget;
import de.tomaudit.target.Limits;
import de.tomaudit.testsupport.TestPaths;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against the test bed's two real OpenSSH 9.2 daemons (scripts/testbed.d/sshd.sh): the effective
 * configuration computed from the files must equal what {@code sshd -T} prints for the same files,
 * globally and for a Match context, and the collector must see the weak daemon as weak and the
 * hardened one as hardened.
 */
class SshdIT {

    private static final String SSHD = "/usr/sbin/sshd";
    /** Printed by sshd -T but not modelled from the files (Debian's GSSAPI kex list). */
    private static final Set<String> NOT_MODELLED = Set.of("gssapikexalgorithms");

    private static Path weak;
    private static Path hardened;

    @BeforeAll
    static void bed() throws IOException {
        weak = TestPaths.testbed("sshd/weak/sshd_config");
        hardened = TestPaths.testbed("sshd/hardened/sshd_config");
        assertTrue(Files.isExecutable(Path.of(SSHD)), SSHD + " missing: run scripts/testbed start sshd");
    }

    @Test
    void bothDaemonsAnswerWithAnOpenSshBanner() throws IOException {
        for (int port : new int[] {2222, 2223}) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                s.setSoTimeout(2000);
                InputStream in = s.getInputStream();
                byte[] buf = new byte[64];
                int n = in.read(buf);
                String banner = new String(buf, 0, Math.max(n, 0), StandardCharsets.US_ASCII);
                assertTrue(banner.startsWith("SSH-2.0-OpenSSH_9.2"), "port " + port + ": " + banner
                        + " (is the test bed running? scripts/testbed start sshd)");
            }
        }
    }

    @Test
    void parsedWeakConfigEqualsSshdT() throws Exception {
        assertSame(weak, MatchContext.none(), List.of());
    }

    @Test
    void parsedHardenedConfigEqualsSshdT() throws Exception {
        assertSame(hardened, MatchContext.none(), List.of());
    }

    @Test
    void matchBlockEvaluatedLikeSshdTMinusC() throws Exception {
        SshdSettings viaSshd = assertSame(weak, MatchContext.of("alice", "localhost", "127.0.0.1"),
                List.of("-C", "user=alice,host=localhost,addr=127.0.0.1"));
        assertEquals("yes", viaSshd.get("kbdinteractiveauthentication").orElseThrow().value());
        assertEquals("prohibit-password", viaSshd.get("permitrootlogin").orElseThrow().value());
        // the negated address in the same block
        SshdSettings excluded = assertSame(weak, MatchContext.of("alice", "localhost", "127.0.0.2"),
                List.of("-C", "user=alice,host=localhost,addr=127.0.0.2"));
        assertEquals("no", excluded.get("kbdinteractiveauthentication").orElseThrow().value());
        assertEquals("yes", excluded.get("permitrootlogin").orElseThrow().value());
        SshdSettings deploy = assertSame(hardened, MatchContext.of("deploy", "localhost", "127.0.0.1"),
                List.of("-C", "user=deploy,host=localhost,addr=127.0.0.1"));
        assertEquals("no", deploy.get("allowtcpforwarding").orElseThrow().value());
        assertEquals("no", deploy.get("permittty").orElseThrow().value());
    }

    @Test
    void trickyConfigsResolveLikeSshd(@TempDir Path dir) throws Exception {
        String key = TestPaths.testbed("sshd/keys/ssh_host_ed25519_key").toString();
        Path dropins = Files.createDirectories(dir.resolve("conf.d"));
        Files.writeString(dropins.resolve("20-later.conf"), "PasswordAuthentication yes\nPermitRootLogin yes\n");
        Files.writeString(dropins.resolve("10-first.conf"), "passwordauthentication=No\nMatch User bob\n  PermitRootLogin yes\n");
        Files.writeString(dropins.resolve("README"), "not included: no .conf suffix\n");
        Path cfg = dir.resolve("sshd_config");
        Files.writeString(cfg, String.join("\n",
                "Include " + dropins + "/*.conf",
                "HostKey " + key,
                "PidFile " + dir.resolve("pid"),
                "Port 2022",
                "Port 2023",
                "ListenAddress 127.0.0.1",
                "ListenAddress [::1]:2024",
                "ListenAddress 127.0.0.2:2025",
                "AddressFamily any",
                "ChallengeResponseAuthentication yes",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin without-password",
                "PERMITEMPTYPASSWORDS No",
                "AcceptEnv LANG \"LC_*\"",
                "AcceptEnv TZ",
                "AllowUsers alice bob",
                "AllowUsers carol",
                "AuthorizedKeysFile .ssh/keys1 .ssh/keys2",
                "AuthorizedKeysFile .ssh/ignored",
                "LoginGraceTime 1m30s",
                "Ciphers -*-cbc,chacha20*",
                "MACs ^hmac-sha2-512,hmac-sha1-96",
                "KexAlgorithms curve25519-sha256,diffie-hellman-group14-sha1,curve25519-sha256",
                "HostKeyAlgorithms +ssh-rsa,ssh-dss",
                "Banner \"/etc/issue net\"   # a comment",
                "Subsystem sftp internal-sftp -l INFO",
                "Match Address 10.0.0.0/8,!10.0.0.5 LocalPort 2022",
                "  PasswordAuthentication no",
                "  X11Forwarding yes",
                "Match Host *.example.org",
                "  MaxAuthTries 2",
                "Match all",
                "  AllowTcpForwarding no",
                ""));
        // plain sshd -T refuses a Match LocalPort without lport=: the global view is the one for another port
        assertSame(cfg, MatchContext.none().withLocalPort(2023), List.of("-C", "lport=2023"));
        assertSame(cfg, MatchContext.of("bob", "a.example.org", "10.1.2.3").withLocalPort(2022),
                List.of("-C", "user=bob,host=a.example.org,addr=10.1.2.3,lport=2022"));
        assertSame(cfg, MatchContext.of("bob", "a.example.org", "10.0.0.5").withLocalPort(2022),
                List.of("-C", "user=bob,host=a.example.org,addr=10.0.0.5,lport=2022"));
        assertSame(cfg, MatchContext.of("alice", "b.example.com", "10.9.9.9").withLocalPort(2023),
                List.of("-C", "user=alice,host=b.example.com,addr=10.9.9.9,lport=2023"));
    }

    @Test
    void includeLoopRefusedByBothSshdAndParser(@TempDir Path dir) throws Exception {
        String key = TestPaths.testbed("sshd/keys/ssh_host_ed25519_key").toString();
        Path a = dir.resolve("a.conf");
        Path b = dir.resolve("b.conf");
        Files.writeString(a, "HostKey " + key + "\nInclude " + b + "\n");
        Files.writeString(b, "PasswordAuthentication no\nInclude " + a + "\n");
        Result r = run(List.of(SSHD, "-T", "-f", a.toString()));
        assertNotEquals(0, r.exit, "sshd accepted an include loop");
        SshdConfig parsed = SshdConfigParser.parse(a.toString(), rootSource());
        assertTrue(parsed.fatalProblem().isPresent());
        assertEquals(b + ":2", parsed.fatalProblem().get().source());
    }

    @Test
    void collectorOnCopiesOfTheBedConfigs(@TempDir Path root) throws IOException {
        Path bed = TestPaths.testbed("sshd");
        copyTree(bed, root.resolve(bed.toString().substring(1)));
        Files.createDirectories(root.resolve("etc/ssh"));

        Files.copy(weak, root.resolve("etc/ssh/sshd_config"));
        FactSet w = collect(root);
        assertEquals("config", w.get("sshd.source").orElseThrow().value());
        assertEquals("yes", w.get("sshd.passwordauthentication").orElseThrow().value());
        assertTrue(w.get("sshd.passwordauthentication").orElseThrow().evidence().get(0).source()
                .endsWith("weak/sshd_config.d/10-auth.conf:1"));
        assertEquals("yes", w.get("sshd.permitrootlogin").orElseThrow().value());
        assertEquals(List.of(2223L), w.get("sshd.ports").orElseThrow().value());
        Set<String> weakNames = names(w.get("sshd.weak_algorithms").orElseThrow());
        assertTrue(weakNames.containsAll(Set.of("diffie-hellman-group14-sha1", "diffie-hellman-group1-sha1",
                "aes128-cbc", "3des-cbc", "hmac-md5", "hmac-sha1", "ssh-rsa")), weakNames.toString());
        List<?> overrides = (List<?>) w.get("sshd.match_overrides").orElseThrow().value();
        assertTrue(overrides.stream().map(o -> (Map<?, ?>) o).anyMatch(o -> o.get("keyword").equals("kbdinteractiveauthentication")
                && o.get("value").equals("yes") && o.get("effective").equals("yes")), overrides.toString());

        Files.copy(hardened, root.resolve("etc/ssh/sshd_config"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        FactSet h = collect(root);
        assertEquals("no", h.get("sshd.passwordauthentication").orElseThrow().value());
        assertEquals("no", h.get("sshd.kbdinteractiveauthentication").orElseThrow().value());
        assertEquals("no", h.get("sshd.permitrootlogin").orElseThrow().value());
        assertEquals(List.of(), h.get("sshd.weak_algorithms").orElseThrow().value());
        assertEquals(List.of(), h.get("sshd.match_overrides").orElseThrow().value());
        List<?> keys = (List<?>) h.get("sshd.hostkeys").orElseThrow().value();
        assertTrue(keys.stream().map(k -> (Map<?, ?>) k).anyMatch(k -> k.get("type").equals("ssh-rsa")
                && k.get("bits").equals(3072L)), keys.toString());
    }

    private static FactSet collect(Path root) {
        FactSet.Builder b = FactSet.builder();
        new SshdCollector().collect(new DirTarget(root, Limits.DEFAULT), b);
        return b.build();
    }

    private static Set<String> names(Fact f) {
        Set<String> out = new TreeSet<>();
        for (Object o : (List<?>) f.value()) {
            out.add(String.valueOf(((Map<?, ?>) o).get("name")));
        }
        return out;
    }

    /** Runs sshd -T on the file, resolves the parsed file for the context, and compares every keyword. */
    private static SshdSettings assertSame(Path cfg, MatchContext ctx, List<String> extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(SSHD, "-T", "-f", cfg.toString()));
        cmd.addAll(extra);
        Result r = run(cmd);
        assertEquals(0, r.exit, "sshd -T failed: " + r.err);
        SshdSettings viaSshd = SshdTestOutputParser.parse(r.out, "sshd -T");
        SshdConfig parsed = SshdConfigParser.parse(cfg.toString(), rootSource());
        assertTrue(parsed.fatalProblem().isEmpty(), parsed.problems().toString());
        SshdSettings viaParser = SshdConfigResolver.resolve(parsed, ctx);
        List<String> diffs = new ArrayList<>();
        for (Map.Entry<String, Setting> e : viaSshd.all().entrySet()) {
            if (NOT_MODELLED.contains(e.getKey())) {
                continue;
            }
            List<String> mine = viaParser.get(e.getKey()).map(Setting::values).orElse(List.of("<missing>"));
            if (!mine.equals(e.getValue().values())) {
                diffs.add(e.getKey() + ": sshd -T " + e.getValue().values() + " parser " + mine);
            }
        }
        assertTrue(diffs.isEmpty(), cfg + " " + extra + "\n" + String.join("\n", diffs));
        return viaSshd;
    }

    private static ConfigSource rootSource() {
        return new TargetConfigSource(new DirTarget(Path.of("/"), Limits.DEFAULT));
    }

    private record Result(int exit, String out, String err) { }

    private static Result run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        var out = java.util.concurrent.CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
        var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "sshd -T did not finish");
        return new Result(p.exitValue(), out.join(), err.join());
    }

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else if (!p.getFileName().toString().endsWith(".pid") && !p.getFileName().toString().endsWith(".log")) {
                    Files.copy(p, dest);
                }
            }
        }
    }
}
