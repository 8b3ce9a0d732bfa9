package de.tomaudit.target.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import de.tomaudit.target.CommandCatalog;
import de.tomaudit.target.DirEntry;
import de.tomaudit.target.FileStat;
import de.tomaudit.target.Limits;
import de.tomaudit.target.TargetException;
import de.tomaudit.testsupport.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSH target against the test bed's real OpenSSH 9.2 (hardened daemon) on this machine:
 * key types, default keys, ssh-agent, client config and ProxyJump, host keys (hashed, unknown,
 * changed), login failures, sudo granted and refused, and file edge cases over SFTP and sudo.
 */
class SshTargetIT {
    private static final Limits LIMITS = new Limits(256 * 1024, Duration.ofSeconds(15), 8 * 1024 * 1024);
    /** Files for the file cases: a world-readable dir and, inside, one only root may enter. */
    private static Path files;
    private static Path rootOnly;

    @TempDir Path home;

    @BeforeAll
    static void bed() throws Exception {
        SshBed.knownHosts();
        try (SshTarget t = SshTarget.open(SshBed.as(SshBed.PLAIN_USER), SshBed.options(Path.of("/nonexistent"), "id_ed25519"), LIMITS)) {
            t.run(CommandCatalog.command("uname-release"));
        } catch (SshConnectException e) {
            fail("the test bed's sshd on 127.0.0.1:" + SshBed.port() + " does not accept its own client keys and known_hosts"
                    + " (is the sshd there another worktree's bed? scripts/testbed start sshd): " + e.getMessage());
        }
        files = Files.createTempDirectory(Path.of("/tmp"), "tomaudit-ssh-it-");
        Files.setPosixFilePermissions(files, PosixFilePermissions.fromString("rwxr-xr-x"));
        rootOnly = Files.createDirectory(files.resolve("root-only"));
        Files.setPosixFilePermissions(rootOnly, PosixFilePermissions.fromString("rwx------"));
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (files != null) {
            SshBedFiles.delete(files);
        }
    }

    private SshTarget open(String user, String key, boolean sudo) throws SshConnectException {
        return SshTarget.open(SshBed.as(user), SshBed.options(home, key).withSudo(sudo), LIMITS);
    }

    @Test
    void everyKeyTypeLogsInAndSeesThisMachine() throws Exception {
        String kernel = SshBed.run("uname", "-r");
        String hostname = Files.readString(Path.of("/etc/hostname"));
        for (String key : List.of("id_ed25519", "id_ecdsa", "id_rsa")) {
            try (SshTarget t = open(SshBed.PLAIN_USER, key, false)) {
                assertEquals(kernel, t.run(CommandCatalog.command("uname-release")).stdout(), key);
                assertEquals(hostname, t.read("/etc/hostname").text(), key);
                assertEquals("ssh://tomaudit-nosudo@127.0.0.1:" + SshBed.port(), t.address());
            }
        }
    }

    @Test
    void defaultKeysOfTheHomeDirectoryAreOffered() throws Exception {
        Path ssh = Files.createDirectories(home.resolve(".ssh"));
        Files.copy(SshBed.client("id_ecdsa"), ssh.resolve("id_ecdsa"));
        try (SshTarget t = SshTarget.open(SshBed.as(SshBed.PLAIN_USER), SshBed.options(home, null), LIMITS)) {
            assertEquals(0, t.run(CommandCatalog.command("uname-release")).exitCode());
        }
        Files.delete(ssh.resolve("id_ecdsa"));
        SshConnectException e = assertThrows(SshConnectException.class,
                () -> SshTarget.open(SshBed.as(SshBed.PLAIN_USER), SshBed.options(home, null), LIMITS));
        assertTrue(e.getMessage().contains("no key to offer"), e.getMessage());
    }

    @Test
    void sshAgentKeysAreUsedUnlessIdentitiesOnly() throws Exception {
        Path sock = home.resolve("agent.sock");
        Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", sock.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            for (int i = 0; i < 200 && !Files.exists(sock); i++) {
                Thread.onSpinWait();
                agent.waitFor(10, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
            assertTrue(Files.exists(sock), "ssh-agent did not create its socket");
            SshBed.run(true, Map.of("SSH_AUTH_SOCK", sock.toString()), "ssh-add", SshBed.client("id_rsa").toString());
            SshOptions o = SshBed.options(home, null).withAgentSocket(Optional.of(sock));
            try (SshTarget t = SshTarget.open(SshBed.as(SshBed.PLAIN_USER), o, LIMITS)) {
                assertEquals(0, t.run(CommandCatalog.command("uname-release")).exitCode());
            }
            Path config = Files.writeString(home.resolve("config"), "Host bed\n  HostName 127.0.0.1\n  IdentitiesOnly yes\n");
            SshConnectException e = assertThrows(SshConnectException.class, () -> SshTarget.open(
                    new SshDestination(Optional.of(SshBed.PLAIN_USER), "bed", OptionalInt.of(SshBed.port())), o.withSshConfig(config), LIMITS));
            assertTrue(e.getMessage().contains("no key to offer"), e.getMessage());
        } finally {
            agent.destroy();
            agent.waitFor();
        }
    }

    @Test
    void clientConfigAliasesAndProxyJump() throws Exception {
        int port = SshBed.port();
        Path config = Files.writeString(home.resolve("config"), String.join("\n",
                "Host bed",
                "    HostName 127.0.0.1",
                "    Port " + port,
                "    User " + SshBed.SUDO_USER,
                "    IdentityFile " + SshBed.client("id_ed25519"),
                "Host bed-behind-jump",
                "    HostName 127.0.0.1",
                "    Port " + port,
                "    User " + SshBed.PLAIN_USER,
                "    IdentityFile " + SshBed.client("id_ecdsa"),
                "    ProxyJump bed",
                ""));
        SshOptions o = SshBed.options(home, null).withSshConfig(config);
        try (SshTarget t = SshTarget.open(new SshDestination(Optional.empty(), "bed", OptionalInt.empty()), o, LIMITS)) {
            assertEquals("bed", t.name());
            assertEquals("ssh://tomaudit-sudo@127.0.0.1:" + port, t.address());
            assertEquals(0, t.run(CommandCatalog.command("uname-release")).exitCode());
        }
        try (SshTarget t = SshTarget.open(new SshDestination(Optional.empty(), "bed-behind-jump", OptionalInt.empty()), o, LIMITS)) {
            assertEquals("ssh://tomaudit-nosudo@127.0.0.1:" + port, t.address());
            assertTrue(t.read("/etc/os-release").text().contains("ID="));
        }
    }

    /**
     * Collectors run in parallel; an sshd with {@code MaxSessions 2} (as Lynis recommends) refuses
     * a third channel. Started here, from the bed's host key, for this test only.
     */
    @Test
    void parallelRequestsAdaptToMaxSessions() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path key = SshBed.client("../keys/ssh_host_ed25519_key");
        Path cfg = Files.writeString(home.resolve("sshd_config"), String.join("\n", "Port " + port, "ListenAddress 127.0.0.1",
                "HostKey " + key, "PidFile none", "UsePAM no", "PasswordAuthentication no", "KbdInteractiveAuthentication no",
                "MaxSessions 2", "Subsystem sftp /usr/lib/openssh/sftp-server",
                "AuthorizedKeysFile " + TestPaths.testbed("sshd/authorized_keys") + "/%u", ""));
        Process sshd = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", cfg.toString()).redirectErrorStream(true)
                .redirectOutput(home.resolve("sshd.log").toFile()).start();
        try {
            waitForPort(port, sshd);
            Path kh = Files.writeString(home.resolve("kh"), "[127.0.0.1]:" + port + " "
                    + Files.readString(SshBed.client("../keys/ssh_host_ed25519_key.pub")).trim() + "\n");
            SshOptions o = SshBed.options(home, "id_ed25519").withKnownHosts(kh).withSudo(true);
            try (SshTarget t = SshTarget.open(SshDestination.of(SshBed.SUDO_USER, "127.0.0.1", port), o, LIMITS)) {
                java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
                try {
                    List<java.util.concurrent.Future<?>> work = new ArrayList<>();
                    for (int i = 0; i < 8; i++) {
                        work.add(pool.submit(() -> t.run(CommandCatalog.command("uname-release")).exitCode()));
                        work.add(pool.submit(() -> t.read("/etc/os-release").text()));
                        work.add(pool.submit(() -> t.run(CommandCatalog.command("sshd-effective")).exitCode()));
                    }
                    for (var w : work) {
                        Object r = w.get(60, java.util.concurrent.TimeUnit.SECONDS);
                        assertTrue(r.equals(0) || r.toString().contains("ID="), String.valueOf(r));
                    }
                } finally {
                    pool.shutdownNow();
                }
            }
        } finally {
            sshd.destroy();
            sshd.waitFor();
        }
        assertTrue(Files.readString(home.resolve("sshd.log")).contains("no more sessions"),
                "sshd refused channels (else this test proves nothing): " + Files.readString(home.resolve("sshd.log")));
    }

    private static void waitForPort(int port, Process p) throws Exception {
        for (int i = 0; i < 100; i++) {
            try (java.net.Socket s = new java.net.Socket()) {
                s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 100);
                return;
            } catch (IOException e) {
                if (!p.isAlive()) {
                    fail("sshd exited: " + p.exitValue());
                }
                p.waitFor(50, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        }
        fail("sshd did not listen on " + port);
    }

    @Test
    void hashedKnownHostsWork() throws Exception {
        Path kh = Files.copy(SshBed.knownHosts(), home.resolve("known_hosts"));
        SshBed.run("ssh-keygen", "-q", "-H", "-f", kh.toString());
        assertFalse(Files.readString(kh).contains("127.0.0.1"), "hashed by ssh-keygen");
        try (SshTarget t = SshTarget.open(SshBed.as(SshBed.PLAIN_USER), SshBed.options(home, "id_ed25519").withKnownHosts(kh), LIMITS)) {
            assertEquals(0, t.run(CommandCatalog.command("uname-release")).exitCode());
        }
    }

    @Test
    void unknownHostKeyStopsWithItsFingerprintAndIsAddedOnlyWhenAccepted() throws Exception {
        Path kh = home.resolve("known_hosts");
        SshOptions o = SshBed.options(home, "id_ed25519").withKnownHosts(kh);
        SshConnectException e = assertThrows(SshConnectException.class, () -> SshTarget.open(SshBed.as(SshBed.PLAIN_USER), o, LIMITS));
        assertEquals("ssh", e.stage());
        Set<String> bedPrints = new TreeSet<>();
        for (String k : List.of("ed25519", "ecdsa", "rsa")) {
            String line = SshBed.run("ssh-keygen", "-lf", SshBed.client("../keys/ssh_host_" + k + "_key.pub").toString());
            String print = line.split(" ")[1];
            bedPrints.add(print);
            if (e.getMessage().contains(print)) {
                assertTrue(e.getMessage().contains(k.toUpperCase() + " key fingerprint " + print), e.getMessage());
            }
        }
        assertTrue(bedPrints.stream().anyMatch(e.getMessage()::contains), "the bed's own fingerprint, as ssh-keygen -l prints it: "
                + e.getMessage() + " " + bedPrints);
        assertTrue(e.getMessage().contains("--accept-new-host-key"), e.getMessage());
        assertFalse(Files.exists(kh));

        try (SshTarget t = SshTarget.open(SshBed.as(SshBed.PLAIN_USER), o.withAcceptNewHostKey(true), LIMITS)) {
            assertEquals(0, t.run(CommandCatalog.command("uname-release")).exitCode());
        }
        SshBed.run("ssh-keygen", "-F", "[127.0.0.1]:" + SshBed.port(), "-f", kh.toString());
        try (SshTarget t = SshTarget.open(SshBed.as(SshBed.PLAIN_USER), o, LIMITS)) {
            assertEquals(0, t.run(CommandCatalog.command("uname-release")).exitCode(), "known now, without the option");
        }
    }

    @Test
    void changedHostKeyIsRefusedEvenWithAcceptNew() throws Exception {
        StringBuilder fake = new StringBuilder();
        for (String k : List.of("id_ed25519.pub", "id_ecdsa.pub", "id_rsa.pub")) {
            String[] pub = Files.readString(SshBed.client(k)).split(" ");
            fake.append("[127.0.0.1]:").append(SshBed.port()).append(' ').append(pub[0]).append(' ').append(pub[1]).append('\n');
        }
        Path kh = Files.writeString(home.resolve("known_hosts"), fake.toString());
        SshOptions o = SshBed.options(home, "id_ed25519").withKnownHosts(kh).withAcceptNewHostKey(true);
        SshConnectException e = assertThrows(SshConnectException.class, () -> SshTarget.open(SshBed.as(SshBed.PLAIN_USER), o, LIMITS));
        assertTrue(e.getMessage().startsWith("REFUSED:") && e.getMessage().contains("has CHANGED"), e.getMessage());
        assertTrue(e.getMessage().contains("man-in-the-middle") && e.getMessage().contains("ssh-keygen -R"), e.getMessage());
        assertEquals(fake.toString(), Files.readString(kh));
    }

    @Test
    void wrongKeyAndRefusedPortAreClearFailures() throws Exception {
        SshConnectException wrong = assertThrows(SshConnectException.class, () -> open(SshBed.PLAIN_USER, "id_ed25519_unauthorized", false));
        assertEquals("ssh", wrong.stage());
        assertTrue(wrong.getMessage().contains("accepted none of the keys offered")
                && wrong.getMessage().contains("id_ed25519_unauthorized"), wrong.getMessage());

        int free;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            free = s.getLocalPort();
        }
        SshConnectException refused = assertThrows(SshConnectException.class, () -> SshTarget.open(
                SshDestination.of(SshBed.PLAIN_USER, "127.0.0.1", free), SshBed.options(home, "id_ed25519"), LIMITS));
        assertTrue(refused.getMessage().contains("connection refused"), refused.getMessage());
    }

    @Test
    void encryptedKeyWorksWithItsPassphraseOnly() throws Exception {
        SshOptions o = SshBed.options(home, "id_ed25519_passphrase");
        SshConnectException none = assertThrows(SshConnectException.class, () -> SshTarget.open(SshBed.as(SshBed.PLAIN_USER), o, LIMITS));
        assertTrue(none.getMessage().contains("is encrypted and no passphrase was given"), none.getMessage());
        String pass = SshBed.passphrase();
        SshConnectException wrong = assertThrows(SshConnectException.class, () -> SshTarget.open(SshBed.as(SshBed.PLAIN_USER),
                o.withPassphrase(Optional.of(KeyPassphrase.of(pass + "x"))), LIMITS));
        assertTrue(wrong.getMessage().contains("does not decrypt it"), wrong.getMessage());
        assertFalse(wrong.getMessage().contains(pass), "the passphrase never appears");
        try (SshTarget t = SshTarget.open(SshBed.as(SshBed.PLAIN_USER), o.withPassphrase(Optional.of(KeyPassphrase.of(pass))), LIMITS)) {
            assertEquals(0, t.run(CommandCatalog.command("uname-release")).exitCode());
        }
    }

    @Test
    void sudoUserRunsEveryRootCommandOfTheCatalogWithSudoN() throws Exception {
        List<String> notAllowed = new ArrayList<>();
        for (CommandCatalog.Spec s : CommandCatalog.all()) {
            if (!s.needsRoot()) {
                continue;
            }
            List<String> argv = new ArrayList<>(List.of("sudo", "-n", "-l", "-U", SshBed.SUDO_USER));
            s.template().forEach(w -> argv.add(w.equals("{}") ? "user=a,host=b,addr=127.0.0.1" : w));
            String out = SshBed.run(false, Map.of(), argv.toArray(String[]::new));
            if (out.isBlank() || out.contains("not allowed")) {
                notAllowed.add(String.join(" ", s.template()) + ": " + out.strip());
            }
        }
        assertEquals(List.of(), notAllowed, "scripts/testbed.d/sshd.sh SSHD_SUDO_COMMANDS lacks root commands of the catalog");
        try (SshTarget t = open(SshBed.SUDO_USER, "id_ed25519", true)) {
            var r = t.run(CommandCatalog.command("sshd-effective"));
            assertEquals(0, r.exitCode(), r.stderr());
            assertTrue(r.stdout().contains("\nport ") || r.stdout().startsWith("port "), r.stdout());
            assertTrue(t.accessProblems().isEmpty(), t.accessProblems().toString());
        }
    }

    @Test
    void rootOnlyFilesAreReadWithSudoCatAndStatted() throws Exception {
        Path secret = Files.writeString(rootOnly.resolve("secret.conf"), "key = value\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        try (SshTarget t = open(SshBed.SUDO_USER, "id_ed25519", true)) {
            assertEquals("key = value\n", t.read(secret.toString()).text());
            FileStat st = t.stat(secret.toString()).orElseThrow();
            assertEquals(FileStat.Type.FILE, st.type());
            assertEquals(0600, st.mode());
            assertEquals("root", st.owner());
            assertEquals(12, st.size());
            assertTrue(t.stat(rootOnly.resolve("none").toString()).isEmpty());
            assertTrue(t.list(rootOnly.toString()).contains(new DirEntry("secret.conf", FileStat.Type.FILE)), "sudo ls");
            assertTrue(t.glob(rootOnly + "/*.conf").contains(secret.toString()), "globs in root-only directories");
            TargetException missing = assertThrows(TargetException.class, () -> t.read(rootOnly.resolve("none").toString()));
            assertEquals(TargetException.Reason.NOT_FOUND, missing.reason());
        }
        try (SshTarget t = open(SshBed.PLAIN_USER, "id_ed25519", false)) {
            TargetException denied = assertThrows(TargetException.class, () -> t.read(secret.toString()));
            assertEquals(TargetException.Reason.PERMISSION_DENIED, denied.reason());
            assertTrue(denied.getMessage().contains("--sudo"), denied.getMessage());
        }
    }

    @Test
    void sudoRefusedMakesRootFactsNotApplicableAndIsAProblemOfStageSudo() throws Exception {
        Path secret = Files.writeString(rootOnly.resolve("refused.conf"), "x\n");
        try (SshTarget t = open(SshBed.PLAIN_USER, "id_rsa", true)) {
            TargetException cmd = assertThrows(TargetException.class, () -> t.run(CommandCatalog.command("sshd-effective")));
            assertEquals(TargetException.Reason.NOT_SUPPORTED, cmd.reason());
            assertTrue(cmd.getMessage().contains("a password is required"), cmd.getMessage());
            TargetException file = assertThrows(TargetException.class, () -> t.read(secret.toString()));
            assertEquals(TargetException.Reason.NOT_SUPPORTED, file.reason());
            assertTrue(file.isAbsence());
            assertEquals(0, t.run(CommandCatalog.command("uname-release")).exitCode());
            assertEquals(1, t.accessProblems().size(), t.accessProblems().toString());
            assertEquals("sudo", t.accessProblems().get(0).stage());
        }
    }

    @Test
    void fileEdgeCasesOverSftp() throws Exception {
        Path big = files.resolve("big.conf");
        Files.writeString(big, "x".repeat(300 * 1024));
        Files.writeString(files.resolve("a.conf"), "a\n");
        Files.createSymbolicLink(files.resolve("loop1"), files.resolve("loop2"));
        Files.createSymbolicLink(files.resolve("loop2"), files.resolve("loop1"));
        Files.createSymbolicLink(files.resolve("dangling"), files.resolve("nothing"));
        Files.createSymbolicLink(files.resolve("link.conf"), files.resolve("a.conf"));
        SshBed.run("mkfifo", files.resolve("fifo").toString());
        try (SshTarget t = open(SshBed.PLAIN_USER, "id_ed25519", false)) {
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                assertEquals(TargetException.Reason.NOT_FOUND, assertThrows(TargetException.class, () -> t.read(files + "/none")).reason());
                assertTrue(t.stat(files + "/none").isEmpty());
                assertEquals(TargetException.Reason.BINARY, assertThrows(TargetException.class, () -> t.read("/usr/bin/true")).reason());
                TargetException huge = assertThrows(TargetException.class, () -> t.read(big.toString()));
                assertEquals(TargetException.Reason.TOO_LARGE, huge.reason());
                assertTrue(huge.getMessage().contains("307200 bytes"), huge.getMessage());
                assertEquals(TargetException.Reason.IO, assertThrows(TargetException.class, () -> t.read(files + "/fifo")).reason());
                assertEquals(TargetException.Reason.IO, assertThrows(TargetException.class, () -> t.read(files.toString())).reason());
                assertEquals(TargetException.Reason.SYMLINK_LOOP, assertThrows(TargetException.class, () -> t.read(files + "/loop1")).reason());
                assertTrue(t.stat(files + "/dangling").isEmpty());
                assertEquals("a\n", t.read(files + "/link.conf").text());
                List<DirEntry> list = t.list(files.toString());
                assertTrue(list.contains(new DirEntry("link.conf", FileStat.Type.SYMLINK)), list.toString());
                assertTrue(list.contains(new DirEntry("a.conf", FileStat.Type.FILE)), list.toString());
                assertTrue(list.contains(new DirEntry("root-only", FileStat.Type.DIRECTORY)), list.toString());
                assertEquals(List.of(files + "/a.conf", files + "/big.conf", files + "/link.conf"), t.glob(files + "/*.conf"));
                assertEquals(TargetException.Reason.PERMISSION_DENIED,
                        assertThrows(TargetException.class, () -> t.list(rootOnly.toString())).reason());
            });
        }
    }

    @Test
    void hugeRootOnlyFileIsCappedAlsoThroughSudo() throws Exception {
        Path big = Files.writeString(rootOnly.resolve("big-secret.conf"), "y".repeat(300 * 1024));
        try (SshTarget t = open(SshBed.SUDO_USER, "id_ed25519", true)) {
            assertEquals(TargetException.Reason.TOO_LARGE, assertThrows(TargetException.class, () -> t.read(big.toString())).reason());
        }
    }

    @Test
    void pathsAreDataNeverShellOrWildcards() throws Exception {
        String home = SshBed.run("getent", "passwd", SshBed.SUDO_USER).split(":")[5];
        List<Path> canaries = List.of(Path.of(home, "pwned"), Path.of("/pwned"), Path.of(home, "pwned2"));
        List<String> names = List.of("x'; touch pwned; '", "$(touch pwned)", "`touch pwned2`", "';touch pwned;'",
                "a b", "a*b", "a?b", "a\\b", "a\"b", "new\nline", "-rf");
        Files.writeString(files.resolve("axb"), "decoy\n");
        Files.writeString(files.resolve("a\\\\b"), "decoy\n");
        for (String n : names) {
            Files.writeString(files.resolve(n), "open:" + n);
            Path hidden = Files.writeString(rootOnly.resolve(n), "root:" + n);
            Files.setPosixFilePermissions(hidden, PosixFilePermissions.fromString("rw-------"));
        }
        try (SshTarget t = open(SshBed.SUDO_USER, "id_ed25519", true)) {
            for (String n : names) {
                assertEquals("open:" + n, t.read(files + "/" + n).text(), "SFTP: " + n);
                assertEquals("root:" + n, t.read(rootOnly + "/" + n).text(), "sudo cat: " + n);
                assertEquals(FileStat.Type.FILE, t.stat(rootOnly + "/" + n).orElseThrow().type(), "sudo stat: " + n);
            }
            assertTrue(t.stat(rootOnly + "/x'; rm -rf /tmp/none; '").isEmpty());
        }
        for (Path c : canaries) {
            assertFalse(Files.exists(c), "a path ran as a command: " + c);
        }
    }

    /** Helpers for this test's files (deleting a tree with a FIFO and links in it). */
    private static final class SshBedFiles {
        static void delete(Path root) throws IOException {
            try (var walk = Files.walk(root)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
