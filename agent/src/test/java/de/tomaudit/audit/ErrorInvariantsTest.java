package de.tomaudit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.tomaudit.cli.Main;
import de.tomaudit.hostile.HostileCorpus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract of {@code errors} over every audit of the hostile corpus and over roots with one broken
 * file reached by several collectors: one root problem is one error (no two errors of a target name
 * the same file with the same problem), every error lists in {@code affects} what it left undecided,
 * and no error says its path twice in a row.
 */
public class ErrorInvariantsTest {
    @TempDir Path work;

    /** A file and its access problem as a cause or a collector writes it, in English. */
    private static final Pattern FILE_PROBLEM = Pattern.compile("(/[^\\s:;,()]+)(?::\\d+)?(?:: | )(permission denied|does not exist"
            + "|is a binary file|is a directory|is not a regular file|too many levels of symbolic links|is \\d+ bytes, over the limit)");
    private static final Pattern PATH_TWICE = Pattern.compile("(?<![^\\s(])(/[^\\s:;,()]+): \\1(?=[: ])");

    private static JsonNode audit(List<String> args) throws Exception {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--format=json", "--no-history"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertTrue(code >= 0 && code <= 3, "exit " + code + ": " + err);
        return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    }

    /** The three invariants over every target of a JSON result. */
    public static void assertOneErrorPerCause(JsonNode result) {
        if (!result.has("targets")) {
            return; // refused before any audit (an unusable file of its own, exit 2)
        }
        for (JsonNode t : result.get("targets")) {
            Map<String, String> seen = new HashMap<>();
            for (JsonNode e : t.get("errors")) {
                String message = e.get("message").asText();
                assertTrue(e.has("affects") && e.get("affects").size() > 0, "every error says what it left undecided: " + e);
                assertFalse(PATH_TWICE.matcher(message).find(), "the path is said once: " + message);
                Matcher m = FILE_PROBLEM.matcher(message);
                while (m.find()) {
                    String key = m.group(1) + " " + m.group(2);
                    String before = seen.put(key, message);
                    assertTrue(before == null || before.equals(message),
                            "one error for " + key + ", not two:\n  " + before + "\n  " + message);
                }
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyAuditOfTheHostileCorpus() throws Exception {
        return HostileCorpus.cases(work.resolve("in"), 1).stream().filter(c -> c.args().get(0).equals("audit")
                && c.args().stream().noneMatch(a -> a.startsWith("--format") || a.equals("--dry-run")))
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> assertOneErrorPerCause(audit(c.args()))));
    }

    private Path write(String path, String text) throws Exception {
        Path p = work.resolve("root").resolve(path.substring(1));
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void aBinaryNginxConfIsOneErrorForEveryCollectorThatMetIt() throws Exception {
        write("/etc/nginx/nginx.conf", "\u0000\u0001\u0002 binary\u0000");
        JsonNode t = audit(List.of("audit", "--kind=host", "dir:" + work.resolve("root"))).get("targets").get(0);
        assertOneErrorPerCause(audit(List.of("audit", "--kind=host", "dir:" + work.resolve("root"))));
        List<JsonNode> about = new ArrayList<>();
        t.get("errors").forEach(e -> {
            if (e.get("message").asText().contains("/etc/nginx/nginx.conf")) {
                about.add(e);
            }
        });
        assertEquals(1, about.size(), t.get("errors").toString());
        assertEquals("/etc/nginx/nginx.conf is a binary file, not a configuration", about.get(0).get("message").asText());
        List<String> affects = new ArrayList<>();
        about.get(0).get("affects").forEach(a -> affects.add(a.asText()));
        assertTrue(affects.containsAll(List.of("nginx.config_valid", "nginx.servers", "host.nginx-config-valid", "host.log-rotation")),
                affects.toString());
    }

    @Test
    void aMissingIncludeAndAFailedIncludeGlobAreOneErrorEachAndNoSyntaxProblem() throws Exception {
        write("/etc/nginx/nginx.conf", "events {}\nhttp {\n  include /etc/nginx/conf.d/missing.conf;\n  server { listen 80; }\n}\n");
        write("/etc/ssh/sshd_config", "Include /etc/ssh/sshd_config.d/*.conf\nPasswordAuthentication no\n");
        Path ssh = work.resolve("root/etc/ssh");
        Files.createSymbolicLink(ssh.resolve("loop"), Path.of("sshd_config.d"));
        Files.createSymbolicLink(ssh.resolve("sshd_config.d"), Path.of("loop"));
        JsonNode result = audit(List.of("audit", "--kind=host", "dir:" + work.resolve("root")));
        assertOneErrorPerCause(result);
        List<String> messages = new ArrayList<>();
        result.get("targets").get(0).get("errors").forEach(e -> messages.add(e.get("message").asText()));
        assertEquals(1, messages.stream().filter(m -> m.contains("/etc/nginx/conf.d/missing.conf")).count(), messages.toString());
        assertEquals(1, messages.stream().filter(m -> m.contains("include glob failed")).count(), messages.toString());
        assertTrue(messages.stream().noneMatch(m -> m.contains("syntax problem")), "a missing file is no syntax problem: " + messages);
    }

    @Test
    void anUnreachableTargetsErrorListsTheRulesItLeftUndecided() throws Exception {
        JsonNode t = audit(List.of("audit", "--kind=prosody", "--no-probe", "--connect-timeout=5", "ssh://nobody@127.0.0.1:1"))
                .get("targets").get(0);
        assertEquals("unreachable", t.get("status").asText());
        assertOneErrorPerCause(audit(List.of("audit", "--kind=prosody", "--no-probe", "--connect-timeout=5", "ssh://nobody@127.0.0.1:1")));
        List<String> affects = new ArrayList<>();
        t.get("errors").get(0).get("affects").forEach(a -> affects.add(a.asText()));
        assertTrue(affects.contains("prosody.c2s-encryption-required"), affects.toString());
        assertTrue(affects.stream().allMatch(a -> a.startsWith("prosody.")), "only the rules of its kinds (probes off): " + affects);
    }
}
