package de.tomaudit.target.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.tomaudit.audit.ErrorInvariantsTest;
import de.tomaudit.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An SSH target audited without sudo whose /etc/ejabberd/ejabberd.yml the login may not read (mode
 * 0640 root:ejabberd): ejabberd's collector, the IP-log check (ejabberd's logging) and the
 * secret-file check all meet the same "permission denied"; it is one error listing all they left
 * undecided.
 */
class UnreadableFileOneCauseTest {
    @TempDir Path dir;

    private static final String YML = "/etc/ejabberd/ejabberd.yml";

    private JsonNode audit(boolean sudo) throws Exception {
        try (MinaServer server = MinaServer.start((cmd, exec) -> {
            if (cmd.contains("sudo -n")) {
                exec.print("", "sudo: a password is required\n", 1);
            } else if (cmd.contains("'" + YML + "'") && cmd.contains(" stat -L -c %n ")) {
                exec.print(YML + "\n", "", 1);
            } else if (cmd.contains("'" + YML + "'") && cmd.contains(" stat -L -c ")) {
                exec.print("81a0 0 111 root ejabberd 1234 1700000000\n", "", 0);
            } else if (cmd.contains("'" + YML + "'") && cmd.contains(" cat -- ")) {
                exec.print("", "cat: " + YML + ": Permission denied\n", 1);
            } else {
                SshProblemsThroughFleetTest.emptyHost(cmd, exec);
            }
        })) {
            Path key = MinaServer.clientKey(dir, "id");
            List<String> args = new ArrayList<>(List.of("audit", "--format", "json", "--no-probe", "--no-history", "--kind", "host,ejabberd",
                    "--known-hosts", server.knownHosts(dir).toString(), "--identity", key.toString(),
                    "--ssh-config", Files.writeString(dir.resolve("ssh_config"), "# none\n").toString(),
                    "ssh://audit@127.0.0.1:" + server.port()));
            if (sudo) {
                args.add(1, "--sudo");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Main.execute(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(3, code, err.toString(StandardCharsets.UTF_8));
            JsonNode result = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
            ErrorInvariantsTest.assertOneErrorPerCause(result);
            return result.get("targets").get(0);
        }
    }

    private static List<String> affects(JsonNode error) {
        List<String> out = new ArrayList<>();
        error.get("affects").forEach(a -> out.add(a.asText()));
        return out;
    }

    @Test
    void withoutSudoTheUnreadableFileIsOneErrorForEveryCollectorThatMetIt() throws Exception {
        JsonNode t = audit(false);
        List<JsonNode> about = new ArrayList<>();
        t.get("errors").forEach(e -> {
            if (e.get("message").asText().contains(YML)) {
                about.add(e);
            }
        });
        assertEquals(1, about.size(), "one error for the unreadable file: " + t.get("errors"));
        List<String> affects = affects(about.get(0));
        assertTrue(affects.containsAll(List.of("logrotate.ip_logs", "ejabberd.hosts", "host.log-rotation", "ejabberd.log-rotation")),
                affects.toString());
    }

    @Test
    void withSudoRefusedTheRefusalIsTheOneCauseCoveringTheFileAndTheSecretCheck() throws Exception {
        JsonNode t = audit(true);
        assertEquals(1, t.get("errors").size(), t.get("errors").toString());
        JsonNode e = t.get("errors").get(0);
        assertEquals("sudo", e.get("stage").asText());
        assertTrue(affects(e).containsAll(List.of("logrotate.ip_logs", "secrets.files", "ejabberd.hosts", "host.secret-file-permissions")),
                affects(e).toString());
    }
}
