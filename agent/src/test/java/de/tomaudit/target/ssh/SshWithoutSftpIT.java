package de.tomaudit.target.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import de.tomaudit.audit.AuditOptions;
import de.tomaudit.audit.TargetAuditor;
import de.tomaudit.probe.ProbeSettings;
import de.tomaudit.result.TargetResult;
import de.tomaudit.rules.Rule;
import de.tomaudit.rules.RuleLoader;
import de.tomaudit.target.AccessProblem;
import de.tomaudit.target.DirEntry;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The bed's hardened OpenSSH with its {@code Subsystem} line removed (the sshd module's
 * {@code nosftp} daemon) against the same daemon with SFTP: every read, byte read, stat and
 * listing of a tree of edge cases gives the same value or the same failure, without and with
 * sudo (granted and refused); a whole host audit gives the same findings, errors and status;
 * the missing subsystem is said once per connection.
 */
class SshWithoutSftpIT {
    private static final Limits LIMITS = new Limits(256 * 1024, Duration.ofSeconds(15), 8 * 1024 * 1024);
    private static Path files;
    private static final List<String> PATHS = new ArrayList<>();

    @TempDir Path home;

    @BeforeAll
    static void tree() throws Exception {
        SshBed.knownHosts();
        SshBed.noSftpPort();
        files = Files.createTempDirectory(Path.of("/tmp"), "tomaudit-nosftp-it-");
        Files.setPosixFilePermissions(files, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path rootOnly = Files.createDirectory(files.resolve("root-only"));
        Files.setPosixFilePermissions(rootOnly, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(files.resolve("a.conf"), "a = 1\n");
        Files.writeString(files.resolve("big.conf"), "x".repeat(300 * 1024));
        Files.writeString(files.resolve("exact.conf"), "y".repeat(256 * 1024));
        Files.write(files.resolve("nul.bin"), new byte[] {'a', 0, 'b'});
        try (GZIPOutputStream gz = new GZIPOutputStream(Files.newOutputStream(files.resolve("Packages.gz")))) {
            gz.write("Package: x\n".getBytes(StandardCharsets.UTF_8));
        }
        Files.writeString(files.resolve("umlaut-ä.conf"), "grüße\n");
        Path denied = Files.writeString(files.resolve("denied.conf"), "secret\n");
        Files.setPosixFilePermissions(denied, PosixFilePermissions.fromString("rw-------"));
        Files.createSymbolicLink(files.resolve("loop1"), files.resolve("loop2"));
        Files.createSymbolicLink(files.resolve("loop2"), files.resolve("loop1"));
        Files.createSymbolicLink(files.resolve("dangling"), files.resolve("nothing"));
        Files.createSymbolicLink(files.resolve("link.conf"), files.resolve("a.conf"));
        Files.createSymbolicLink(files.resolve("linkdir"), rootOnly);
        Files.createDirectory(files.resolve("empty"));
        Path unsearchable = Files.createDirectory(files.resolve("unsearchable"));
        Files.writeString(unsearchable.resolve("inside.conf"), "x\n");
        Files.createSymbolicLink(unsearchable.resolve("link.conf"), unsearchable.resolve("inside.conf"));
        Files.setPosixFilePermissions(unsearchable, PosixFilePermissions.fromString("rwxr-xr--"));
        SshBed.run("mkfifo", files.resolve("fifo").toString());
        for (String n : List.of("x'; touch pwned; '", "$(touch pwned)", "a b", "a*b", "new\nline", "-rf")) {
            Files.writeString(files.resolve(n), "open:" + n);
            Path hidden = Files.writeString(rootOnly.resolve(n), "root:" + n);
            Files.setPosixFilePermissions(hidden, PosixFilePermissions.fromString("rw-------"));
            PATHS.add(files + "/" + n);
            PATHS.add(rootOnly + "/" + n);
        }
        Path secret = Files.writeString(rootOnly.resolve("secret.conf"), "key = value\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        for (String n : List.of("", "/a.conf", "/big.conf", "/exact.conf", "/nul.bin", "/Packages.gz", "/umlaut-ä.conf",
                "/denied.conf", "/loop1", "/dangling", "/link.conf", "/linkdir", "/empty", "/fifo", "/none", "/a.conf/x",
                "/root-only", "/root-only/secret.conf", "/root-only/none", "/unsearchable", "/unsearchable/inside.conf")) {
            PATHS.add(files + n);
        }
        PATHS.addAll(List.of("/etc/os-release", "/etc/shadow", "/usr/bin/true", "/etc", "/etc/ssh", "/var/lib/apt/lists"));
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (files != null) {
            try (var walk = Files.walk(files)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private SshTarget open(SshDestination d, boolean sudo) throws SshConnectException {
        return SshTarget.open(d, SshBed.options(home, "id_ed25519").withSudo(sudo), LIMITS);
    }

    /** What each request gives for a path: the value, or the failure's reason. */
    private static List<String> observe(Target t) {
        List<String> out = new ArrayList<>();
        for (String p : PATHS) {
            out.add(p + " read: " + attempt(() -> t.read(p).text()));
            out.add(p + " bytes: " + attempt(() -> java.util.HexFormat.of().formatHex(t.readBytes(p).bytes()).length()
                    + ":" + java.util.Arrays.hashCode(t.readBytes(p).bytes())));
            out.add(p + " stat: " + attempt(() -> t.stat(p).map(SshWithoutSftpIT::stat).orElse("absent")));
            out.add(p + " list: " + attempt(() -> t.list(p).stream().map(DirEntry::toString).toList().toString()));
        }
        out.add("glob: " + attempt(() -> t.glob(files + "/root-only/*.conf").toString()));
        return out;
    }

    private static String stat(FileStat s) {
        return s.type() + " " + s.octalMode() + " " + s.owner() + ":" + s.group() + " " + s.size() + " " + s.modified();
    }

    @FunctionalInterface
    private interface Io {
        String get() throws TargetException;
    }

    private static String attempt(Io io) {
        try {
            return io.get();
        } catch (TargetException e) {
            return e.reason() + (e.isAbsence() ? " (absent)" : "");
        }
    }

    @Test
    void everyFileRequestGivesTheSameOverExecAsOverSftpWithAndWithoutSudo() throws Exception {
        record Case(String user, boolean sudo) { }
        ListAppender<ILoggingEvent> log = capture();
        try {
            for (Case c : List.of(new Case(SshBed.PLAIN_USER, false), new Case(SshBed.SUDO_USER, true),
                    new Case(SshBed.PLAIN_USER, true))) {
                List<String> sftp;
                List<AccessProblem> sftpProblems;
                try (SshTarget t = open(SshBed.as(c.user()), c.sudo())) {
                    sftp = observe(t);
                    sftpProblems = t.accessProblems();
                }
                int before = warnings(log);
                try (SshTarget t = open(SshBed.withoutSftp(c.user()), c.sudo())) {
                    List<String> exec = observe(t);
                    for (int i = 0; i < sftp.size(); i++) {
                        assertEquals(sftp.get(i), exec.get(i), c + ": over exec as over SFTP");
                    }
                    assertEquals(sftp.size(), exec.size());
                    assertEquals(sftpProblems.stream().map(p -> p.message().replace(":" + SshBed.port(), ":PORT")).toList(),
                            t.accessProblems().stream().map(p -> p.message().replace(":" + SshBed.noSftpPort(), ":PORT")).toList(),
                            c + ": the same problems");
                }
                assertEquals(1, warnings(log) - before, c + ": the missing SFTP subsystem is said once per connection");
                if (c.sudo() && c.user().equals(SshBed.SUDO_USER)) {
                    assertTrue(sftp.contains(files + "/root-only/secret.conf read: key = value\n"), sftp.toString());
                }
                if (c.sudo() && c.user().equals(SshBed.PLAIN_USER)) {
                    assertEquals(1, sftpProblems.size(), "sudo refused once: " + sftpProblems);
                }
            }
            assertFalse(Files.exists(Path.of(System.getProperty("user.home"), "pwned")));
        } finally {
            ((Logger) LoggerFactory.getLogger(SshTarget.class)).detachAppender(log);
            ((Logger) LoggerFactory.getLogger(SshTarget.class)).setLevel(null);
        }
    }

    @Test
    void aHostAuditGivesTheSameFindingsErrorsAndStatusWithoutSftp() throws Exception {
        List<Rule> rules = RuleLoader.loadDirectory(TestPaths.repo().resolve("rules/host"));
        AuditOptions o = new AuditOptions(Set.of("host"), rules, List.of(), "en", 1, LIMITS,
                SshBed.options(home, "id_ed25519"), Optional.empty(), ProbeSettings.DEFAULT.disabled());
        for (boolean sudo : List.of(false, true)) {
            String user = sudo ? SshBed.SUDO_USER : SshBed.PLAIN_USER;
            TargetResult sftp;
            TargetResult exec;
            try (SshTarget t = open(SshBed.as(user), sudo)) {
                sftp = new TargetAuditor().audit("bed", t, o);
            }
            try (SshTarget t = open(SshBed.withoutSftp(user), sudo)) {
                exec = new TargetAuditor().audit("bed", t, o);
            }
            assertEquals(sftp.status(), exec.status(), user + ": " + exec.errors());
            assertEquals(sftp.errors(), exec.errors(), user);
            assertEquals(view(sftp), view(exec), user);
            assertEquals(rules.size(), exec.findings().size());
        }
    }

    /**
     * What a finding says and shows. The live state of the machine changes between the two audits and is not
     * what is compared: the number of processes running, and the sockets other tests open and close meanwhile
     * (a listener line of {@code ss}); the rest of that evidence is compared.
     */
    private static List<String> view(TargetResult r) {
        return r.findings().stream().map(f -> f.ruleId() + " " + f.status() + " " + f.evidence().stream()
                .filter(e -> !(e.source().equals("command: ss -H -tulpn") && e.value().matches("(tcp|udp) \\S+")))
                .map(e -> e.toString().replaceAll("value=\\d+ processes", "value=N processes")).toList()).toList();
    }

    /** The SshTarget log at INFO, as with -v: the missing SFTP subsystem is a log line only there (the report says it). */
    private static ListAppender<ILoggingEvent> capture() {
        ListAppender<ILoggingEvent> a = new ListAppender<>();
        a.start();
        Logger logger = (Logger) LoggerFactory.getLogger(SshTarget.class);
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        logger.addAppender(a);
        return a;
    }

    private static int warnings(ListAppender<ILoggingEvent> log) {
        return (int) List.copyOf(log.list).stream().filter(e -> e.getFormattedMessage().contains("no SFTP subsystem")).count();
    }
}
