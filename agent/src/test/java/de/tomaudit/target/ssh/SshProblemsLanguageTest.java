package de.tomaudit.target.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.i18n.GermanRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSH target's access problems under {@code --lang de}: a host without SFTP, sudo refused, the
 * connection lost mid-run, a server that closes every exec channel and the target's time running
 * out are German causes on the console, in the Markdown report and in the JSON errors, and so are the
 * reasons of the facts and rules they left undecided. Each server is audited in both languages;
 * every text that is the same in both and reads as English is listed at once.
 */
class SshProblemsLanguageTest {
    @TempDir Path dir;

    private List<String> english(String scenario, MinaServer.Handler handler, String... extra) throws Exception {
        return english(scenario, handler, () -> { }, extra);
    }

    /** {@code before} runs before each of the two audits (a handler that counts requests starts again). */
    private List<String> english(String scenario, MinaServer.Handler handler, Runnable before, String... extra) throws Exception {
        Path key = MinaServer.clientKey(dir, "id-" + scenario);
        try (MinaServer server = MinaServer.start(handler)) {
            List<String> args = new ArrayList<>(List.of("--no-probe", "--kind", "host,ejabberd", "--sudo",
                    "--known-hosts", server.knownHosts(dir).toString(), "--identity", key.toString(),
                    "--ssh-config", Files.writeString(dir.resolve("ssh_config"), "# none\n").toString()));
            args.addAll(List.of(extra));
            args.add("ssh://audit@127.0.0.1:" + server.port());
            before.run();
            GermanRun.Output de = GermanRun.run(dir, "de", args);
            before.run();
            GermanRun.Output en = GermanRun.run(dir, "en", args);
            assertTrue(scenario.equals("no-sftp") || de.json().get("targets").get(0).get("errors").size() > 0, scenario + ": " + de.err());
            return GermanRun.english(de, en, t -> false).stream().map(t -> scenario + " " + t).toList();
        }
    }

    @Test
    void accessProblemsAndWhatTheyLeftUndecidedAreGermanUnderLangDe() throws Exception {
        List<String> left = new ArrayList<>();
        left.addAll(english("no-sftp", SshProblemsThroughFleetTest::emptyHost));
        left.addAll(english("sudo", (cmd, exec) -> {
            if (cmd.contains("sudo -n")) {
                exec.print("", "sudo: a password is required\n", 1);
            } else {
                SshProblemsThroughFleetTest.emptyHost(cmd, exec);
            }
        }));
        AtomicInteger requests = new AtomicInteger();
        left.addAll(english("lost", (cmd, exec) -> {
            if (requests.incrementAndGet() == 20) {
                exec.drop("");
            } else {
                SshProblemsThroughFleetTest.emptyHost(cmd, exec);
            }
        }, () -> requests.set(0), "--command-timeout", "60"));
        left.addAll(english("closes-exec", (cmd, exec) -> exec.closeUnrun()));
        AtomicInteger slow = new AtomicInteger();
        left.addAll(english("timeout", (cmd, exec) -> {
            if (slow.incrementAndGet() > 15) {
                exec.hang();
            } else {
                SshProblemsThroughFleetTest.emptyHost(cmd, exec);
            }
        }, () -> slow.set(0), "--target-timeout", "2"));
        assertEquals(List.of(), left, "English under --lang de");
    }

    /** A target that cannot be opened: its one error (an unknown host key, a refused or closed port, no key accepted) is German. */
    @Test
    void aTargetThatCannotBeOpenedIsGermanUnderLangDe() throws Exception {
        Path key = MinaServer.clientKey(dir, "id-open");
        List<String> left = new ArrayList<>();
        try (MinaServer server = MinaServer.start(SshProblemsThroughFleetTest::emptyHost);
             MinaServer refusing = MinaServer.start(SshProblemsThroughFleetTest::emptyHost, (user, k) -> false);
             java.net.ServerSocket closed = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int closedPort = closed.getLocalPort();
            closed.close();
            Path emptyKnownHosts = Files.writeString(dir.resolve("known_hosts-empty"), "");
            Path config = Files.writeString(dir.resolve("ssh_config"), "# none\n");
            for (String[] c : List.of(
                    new String[] {"unknown-key", emptyKnownHosts.toString(), String.valueOf(server.port())},
                    new String[] {"refused", server.knownHosts(dir).toString(), String.valueOf(closedPort)},
                    new String[] {"no-key-accepted", refusing.knownHosts(dir).toString(), String.valueOf(refusing.port())})) {
                List<String> args = List.of("--no-probe", "--kind", "host", "--known-hosts", c[1], "--identity", key.toString(),
                        "--ssh-config", config.toString(), "--connect-timeout", "5", "ssh://audit@127.0.0.1:" + c[2]);
                GermanRun.Output de = GermanRun.run(dir, "de", args);
                GermanRun.Output en = GermanRun.run(dir, "en", args);
                assertEquals("unreachable", de.json().get("targets").get(0).get("status").asText(), c[0] + ": " + de.json());
                GermanRun.english(de, en, t -> false).forEach(t -> left.add(c[0] + " " + t));
            }
        }
        assertEquals(List.of(), left, "English under --lang de");
    }
}
