package de.tomaudit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.tomaudit.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ejabberd.log-rotation and host.log-rotation judge the same /var/log/ejabberd/ejabberd.log: when
 * ejabberd rotates it itself (log_rotate_size/count) and no logrotate definition matches, the host
 * pack says so (rotated by size only, not bounded in time), never "not rotated" beside the ejabberd
 * pack's "rotated by size only".
 */
class LogRotationAgreementTest {
    @TempDir Path root;

    private JsonNode finding(JsonNode target, String rule) {
        for (JsonNode f : target.get("findings")) {
            if (f.get("ruleId").asText().equals(rule)) {
                return f;
            }
        }
        throw new AssertionError("no " + rule);
    }

    @Test
    void ejabberdsOwnRotationIsSeenByBothPacks() throws Exception {
        Path yml = root.resolve("etc/ejabberd/ejabberd.yml");
        Files.createDirectories(yml.getParent());
        Files.writeString(yml, "hosts:\n  - example.org\nloglevel: info\nlog_rotate_size: 10485760\nlog_rotate_count: 1\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.execute(new String[] {"audit", "--kind=host,ejabberd", "--no-probe", "--no-history", "--format=json",
            "dir:" + root}, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));
        assertTrue(code >= 0 && code <= 3, "exit " + code);
        JsonNode t = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).get("targets").get(0);
        assertEquals("pass", finding(t, "ejabberd.log-rotation").get("status").asText(), "ejabberd rotates its logs by size");
        JsonNode host = finding(t, "host.log-rotation");
        assertEquals("fail", host.get("status").asText(), "size only is no bound in time: " + host);
        String text = host.toString();
        assertTrue(text.contains("/var/log/ejabberd/ejabberd.log: ejabberd rotates it itself: rotated by size only (10485760 bytes, 1 old file)"),
                text);
        assertFalse(text.contains("not rotated"), "no contradiction with ejabberd.log-rotation: " + text);
    }
}
