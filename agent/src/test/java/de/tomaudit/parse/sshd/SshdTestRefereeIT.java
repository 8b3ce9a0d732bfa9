package de.tomaudit.parse.sshd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.testsupport.TestPaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sshd itself is the referee (issue 13, point 5): for a corpus of sshd_config files (Debian's
 * default, the project's fixtures and hostile cases, and lines written to probe the edges of Match,
 * numbers, time specs and keywords) our "config valid" verdict ({@code sshd.config_valid}: no
 * problem but deprecated options) agrees with {@code sshd -t -f FILE} of the test bed's OpenSSH 9.2.
 * Include lines are left out: sshd would read this machine's drop-ins.
 */
class SshdTestRefereeIT {
    private static final String SSHD = "/usr/sbin/sshd";
    @TempDir static Path tmp;
    private static Path hostKey;

    @BeforeAll
    static void hostKey() throws Exception {
        assertTrue(Files.isExecutable(Path.of(SSHD)), SSHD + " missing: run scripts/testbed start sshd");
        hostKey = tmp.resolve("host_ed25519");
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hostKey.toString())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "ssh-keygen");
    }

    static Map<String, String> corpus() throws Exception {
        Map<String, String> c = new LinkedHashMap<>();
        Path debian = TestPaths.debianFile("openssh-server", "usr/share/openssh/sshd_config");
        c.put("debian default", Files.readString(debian));
        Path res = TestPaths.repo().resolve("agent/src/test/resources");
        for (String f : List.of("de/tomaudit/report/weak/etc/ssh/sshd_config", "de/tomaudit/report/hardened/etc/ssh/sshd_config",
                "hostile/sshd-bad-match/etc/ssh/sshd_config", "hostile/sshd-numbers/etc/ssh/sshd_config")) {
            c.put(f, Files.readString(res.resolve(f)));
        }
        String[] lines = {
            "PasswordAuthentication no",
            "Match User alice\n  PasswordAuthentication yes",
            "Match\n  PasswordAuthentication yes",
            "Match Foo bar\n  PasswordAuthentication yes",
            "Match User\n  PasswordAuthentication yes",
            "Match User alice Group\n  PasswordAuthentication yes",
            "Match Address 10.0.0.1/8\n  PasswordAuthentication yes",
            "Match Address 10.0.0.0/33\n  PasswordAuthentication yes",
            "Match Address 10.0.0.0/8,!10.1.0.0/16 User x\n  PasswordAuthentication yes",
            "Match Address 2001:db8::/32\n  PasswordAuthentication yes",
            "Match Address 2001:db8::1/32\n  PasswordAuthentication yes",
            "Match all\n  PasswordAuthentication yes",
            "Match all User x\n  PasswordAuthentication yes",
            "Match LocalPort 22\n  PasswordAuthentication yes",
            "Match Host *.example.org Address 192.168.0.0/16\n  PasswordAuthentication yes",
            "Match Group admins\n  ForceCommand internal-sftp",
            "Match User x\n  Port 2222",
            "Match User x\n  UnknownThing yes",
            "Port 70000",
            "Port 0",
            "Port 2222",
            "MaxStartups 10:30:60",
            "MaxStartups 10:30:200",
            "MaxStartups 60:30:10",
            "MaxStartups abc",
            "LoginGraceTime 2m",
            "LoginGraceTime 2x",
            "LoginGraceTime 99999999999999999999",
            "MaxAuthTries 3",
            "MaxAuthTries -1",
            "MaxAuthTries 99999999999999999999",
            "ClientAliveInterval 1w",
            "UnknownKeyword yes",
            "Protocol 2",
            "PermitRootLogin prohibit-password",
            "PermitRootLogin maybe",
            "PasswordAuthentication perhaps",
            "Ciphers aes128-ctr,bogus-cipher",
            "Ciphers aes256-gcm@openssh.com,chacha20-poly1305@openssh.com",
            "KexAlgorithms -diffie-hellman-group1-sha1",
            "ListenAddress 127.0.0.1:2222",
            "ListenAddress 127.0.0.1:99999",
            "AllowUsers alice bob@10.0.0.0/8",
            "X11Forwarding yes\nX11Forwarding no",
        };
        for (String l : lines) {
            c.put(l.replace("\n", " / "), l + "\n");
        }
        return c;
    }

    @Test
    void ourVerdictAgreesWithSshdDashT() throws Exception {
        List<String> disagree = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, String> e : corpus().entrySet()) {
            String text = e.getValue().lines().filter(l -> !l.strip().toLowerCase(java.util.Locale.ROOT).startsWith("include"))
                    .reduce("", (a, b) -> a + b + "\n");
            Path file = tmp.resolve("sshd_config." + n++);
            Files.writeString(file, text);
            boolean sshdValid = sshdAccepts(file);
            SshdConfig c = SshdConfigParser.parseText(file.toString(), text, new MapSource()); // nothing included
            List<ConfigProblem> problems = c.problems().stream().filter(p -> !p.message().startsWith("Deprecated option")).toList();
            if (sshdValid != problems.isEmpty()) {
                disagree.add(e.getKey() + ": sshd -t " + (sshdValid ? "accepts" : "refuses") + ", we say "
                        + (problems.isEmpty() ? "valid" : problems.get(0).message()));
            }
        }
        assertEquals(List.of(), disagree);
    }

    private static boolean sshdAccepts(Path file) throws Exception {
        Process p = new ProcessBuilder(SSHD, "-t", "-f", file.toString(), "-h", hostKey.toString())
                .redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "sshd -t finished");
        String said = new String(out, StandardCharsets.UTF_8);
        assertTrue(!said.contains("no hostkeys") && !said.contains("Privilege separation"), "sshd -t could judge: " + said);
        return p.exitValue() == 0;
    }
}
