package de.tomaudit.target.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import de.tomaudit.audit.AuditOptions;
import de.tomaudit.audit.TargetAuditor;
import de.tomaudit.result.Finding;
import de.tomaudit.result.TargetResult;
import de.tomaudit.rules.RuleLoader;
import de.tomaudit.target.DirEntry;
import de.tomaudit.target.DirTarget;
import de.tomaudit.target.FileContent;
import de.tomaudit.target.FileStat;
import de.tomaudit.target.Limits;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import de.tomaudit.testsupport.TestPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the committed scripts/collect.sh with dash and with busybox ash (only busybox applets on
 * the PATH, as on Alpine) over directory roots, and checks that the bundle answers like the
 * directory itself (DirTarget) does. The live-host comparison is CollectShIT.
 */
class CollectShellTest {
    @TempDir Path tmp;

    private static final Path SCRIPT = TestPaths.repo().resolve("scripts/collect.sh");

    /** A shell to run the script with: argv prefix and PATH. */
    record Shell(String name, List<String> argv, String path) { }

    private List<Shell> shells() throws IOException {
        List<Shell> out = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/dash")) || Files.isExecutable(Path.of("/bin/dash"))) {
            out.add(new Shell("dash", List.of("dash"), System.getenv().getOrDefault("PATH", "/usr/bin:/bin")));
        }
        Path busybox = Path.of("/bin/busybox");
        if (Files.isExecutable(busybox)) {
            Path applets = Files.createDirectories(tmp.resolve("busybox-applets"));
            Process p = new ProcessBuilder(busybox.toString(), "--list").start();
            for (String applet : new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!applet.isBlank()) {
                    Files.createSymbolicLink(applets.resolve(applet.strip()), busybox);
                }
            }
            out.add(new Shell("busybox", List.of(busybox.toString(), "sh"), applets.toString()));
        }
        assumeTrue(!out.isEmpty(), "neither dash nor busybox is installed");
        return out;
    }

    private Path collect(Shell shell, Path root, Map<String, String> env, Optional<String> asUser) throws Exception {
        Path out = tmp.resolve("bundle-" + shell.name() + "-" + System.nanoTime() + ".tar.gz");
        List<String> cmd = new ArrayList<>();
        asUser.ifPresent(u -> cmd.addAll(List.of("runuser", "-u", u, "--")));
        cmd.addAll(shell.argv());
        if (asUser.isPresent()) {
            // the other user may not enter the clone's directory (a clone under /root, or in a
            // mktemp -d directory): it gets the script on stdin, as `ssh host 'sh -s -- -' < collect.sh` does
            cmd.addAll(List.of("-s", "--"));
        } else {
            cmd.add(SCRIPT.toString());
        }
        cmd.add(out.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().put("PATH", shell.path());
        pb.environment().put("TMPDIR", tmp.toString());
        pb.environment().put("TOMAUDIT_COLLECT_ROOT", root.toString());
        pb.environment().putAll(env);
        if (asUser.isPresent()) {
            pb.redirectInput(SCRIPT.toFile());
        }
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "collect.sh did not finish");
        assertEquals(0, p.exitValue(), shell.name() + ": " + log);
        assertTrue(log.contains("collect.sh: wrote " + out), log);
        return out;
    }

    @Test
    void aBundleOfTheDebianFixtureAuditsExactlyLikeTheDirectory() throws Exception {
        Path root = TestPaths.debianRoot();
        var rules = RuleLoader.loadDirectory(TestPaths.repo().resolve("rules/host"));
        AuditOptions options = new AuditOptions(Set.of(), rules, List.of(), "en", 1, Limits.DEFAULT);
        TargetResult dir = new TargetAuditor().audit(new DirTarget(root, Limits.DEFAULT), options);
        assertFalse(dir.findings().isEmpty());
        for (Shell shell : shells()) {
            try (BundleTarget bundle = BundleTarget.open(collect(shell, root, Map.of(), Optional.empty()), Limits.DEFAULT)) {
                assertFalse(bundle.canRunCommands(), "a collection from a root runs no commands");
                TargetResult b = new TargetAuditor().audit(bundle, options);
                assertEquals(dir.kinds(), b.kinds(), shell.name());
                assertEquals(dir.status(), b.status(), shell.name());
                assertEquals(statuses(dir), statuses(b), shell.name());
                for (int i = 0; i < dir.findings().size(); i++) {
                    assertEquals(dir.findings().get(i).evidence(), b.findings().get(i).evidence(),
                            shell.name() + ": same evidence for " + dir.findings().get(i).ruleId());
                    assertEquals(dir.findings().get(i).reason().replace(dir.address(), "ADDRESS"),
                            b.findings().get(i).reason().replace(b.address(), "ADDRESS"),
                            shell.name() + ": same reason for " + dir.findings().get(i).ruleId());
                }
                assertEquals(dir.retentions(), b.retentions(), shell.name());
            }
        }
    }

    private static Map<String, String> statuses(TargetResult r) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Finding f : r.findings()) {
            m.put(f.ruleId(), f.status().toString());
        }
        return m;
    }

    /** A root with the awkward cases: binary, huge, symlinks (relative, dangling, looping), odd names, empty dirs. */
    private Path awkwardRoot() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("root"));
        write(root, "etc/ssh/sshd_config", "Include /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin no\n");
        write(root, "etc/ssh/sshd_config.d/10-auth.conf", "PasswordAuthentication no\n");
        write(root, "etc/ssh/sshd_config.d/.hidden.conf", "PasswordAuthentication yes\n");
        write(root, "etc/ssh/ssh_host_ed25519_key.pub", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEx3 root@x\n");
        Files.write(root.resolve("etc/hostname"), new byte[] {'h', 0, 0, 'x'});
        write(root, "var/lib/dpkg/status", "Package: x\n".repeat(10_000));
        write(root, "etc/nginx/nginx.conf", "include /etc/nginx/sites-enabled/*;\n");
        write(root, "etc/nginx/sites-available/default", "server { listen 80; }\n");
        Files.createDirectories(root.resolve("etc/nginx/sites-enabled"));
        Files.createSymbolicLink(root.resolve("etc/nginx/sites-enabled/default"), Path.of("../sites-available/default"));
        Files.createSymbolicLink(root.resolve("etc/nginx/sites-enabled/gone"), Path.of("../sites-available/gone"));
        Files.createSymbolicLink(root.resolve("etc/nginx/loop-a"), Path.of("loop-b"));
        Files.createSymbolicLink(root.resolve("etc/nginx/loop-b"), Path.of("loop-a"));
        write(root, "etc/nginx/conf.d/with space.conf", "# a name with a space\n");
        write(root, "etc/nginx/conf.d/with\ttab.conf", "# cannot be recorded\n");
        Files.createDirectories(root.resolve("etc/nginx/modules-enabled"));
        Files.createDirectories(root.resolve("etc/logrotate.d"));
        return root;
    }

    private static void write(Path root, String rel, String text) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private static final List<String> PROBES = List.of("/etc/ssh/sshd_config", "/etc/ssh/sshd_config.d",
            "/etc/ssh/sshd_config.d/10-auth.conf", "/etc/ssh", "/etc/ssh/ssh_host_ed25519_key.pub", "/etc/hostname",
            "/var/lib/dpkg/status", "/etc/nginx", "/etc/nginx/nginx.conf", "/etc/nginx/sites-enabled",
            "/etc/nginx/sites-enabled/default", "/etc/nginx/sites-enabled/gone", "/etc/nginx/loop-a",
            "/etc/nginx/conf.d", "/etc/nginx/conf.d/with space.conf", "/etc/nginx/modules-enabled", "/etc/logrotate.d",
            "/etc/fail2ban/jail.conf", "/etc/fail2ban/jail.d", "/etc/nginx/nope.conf", "/home/mastodon/live/.env.production");

    @Test
    void theBundleAnswersEveryOperationAsTheDirectoryDoes() throws Exception {
        Path root = awkwardRoot();
        Limits limits = new Limits(65_536, java.time.Duration.ofSeconds(5), 65_536);
        DirTarget dir = new DirTarget(root, limits);
        Map<String, String> expected = answers(dir);
        assertEquals("TOO_LARGE", expected.get("read /var/lib/dpkg/status"));
        assertEquals("BINARY", expected.get("read /etc/hostname"));
        assertEquals("SYMLINK_LOOP", expected.get("read /etc/nginx/loop-a"));
        assertEquals("ok none", expected.get("stat /etc/nginx/sites-enabled/gone"));
        List<String> indexes = new ArrayList<>();
        for (Shell shell : shells()) {
            Path b = collect(shell, root, Map.of("TOMAUDIT_MAX_FILE_BYTES", "65536"), Optional.empty());
            try (BundleTarget bundle = BundleTarget.open(b, limits)) {
                Map<String, String> got = answers(bundle);
                got.remove("list /etc/nginx/conf.d");
                Map<String, String> want = new LinkedHashMap<>(expected);
                want.remove("list /etc/nginx/conf.d");
                assertEquals(want, got, shell.name());
                assertEquals(List.of(new DirEntry("with space.conf", FileStat.Type.FILE)), bundle.list("/etc/nginx/conf.d"),
                        shell.name() + ": a name with a tab cannot be recorded and is skipped");
                assertEquals(List.of("/etc/ssh/sshd_config.d/10-auth.conf"), bundle.glob("/etc/ssh/sshd_config.d/*.conf"),
                        "hidden files do not match *, as in sh and Target#glob");
            }
            indexes.add(entry(b, BundleLayout.INDEX));
        }
        assertEquals(1, indexes.stream().distinct().count(), "dash and busybox write the same index");
    }

    @Test
    void withoutRootDeniedReadsAndListingsAreRecordedAsDenied() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/sbin/runuser")),
                "needs root and runuser to run the script as another user");
        Path root = awkwardRoot();
        write(root, "etc/ssh/sshd_config.d/20-secret.conf", "PasswordAuthentication no\n");
        Files.setPosixFilePermissions(root.resolve("etc/ssh/sshd_config.d/20-secret.conf"), PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(root.resolve("etc/logrotate.d"), PosixFilePermissions.fromString("rwx------"));
        // the JUnit directory (and its parents up to, not including, the system temp dir) must be
        // reachable for the other user; the temp dir itself is left alone (it keeps its sticky bit)
        Path systemTmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
        for (Path p = tmp.toAbsolutePath().normalize(); p != null && p.startsWith(systemTmp) && !p.equals(systemTmp);
             p = p.getParent()) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
        for (Shell shell : shells()) {
            Path b = collect(shell, root, Map.of(), Optional.of("nobody"));
            try (BundleTarget bundle = BundleTarget.open(b, Limits.DEFAULT)) {
                assertEquals("nobody", bundle.manifest().user());
                assertEquals(TargetException.Reason.PERMISSION_DENIED, reason(() -> bundle.read("/etc/ssh/sshd_config.d/20-secret.conf")));
                assertEquals(TargetException.Reason.PERMISSION_DENIED, reason(() -> bundle.list("/etc/logrotate.d")));
                assertEquals("PasswordAuthentication no\n", bundle.read("/etc/ssh/sshd_config.d/10-auth.conf").text());
            }
        }
    }

    @Test
    void theBundleIsPrivateAndItsManifestNamesHostTimeToolAndEveryEntry() throws Exception {
        Path b = collect(shells().get(0), awkwardRoot(), Map.of(), Optional.empty());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(b)));
        String manifest = entry(b, BundleLayout.MANIFEST);
        assertTrue(manifest.startsWith(BundleLayout.FORMAT + "\nhost\t"), manifest);
        assertTrue(manifest.matches("(?s).*\ntime\t\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\n.*"), manifest);
        assertTrue(manifest.contains("\ntool\ttomaudit collect.sh (plan sha256:"), manifest);
        assertTrue(manifest.contains("\tfiles/etc/ssh/sshd_config\n"), manifest);
        assertTrue(manifest.contains("\tindex\n"), manifest);
        try (BundleTarget t = BundleTarget.open(b, Limits.DEFAULT)) {
            assertEquals(manifest.lines().filter(l -> l.startsWith("host\t")).findFirst().orElseThrow().substring(5), t.name());
        }
    }

    private static TargetException.Reason reason(ThrowingOp op) {
        try {
            op.run();
            return null;
        } catch (TargetException e) {
            return e.reason();
        }
    }

    interface ThrowingOp {
        Object run() throws TargetException;
    }

    private static Map<String, String> answers(Target t) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String p : PROBES) {
            m.put("read " + p, answer(() -> t.read(p)));
            m.put("stat " + p, answer(() -> t.stat(p)));
            m.put("list " + p, answer(() -> t.list(p)));
        }
        m.put("glob /etc/nginx/sites-enabled/*", answer(() -> t.glob("/etc/nginx/sites-enabled/*")));
        m.put("glob /etc/ssh/ssh_host_*_key.pub", answer(() -> t.glob("/etc/ssh/ssh_host_*_key.pub")));
        return m;
    }

    private static String answer(ThrowingOp op) {
        try {
            Object o = op.run();
            if (o instanceof FileContent c) {
                return "ok " + c.text();
            }
            if (o instanceof Optional<?> st) {
                return st.map(s -> {
                    FileStat f = (FileStat) s;
                    return "ok " + f.type() + " " + f.octalMode() + " " + f.owner() + ":" + f.group() + " "
                            + (f.type() == FileStat.Type.FILE ? f.size() : "-") + " " + f.modified().getEpochSecond();
                }).orElse("ok none");
            }
            return "ok " + o;
        } catch (TargetException e) {
            return e.reason().name();
        }
    }

    private static String entry(Path bundle, String name) throws IOException {
        try (var in = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
                new java.util.zip.GZIPInputStream(Files.newInputStream(bundle)))) {
            org.apache.commons.compress.archivers.tar.TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (e.getName().equals(name)) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new IOException(name + " not in " + bundle);
    }
}
