package de.tomaudit.target.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.audit.AuditOptions;
import de.tomaudit.audit.TargetAuditor;
import de.tomaudit.audit.TargetOpener;
import de.tomaudit.audit.TargetSpec;
import de.tomaudit.fleet.FleetRunner;
import de.tomaudit.fleet.FleetTarget;
import de.tomaudit.collect.Collector;
import de.tomaudit.collect.PlannedAccess;
import de.tomaudit.collect.Reads;
import de.tomaudit.facts.FactSet;
import de.tomaudit.result.AuditResult;
import de.tomaudit.result.TargetResult;
import de.tomaudit.result.TargetStatus;
import de.tomaudit.target.AccessProblem;
import de.tomaudit.target.Command;
import de.tomaudit.target.CommandCatalog;
import de.tomaudit.target.CommandResult;
import de.tomaudit.target.Limits;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSH target against an embedded MINA SSHD that misbehaves on purpose: exact command text,
 * the allow-list gate, a command hanging past its timeout, a connection dropped mid-command, the
 * per-target timeout, sudo refusals, host keys, login failures and ProxyJump.
 */
class SshTargetMinaTest {
    private static final String ENV = "env LC_ALL=C LANG=C PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static final Limits FAST = new Limits(1024 * 1024, Duration.ofSeconds(1), 1024 * 1024);

    @TempDir Path dir;

    private SshOptions options(MinaServer server, Path key) throws Exception {
        return SshOptions.fromEnvironment(Map.of("HOME", dir.toString()))
                .withIdentities(List.of(key))
                .withKnownHosts(server.knownHosts(dir))
                .withAgentSocket(Optional.empty())
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    private SshTarget open(MinaServer server, SshOptions o, Limits limits) throws Exception {
        return SshTarget.open(SshDestination.of("audit", "127.0.0.1", server.port()), o, limits);
    }

    /** The one request that tells whether a program is installed on a server without SFTP. */
    private static String lookup(String program) {
        StringBuilder b = new StringBuilder("stat -L -c %n --");
        for (String dir : RemoteCommand.PATH.split(":")) {
            b.append(" '").append(dir).append('/').append(program).append('\'');
        }
        return b.toString();
    }

    private static void answer(String command, MinaServer.Exec exec) throws Exception {
        exec.print("out:" + command.length() + "\n", "", 0);
    }

    @Test
    void commandsArriveExactlyAsPlannedWithSudoOnlyForRootCommands() throws Exception {
        try (MinaServer server = MinaServer.start(SshTargetMinaTest::answer)) {
            Path key = MinaServer.clientKey(dir, "id");
            try (SshTarget t = open(server, options(server, key).withSudo(true), FAST)) {
                CommandResult r = t.run(CommandCatalog.command("uname-release"));
                assertEquals(0, r.exitCode());
                assertTrue(r.stdout().startsWith("out:"), r.stdout());
                t.run(CommandCatalog.command("sshd-effective-match", "user=a,host=b,addr=127.0.0.1"));
                assertEquals("ssh://audit@127.0.0.1:" + server.port(), t.address());
                assertEquals("127.0.0.1", t.name());
            }
            assertEquals(List.of(ENV + " " + lookup("uname"), ENV + " uname -r", ENV + " " + lookup("sshd"),
                    ENV + " sudo -n -- sshd -T -C 'user=a,host=b,addr=127.0.0.1'"), server.commands,
                    "without SFTP, each program is looked up once (one stat of the PATH candidates) before it runs");
        }
    }

    @Test
    void forgedCommandsAreRefusedBeforeAnythingIsSent() throws Exception {
        try (MinaServer server = MinaServer.start(SshTargetMinaTest::answer)) {
            Path key = MinaServer.clientKey(dir, "id");
            try (SshTarget t = open(server, options(server, key).withSudo(true), FAST)) {
                List<Command> forged = List.of(
                        new Command("sshd-effective", List.of("sh", "-c", "rm -rf /"), true),
                        new Command("uname-release", List.of("uname", "-r;", "rm", "-rf", "/"), false),
                        new Command("sshd-effective-match", List.of("sshd", "-T", "-C", "x;rm -rf /"), true),
                        new Command("fail2ban-jail", List.of("fail2ban-client", "status", "$(reboot)"), true),
                        new Command("rm-everything", List.of("rm", "-rf", "/"), false));
                for (Command c : forged) {
                    TargetException e = assertThrows(TargetException.class, () -> t.run(c), c.line());
                    assertEquals(TargetException.Reason.NOT_ALLOWED, e.reason(), c.line());
                }
            }
            assertEquals(List.of(), server.commands, "no exec request reached the server");
        }
    }

    @Test
    void aHangingCommandIsStoppedAtItsTimeoutAndItsChannelClosed() throws Exception {
        CountDownLatch released = new CountDownLatch(1);
        try (MinaServer server = MinaServer.start((cmd, exec) -> {
            if (cmd.endsWith("uname -r")) {
                exec.hang();
                released.countDown();
            } else {
                answer(cmd, exec);
            }
        })) {
            Path key = MinaServer.clientKey(dir, "id");
            try (SshTarget t = open(server, options(server, key), FAST)) {
                long start = System.nanoTime();
                TargetException e = assertThrows(TargetException.class, () -> t.run(CommandCatalog.command("uname-release")));
                long ms = (System.nanoTime() - start) / 1_000_000;
                assertEquals(TargetException.Reason.TIMEOUT, e.reason());
                assertTrue(e.getMessage().contains("did not finish within 1 s"), e.getMessage());
                assertTrue(ms >= 900 && ms < 5000, "stopped at the 1 s timeout, took " + ms + " ms");
                assertTrue(released.await(5, TimeUnit.SECONDS), "the server saw the channel closed");
                assertEquals(0, t.run(CommandCatalog.command("lsblk")).exitCode(), "the connection is still usable");
                assertTrue(t.accessProblems().isEmpty(), t.accessProblems().toString());
            }
        }
    }

    @Test
    void aDroppedConnectionIsAnErrorForWhatFollowsNotAHang() throws Exception {
        try (MinaServer server = MinaServer.start((cmd, exec) -> exec.drop("partial outp"))) {
            Path key = MinaServer.clientKey(dir, "id");
            try (SshTarget t = open(server, options(server, key), FAST)) {
                assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                    TargetException e = assertThrows(TargetException.class, () -> t.run(CommandCatalog.command("uname-release")));
                    assertEquals(TargetException.Reason.IO, e.reason());
                    assertTrue(e.getMessage().contains("was lost"), e.getMessage());
                    TargetException next = assertThrows(TargetException.class, () -> t.run(CommandCatalog.command("lsblk")));
                    assertTrue(next.getMessage().contains("was lost"), next.getMessage());
                    TargetException read = assertThrows(TargetException.class, () -> t.read("/etc/os-release"));
                    assertTrue(read.getMessage().contains("was lost"), read.getMessage());
                });
                List<AccessProblem> problems = t.accessProblems();
                assertEquals(1, problems.size(), problems.toString());
                assertEquals("ssh", problems.get(0).stage());
            }
        }
    }

    /** One collector that runs two commands and reads a file: enough to see a target go partial. */
    private static final class TwoCommands implements Collector {
        @Override public String id() { return "two"; }
        @Override public Set<String> kinds() { return Set.of("host"); }
        @Override public List<String> provides() { return List.of("two"); }
        @Override public List<PlannedAccess> plan() { return List.of(); }

        @Override
        public void collect(Target target, FactSet.Builder facts) {
            Reads.command(target, CommandCatalog.command("uname-release"), "two.kernel", facts)
                    .ifPresent(r -> facts.put("two.kernel", r.stdout().strip()));
            Reads.command(target, CommandCatalog.command("sshd-effective"), "two.sshd", facts)
                    .ifPresent(r -> facts.put("two.sshd", r.stdout().strip()));
        }
    }

    @Test
    void inARunADroppedTargetIsPartialAndTheOthersGoOn() throws Exception {
        try (MinaServer dropping = MinaServer.start((cmd, exec) -> exec.drop(""));
             MinaServer healthy = MinaServer.start(SshTargetMinaTest::answer)) {
            Path key = MinaServer.clientKey(dir, "id");
            Path kh = Files.writeString(dir.resolve("kh"), dropping.knownHostsLine() + "\n" + healthy.knownHostsLine() + "\n");
            SshOptions o = options(healthy, key).withKnownHosts(kh);
            AuditOptions ao = new AuditOptions(Set.of("host"), List.of(), List.of(), "en", 4, FAST, o);
            AuditResult r = new FleetRunner(new TargetAuditor(List.of(new TwoCommands())),
                    t -> TargetOpener.open(t.spec(), ao), "test").run(List.of(
                    FleetTarget.of(TargetSpec.parse("ssh://audit@127.0.0.1:" + dropping.port())),
                    FleetTarget.of(TargetSpec.parse("ssh://audit@127.0.0.1:" + healthy.port())),
                    FleetTarget.of(TargetSpec.parse("ssh://audit@127.0.0.1:" + freePort()))), ao,
                    new FleetRunner.Settings(4, Duration.ofSeconds(60)));
            List<TargetResult> t = r.targets();
            assertEquals(TargetStatus.PARTIAL, t.get(0).status(), t.get(0).toString());
            assertTrue(t.get(0).errors().stream().anyMatch(e -> e.stage().equals("ssh") && e.message().contains("was lost")),
                    t.get(0).errors().toString());
            assertEquals(TargetStatus.COMPLETE, t.get(1).status(), t.get(1).toString());
            assertEquals(TargetStatus.UNREACHABLE, t.get(2).status());
            assertTrue(t.get(2).errors().get(0).message().contains("connection refused"), t.get(2).errors().toString());
        }
    }

    @Test
    void thePerTargetTimeoutClosesTheConnection() throws Exception {
        try (MinaServer server = MinaServer.start((cmd, exec) -> exec.hang())) {
            Path key = MinaServer.clientKey(dir, "id");
            SshOptions o = options(server, key).withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(1500));
            try (SshTarget t = open(server, o, new Limits(1024, Duration.ofSeconds(10), 1024))) {
                long start = System.nanoTime();
                TargetException e = assertThrows(TargetException.class, () -> t.run(CommandCatalog.command("uname-release")));
                long ms = (System.nanoTime() - start) / 1_000_000;
                assertEquals(TargetException.Reason.TIMEOUT, e.reason());
                assertTrue(ms < 5000, "bounded by the target timeout, took " + ms + " ms");
                TargetException after = assertThrows(TargetException.class, () -> t.run(CommandCatalog.command("lsblk")));
                assertTrue(after.getMessage().contains("--target-timeout"), after.getMessage());
                assertEquals(1, t.accessProblems().size(), t.accessProblems().toString());
                assertTrue(t.accessProblems().get(0).message().contains("--target-timeout"));
            }
        }
    }

    @Test
    void sudoRefusedMakesRootCommandsNotApplicableAndIsReportedOnce() throws Exception {
        try (MinaServer server = MinaServer.start((cmd, exec) -> {
            if (cmd.contains("sudo -n")) {
                exec.print("", "sudo: a password is required\n", 1);
            } else {
                answer(cmd, exec);
            }
        })) {
            Path key = MinaServer.clientKey(dir, "id");
            try (SshTarget t = open(server, options(server, key).withSudo(true), FAST)) {
                TargetException e = assertThrows(TargetException.class, () -> t.run(CommandCatalog.command("sshd-effective")));
                assertEquals(TargetException.Reason.NOT_SUPPORTED, e.reason());
                assertTrue(e.isAbsence(), "not applicable, not an error");
                assertTrue(e.getMessage().contains("a password is required"), e.getMessage());
                assertThrows(TargetException.class, () -> t.run(CommandCatalog.command("nginx-effective")));
                assertEquals(0, t.run(CommandCatalog.command("uname-release")).exitCode(), "commands without root still run");
                assertEquals(1, server.commands.stream().filter(c -> c.contains("sudo")).count(), "sudo is not tried again");
                List<AccessProblem> p = t.accessProblems();
                assertEquals(1, p.size(), p.toString());
                assertEquals("sudo", p.get(0).stage());
            }
        }
    }

    @Test
    void eachFileRequestIsMadeOncePerTargetAndOnlyALastingFailureIsRemembered() throws Exception {
        try (MinaServer server = MinaServer.start((cmd, exec) -> {
            if (cmd.contains("'/etc/flaky'")) {
                exec.print("", "stat: cannot statx '/etc/flaky': Input/output error\n", 1);
            } else {
                exec.print("", "stat: cannot statx: No such file or directory\n", 1);
            }
        })) {
            Path key = MinaServer.clientKey(dir, "id");
            try (SshTarget t = open(server, options(server, key), FAST)) {
                for (int i = 0; i < 3; i++) {
                    assertEquals(Optional.empty(), t.stat("/etc/absent"));
                    assertFalse(t.exists("/etc/absent"));
                    assertEquals(TargetException.Reason.NOT_FOUND,
                            assertThrows(TargetException.class, () -> t.read("/etc/absent")).reason());
                    assertEquals(TargetException.Reason.IO, assertThrows(TargetException.class, () -> t.stat("/etc/flaky")).reason());
                }
            }
            assertEquals(1, server.commands.stream().filter(c -> c.endsWith("'/etc/absent'")).count(),
                    "one stat for stat, exists and the read (a path found absent is absent for every request): "
                    + server.commands);
            assertEquals(3, server.commands.stream().filter(c -> c.endsWith("'/etc/flaky'")).count(),
                    "an I/O error may pass, so it is asked again: " + server.commands);
        }
    }

    @Test
    void commandsThatAreNotInstalledAreAbsentNotErrors() throws Exception {
        try (MinaServer server = MinaServer.start((cmd, exec) -> exec.print("", "env: 'nginx': No such file or directory\n", 127))) {
            Path key = MinaServer.clientKey(dir, "id");
            try (SshTarget t = open(server, options(server, key), FAST)) {
                TargetException e = assertThrows(TargetException.class, () -> t.run(CommandCatalog.command("nginx-effective")));
                assertEquals(TargetException.Reason.NOT_FOUND, e.reason());
                assertEquals("nginx is not installed", e.getMessage());
            }
        }
    }

    @Test
    void unknownAndChangedHostKeysAreRefused() throws Exception {
        try (MinaServer server = MinaServer.start(SshTargetMinaTest::answer);
             MinaServer other = MinaServer.start(SshTargetMinaTest::answer)) {
            Path key = MinaServer.clientKey(dir, "id");
            Path empty = dir.resolve("empty_known_hosts");
            SshConnectException unknown = assertThrows(SshConnectException.class,
                    () -> open(server, options(server, key).withKnownHosts(empty), FAST));
            assertEquals("ssh", unknown.stage());
            assertTrue(unknown.getMessage().matches("(?s).*ECDSA key fingerprint SHA256:[A-Za-z0-9+/]{43}\\..*"), unknown.getMessage());
            assertTrue(unknown.getMessage().contains("--accept-new-host-key"), unknown.getMessage());
            assertFalse(Files.exists(empty));

            Path wrong = Files.writeString(dir.resolve("wrong"), other.knownHostsLine().replace("]:" + other.port() + " ", "]:" + server.port() + " ") + "\n");
            String before = Files.readString(wrong);
            SshConnectException changed = assertThrows(SshConnectException.class,
                    () -> open(server, options(server, key).withKnownHosts(wrong).withAcceptNewHostKey(true), FAST));
            assertTrue(changed.getMessage().startsWith("REFUSED: the ECDSA host key of [127.0.0.1]:" + server.port() + " has CHANGED"),
                    changed.getMessage());
            assertEquals(before, Files.readString(wrong));
            assertEquals(List.of(), server.commands);

            try (SshTarget t = open(server, options(server, key).withKnownHosts(empty).withAcceptNewHostKey(true), FAST)) {
                assertEquals(0, t.run(CommandCatalog.command("uname-release")).exitCode());
            }
            try (SshTarget t = open(server, options(server, key).withKnownHosts(empty), FAST)) {
                assertEquals(0, t.run(CommandCatalog.command("uname-release")).exitCode(), "known from now on");
            }
        }
    }

    @Test
    void loginFailuresSayWhichKeysWereTried() throws Exception {
        try (MinaServer server = MinaServer.start(SshTargetMinaTest::answer, (user, k) -> false)) {
            Path key = MinaServer.clientKey(dir, "id_wrong");
            SshConnectException e = assertThrows(SshConnectException.class, () -> open(server, options(server, key), FAST));
            assertTrue(e.getMessage().contains("accepted none of the keys offered") && e.getMessage().contains(key.toString()),
                    e.getMessage());
            Path garbage = Files.writeString(dir.resolve("id_garbage"), "-----BEGIN OPENSSH PRIVATE KEY-----\nnot a key\n");
            SshConnectException g = assertThrows(SshConnectException.class,
                    () -> open(server, options(server, key).withIdentities(List.of(garbage)), FAST));
            assertTrue(g.getMessage().contains("no key to offer") && g.getMessage().contains("not a private key"), g.getMessage());
            assertFalse(g.getMessage().contains("not a key"), "the file's content is never quoted: " + g.getMessage());
        }
    }

    @Test
    void proxyJumpRunsTheTargetConnectionThroughTheJumpHost() throws Exception {
        try (MinaServer jump = MinaServer.start(SshTargetMinaTest::answer);
             MinaServer target = MinaServer.start(SshTargetMinaTest::answer)) {
            Path key = MinaServer.clientKey(dir, "id");
            Path kh = Files.writeString(dir.resolve("kh"), jump.knownHostsLine() + "\n" + target.knownHostsLine() + "\n");
            Path config = Files.writeString(dir.resolve("config"), "Host behind\n  HostName 127.0.0.1\n  Port " + target.port()
                    + "\n  User audit\n  ProxyJump hop@127.0.0.1:" + jump.port() + "\n");
            SshOptions o = options(target, key).withKnownHosts(kh).withSshConfig(config);
            try (SshTarget t = SshTarget.open(new SshDestination(Optional.empty(), "behind", java.util.OptionalInt.empty()), o, FAST)) {
                assertEquals(0, t.run(CommandCatalog.command("uname-release")).exitCode());
                assertEquals(1, jump.sessions(), "the connection goes through the jump host");
                assertEquals("behind", t.name());
                assertEquals("ssh://audit@127.0.0.1:" + target.port(), t.address());
            }
            assertEquals(List.of(ENV + " " + lookup("uname"), ENV + " uname -r"), target.commands);
            assertEquals(List.of(), jump.commands, "the jump host only forwards");

            Path onlyJump = Files.writeString(dir.resolve("kh2"), jump.knownHostsLine() + "\n");
            SshConnectException e = assertThrows(SshConnectException.class,
                    () -> SshTarget.open(new SshDestination(Optional.empty(), "behind", java.util.OptionalInt.empty()),
                            o.withKnownHosts(onlyJump), FAST));
            assertTrue(e.getMessage().contains("[127.0.0.1]:" + target.port() + " is unknown"), "the target's own key is checked: "
                    + e.getMessage());
        }
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
