package de.tomaudit.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.tomaudit.audit.TargetSpec;
import de.tomaudit.cli.Main;
import de.tomaudit.testsupport.TestPaths;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SameTargetsTest {
    @TempDir Path tmp;

    @Test
    void spellingsOfOneMachineAreOneKeyAndOthersAreNot() {
        assertEquals(SameTargets.key(TargetSpec.parse("ssh://audit@Host.example:22")), SameTargets.key(TargetSpec.parse("audit@host.example")));
        assertEquals(SameTargets.key(TargetSpec.parse("dir:/srv/a/../b")), SameTargets.key(TargetSpec.parse("dir:/srv/b")));
        assertTrue(!SameTargets.key(TargetSpec.parse("ssh://audit@h:2222")).equals(SameTargets.key(TargetSpec.parse("ssh://audit@h:22"))));
        assertTrue(!SameTargets.key(TargetSpec.parse("ssh://a@h")).equals(SameTargets.key(TargetSpec.parse("ssh://b@h"))));
    }

    @Test
    void aHostNamedTwiceIsAuditedUnderBothNamesAndSaidOnce() throws Exception {
        String fixture = TestPaths.debianRoot().toString();
        Path inv = Files.writeString(tmp.resolve("fleet.yaml"), "targets:\n"
                + "  - {name: web1, address: \"dir:" + fixture + "\", kinds: [host]}\n"
                + "  - {name: other, address: \"dir:" + fixture + "/etc\", kinds: [host]}\n"
                + "  - {name: web1-alias, address: \"dir:" + fixture + "/\", kinds: [host]}\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Main.execute(new String[] {"audit", "--inventory", inv.toString(), "--format", "json"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        JsonNode targets = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).get("targets");
        List<String> names = new ArrayList<>();
        targets.forEach(t -> names.add(t.get("name").asText()));
        assertEquals(List.of("web1", "other", "web1-alias"), names);
        assertEquals(targets.get(0).get("findings"), targets.get(2).get("findings"), "the same machine, audited twice alike");
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, lines.size(), "one warning line: " + lines);
        assertTrue(lines.get(0).startsWith("tomaudit: warning: dir:" + fixture + " is named 2 times: web1 (" + inv + ":2), web1-alias ("
                + inv + ":4)"), lines.get(0));
    }
}
