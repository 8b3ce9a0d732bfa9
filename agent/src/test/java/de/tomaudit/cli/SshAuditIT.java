package de.tomaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.tomaudit.testsupport.TestPaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole audits over SSH against the test bed's OpenSSH (this very machine): the host findings
 * equal those of a local audit; a refused sudo makes the target partial (exit 3); a key's
 * passphrase never appears in any output or debug log.
 */
class SshAuditIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path tmp;

    private static Path client(String name) {
        return TestPaths.testbed("sshd/client/" + name);
    }

    private static int port() throws Exception {
        for (String line : Files.readAllLines(TestPaths.testbed("sshd/hardened/sshd_config"))) {
            if (line.startsWith("Port ")) {
                return Integer.parseInt(line.substring(5).trim());
            }
        }
        return 2222;
    }

    private static String[] ssh(String user, String key, String... more) throws Exception {
        List<String> a = new ArrayList<>(List.of("audit", "--kind", "host", "--format", "json", "--known-hosts",
                client("known_hosts").toString(), "--identity", client(key).toString()));
        a.addAll(List.of(more));
        a.add("ssh://" + user + "@127.0.0.1:" + port());
        return a.toArray(String[]::new);
    }

    private static JsonNode target(CliTest.Run r) throws Exception {
        return JSON.readTree(r.out()).get("targets").get(0);
    }

    /** rule id -> status, and for rules whose evidence is all from files also the evidence. */
    private static Map<String, String> findings(JsonNode target) {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode f : target.get("findings")) {
            StringBuilder b = new StringBuilder(f.get("status").asText());
            boolean filesOnly = true;
            StringBuilder ev = new StringBuilder();
            for (JsonNode e : f.path("evidence")) {
                String src = e.path("source").asText();
                filesOnly &= src.startsWith("/");
                ev.append(" | ").append(e.toString());
            }
            if (filesOnly) {
                b.append(ev);
            }
            out.put(f.get("ruleId").asText(), b.toString());
        }
        return out;
    }

    @Test
    void sshAuditWithSudoFindsWhatALocalAuditFinds() throws Exception {
        CliTest.Run local = CliTest.run("audit", "--kind", "host", "--format", "json", "local");
        CliTest.Run remote = CliTest.run(ssh("tomaudit-sudo", "id_ed25519", "--sudo"));
        JsonNode l = target(local);
        JsonNode s = target(remote);
        assertEquals("ssh://tomaudit-sudo@127.0.0.1:" + port(), s.get("address").asText(), remote.err());
        assertFalse(s.get("status").asText().equals("unreachable"), s.toString());
        assertTrue(s.get("findings").size() >= 5, s.toString());
        assertEquals(findings(l), findings(s));
        assertEquals(local.code(), remote.code());
        for (JsonNode e : s.get("errors")) {
            assertFalse(e.get("stage").asText().equals("sudo") || e.get("stage").asText().equals("ssh"), e.toString());
        }
    }

    @Test
    void refusedSudoMakesTheTargetPartialWithStageSudo() throws Exception {
        CliTest.Run r = CliTest.run(ssh("tomaudit-nosudo", "id_ecdsa", "--sudo"));
        JsonNode t = target(r);
        assertEquals("partial", t.get("status").asText(), t.toString());
        boolean sudo = false;
        for (JsonNode e : t.get("errors")) {
            sudo |= e.get("stage").asText().equals("sudo") && e.get("message").asText().contains("a password is required");
        }
        assertTrue(sudo, t.get("errors").toString());
        assertEquals(3, r.code(), r.err());
    }

    @Test
    void unknownHostKeyMakesTheTargetUnreachableWithStageSsh() throws Exception {
        List<String> a = new ArrayList<>(List.of(ssh("tomaudit-nosudo", "id_ed25519")));
        a.set(a.indexOf("--known-hosts") + 1, tmp.resolve("empty").toString());
        CliTest.Run r = CliTest.run(a.toArray(String[]::new));
        JsonNode t = target(r);
        assertEquals("unreachable", t.get("status").asText());
        JsonNode e = t.get("errors").get(0);
        assertEquals("ssh", e.get("stage").asText());
        assertTrue(e.get("message").asText().matches("(?s).*key fingerprint SHA256:[A-Za-z0-9+/]{43}\\..*--accept-new-host-key.*"),
                e.toString());
        assertEquals(3, r.code());
    }

    /** The passphrase goes in through the environment only; all output and the debug log stay clean. */
    @Test
    void keyPassphraseNeverReachesOutputOrLogs() throws Exception {
        String pass = Files.readString(client("passphrase")).strip();
        assertTrue(pass.length() >= 16, "the bed's passphrase");
        StringBuilder all = new StringBuilder();
        for (String given : List.of(pass, pass + "-wrong")) {
            for (String format : List.of("json", "console")) {
                List<String> argv = new ArrayList<>(List.of(ssh("tomaudit-sudo", "id_ed25519_passphrase", "-vv", "--sudo")));
                argv.set(argv.indexOf("--format") + 1, format);
                Proc p = cli(argv, Map.of("TOMAUDIT_SSH_KEY_PASSPHRASE", given));
                all.append(p.out).append(p.err);
                if (given.equals(pass) && format.equals("json")) {
                    JsonNode t = JSON.readTree(p.out).get("targets").get(0);
                    assertFalse(t.get("status").asText().equals("unreachable"), "logs in with the passphrase: " + t);
                    assertTrue(p.err.contains("DEBUG"), "the debug log was on");
                }
                if (!given.equals(pass)) {
                    assertTrue(p.out.contains("does not decrypt it"), p.out);
                }
            }
        }
        assertTrue(all.length() > 2000, "there was output to search");
        assertFalse(all.toString().contains(pass), "the passphrase appeared in the output or the log");
        assertFalse(all.toString().contains(pass.substring(0, 10)), "part of the passphrase appeared");
    }

    private record Proc(int code, String out, String err) { }

    private Proc cli(List<String> args, Map<String, String> env) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "de.tomaudit.cli.Main"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(tmp.resolve("err").toFile()).redirectOutput(tmp.resolve("out").toFile());
        pb.environment().putAll(env);
        pb.environment().remove("SSH_AUTH_SOCK");
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("the CLI did not finish");
        }
        return new Proc(p.exitValue(), Files.readString(tmp.resolve("out"), StandardCharsets.UTF_8),
                Files.readString(tmp.resolve("err"), StandardCharsets.UTF_8));
    }
}
