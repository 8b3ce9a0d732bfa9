package de.tomaudit.target.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.tomaudit.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sudo refusal, a connection lost mid-run, the target's time running out mid-run, and a server
 * that closes every exec channel: each makes that target {@code partial} with its cause as ONE
 * error, the same whether the target is named on the command line or in an inventory; the facts
 * it left undecided are listed under it, not repeated. Against an embedded MINA SSHD (no SFTP
 * subsystem, so files go over exec channels too) that plays an empty host.
 */
class SshProblemsThroughFleetTest {
    @TempDir Path dir;
    private Path key;

    @BeforeEach
    void key() throws Exception {
        key = MinaServer.clientKey(dir, "id");
    }

    /** An empty host: every program "installed" but exits 127, every file absent. */
    static void emptyHost(String cmd, MinaServer.Exec exec) throws Exception {
        if (cmd.contains(" stat -L -c %n -- ")) {
            exec.print("/usr/bin/x\n", "", 0);
        } else if (cmd.contains(" stat -L -c ") || cmd.contains(" cat -- ") || cmd.contains(" ls -l ")) {
            exec.print("", "stat: cannot statx 'x': No such file or directory\n", 1);
        } else {
            exec.print("", "env: 'x': No such file or directory\n", 127);
        }
    }

    record Run(int code, JsonNode target, String err) { }

    /** Audits the server's one target, named on the command line (inventory false) or in a YAML inventory. */
    private Run audit(MinaServer server, boolean inventory, String... extra) throws Exception {
        String address = "ssh://audit@127.0.0.1:" + server.port();
        List<String> args = new ArrayList<>(List.of("audit", "--format", "json", "--no-probe", "--kind", "host", "--sudo",
                "--known-hosts", server.knownHosts(dir).toString(), "--identity", key.toString(),
                "--ssh-config", Files.writeString(dir.resolve("ssh_config"), "# none\n").toString()));
        args.addAll(List.of(extra));
        if (inventory) {
            Path inv = Files.writeString(dir.resolve("inventory.yaml"), "targets:\n  - {name: problem, address: \"" + address + "\"}\n");
            args.addAll(List.of("--inventory", inv.toString()));
        } else {
            args.add(address);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        JsonNode t = json.get("targets").get(0);
        assertEquals(inventory ? "problem" : "127.0.0.1", t.get("name").asText());
        return new Run(code, t, err.toString(StandardCharsets.UTF_8));
    }

    /** The errors without what they affected (which facts were read before a connection dropped depends on timing). */
    private static List<String> causes(JsonNode target) {
        List<String> out = new ArrayList<>();
        target.get("errors").forEach(e -> out.add(e.get("stage").asText() + ": " + e.get("message").asText()));
        return out;
    }

    private static Set<String> errors(JsonNode target) {
        Set<String> out = new HashSet<>();
        target.get("errors").forEach(e -> out.add(e.get("stage").asText() + ": " + e.get("message").asText()));
        return out;
    }

    /**
     * The target is partial with exactly one error naming the cause, which lists what it
     * affected; nothing else mentions the cause; every other error is one the empty host has anyway.
     */
    private void assertOneCause(MinaServer server, String stage, String cause, Set<String> baseline, String... extra)
            throws Exception {
        assertOneCause(server, stage, cause, baseline, () -> { }, true, extra);
    }

    /**
     * As above, with {@code before} run before each of the two audits; {@code sameErrors} false when
     * which of the empty host's own errors appear depends on when the cause struck (the cause itself
     * must still be the same through both paths).
     */
    private void assertOneCause(MinaServer server, String stage, String cause, Set<String> baseline, Runnable before,
            boolean sameErrors, String... extra) throws Exception {
        JsonNode first = null;
        String firstCause = null;
        for (boolean inventory : List.of(false, true)) {
            before.run();
            Run r = audit(server, inventory, extra);
            assertEquals(3, r.code(), r.err());
            assertEquals("partial", r.target().get("status").asText(), r.target().toString());
            List<JsonNode> caused = new ArrayList<>();
            r.target().get("errors").forEach(e -> {
                if (e.get("message").asText().contains(cause)) {
                    caused.add(e);
                }
            });
            assertEquals(1, caused.size(), "one error for " + cause + ": " + r.target().get("errors"));
            assertEquals(stage, caused.get(0).get("stage").asText());
            Set<String> rest = errors(r.target());
            rest.remove(stage + ": " + caused.get(0).get("message").asText());
            assertTrue(baseline.containsAll(rest), "no error besides the cause and the empty host's own: " + rest);
            String causeError = stage + ": " + caused.get(0).get("message").asText();
            if (first == null) {
                first = r.target();
                firstCause = causeError;
            } else {
                assertEquals(first.get("status"), r.target().get("status"), "command line and inventory alike");
                assertEquals(firstCause, causeError, "command line and inventory alike");
                if (sameErrors) {
                    assertEquals(causes(first), causes(r.target()), "command line and inventory alike");
                }
            }
        }
    }

    private Set<String> baseline() throws Exception {
        try (MinaServer empty = MinaServer.start(SshProblemsThroughFleetTest::emptyHost)) {
            Run cli = audit(empty, false);
            Run inv = audit(empty, true);
            assertEquals(cli.target().get("status"), inv.target().get("status"));
            assertEquals(cli.target().get("errors"), inv.target().get("errors"));
            assertEquals(cli.target().get("findings"), inv.target().get("findings"));
            return errors(cli.target());
        }
    }

    @Test
    void sudoRefusedIsOneCauseThroughEveryPath() throws Exception {
        Set<String> baseline = baseline();
        try (MinaServer server = MinaServer.start((cmd, exec) -> {
            if (cmd.contains("sudo -n")) {
                exec.print("", "sudo: a password is required\n", 1);
            } else {
                emptyHost(cmd, exec);
            }
        })) {
            assertOneCause(server, "sudo", "a password is required", baseline);
            JsonNode r = audit(server, true).target();
            r.get("errors").forEach(e -> {
                if (e.get("stage").asText().equals("sudo")) {
                    assertTrue(e.get("affects").size() > 0, "it says what it left undecided: " + e);
                }
            });
        }
    }

    /**
     * The connection drops at several points of the run, early, amid the collectors and late. Collectors
     * run side by side, so which request is the n-th differs from run to run: whatever was read
     * before, the lost connection is the one cause (a failed stat must not make a file "present but
     * unreadable" that another collector already found absent), and nothing waits out a timeout for it.
     */
    @Test
    void aConnectionLostMidRunIsOneCauseThroughEveryPath() throws Exception {
        Set<String> baseline = baseline();
        for (int dropAt : List.of(3, 20, 45, 80)) {
            AtomicInteger requests = new AtomicInteger();
            try (MinaServer server = MinaServer.start((cmd, exec) -> {
                if (requests.incrementAndGet() == dropAt) {
                    exec.drop("");
                } else {
                    emptyHost(cmd, exec);
                }
            })) {
                long start = System.nanoTime();
                assertOneCause(server, "ssh", "was lost", baseline, () -> requests.set(0), false, "--command-timeout", "60");
                // a request waiting for its channel to open when the connection drops ends then, not after
                // the command timeout (JSch alone waits the whole of it)
                assertTrue(System.nanoTime() - start < 30_000_000_000L, "drop at request " + dropAt + ": not waiting out the command timeout");
            }
        }
    }

    @Test
    void theTargetTimeRunningOutMidRunIsOneCauseThroughEveryPath() throws Exception {
        Set<String> baseline = baseline();
        AtomicInteger requests = new AtomicInteger();
        try (MinaServer server = MinaServer.start((cmd, exec) -> {
            if (requests.incrementAndGet() > 15) {
                exec.hang();
            } else {
                emptyHost(cmd, exec);
            }
        })) {
            long start = System.nanoTime();
            assertOneCause(server, "ssh", "--target-timeout", baseline, "--target-timeout", "2");
            assertTrue(System.nanoTime() - start < 40_000_000_000L, "bounded by the target timeout");
        }
    }

    @Test
    void aServerThatClosesEveryExecChannelIsOneCauseNotHundreds() throws Exception {
        try (MinaServer server = MinaServer.start((cmd, exec) -> exec.closeUnrun())) {
            for (boolean inventory : List.of(false, true)) {
                int before = server.commands.size();
                Run r = audit(server, inventory);
                assertEquals(3, r.code(), r.err());
                assertEquals("partial", r.target().get("status").asText());
                assertEquals(1, r.target().get("errors").size(), "one cause: " + r.target().get("errors"));
                JsonNode e = r.target().get("errors").get(0);
                assertEquals("ssh", e.get("stage").asText());
                assertTrue(e.get("message").asText().contains("closes exec channels without running the command"), e.toString());
                assertTrue(e.get("affects").size() > 10, "it lists what it left undecided: " + e);
                int sent = server.commands.size() - before;
                assertTrue(sent <= 2 * ChannelGate.START, "it gave up after a few channels, not hundreds: " + sent);
            }
        }
    }
}
