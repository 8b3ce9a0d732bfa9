package de.tomaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.tomaudit.testsupport.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryCliTest {
    @TempDir Path tmp;

    @Test
    void anInventoryWithUnreachableTargetsAuditsTheOthersAndExitsThree() throws Exception {
        String fixture = TestPaths.debianRoot().toString();
        Path inv = Files.writeString(tmp.resolve("hosts"), """
                [web]
                web[1:4] ansible_connection=local
                [images:children]
                web
                """);
        Path yaml = Files.writeString(tmp.resolve("fleet.yaml"), "targets:\n"
                + "  - {name: image, address: \"dir:" + fixture + "\", kinds: [host]}\n"
                + "  - {name: gone, address: \"dir:" + tmp.resolve("gone") + "\"}\n"
                + "  - {name: stale, address: \"bundle:" + tmp.resolve("stale.tar.gz") + "\"}\n");
        for (Path file : List.of(inv, yaml)) {
            CliTest.Run r = CliTest.run("audit", "--inventory", file.toString(), "--parallel", "3", "--format", "json");
            JsonNode json = new ObjectMapper().readTree(r.out());
            List<String> names = new ArrayList<>();
            json.get("targets").forEach(t -> names.add(t.get("name").asText()));
            if (file == inv) {
                assertEquals(List.of("web1", "web2", "web3", "web4"), names);
                assertTrue(r.code() == 1 || r.code() == 3, r.err());
            } else {
                assertEquals(3, r.code(), "some targets were not audited: " + r.err());
                assertEquals(List.of("image", "gone", "stale"), names);
                assertEquals("[\"host\"]", json.get("targets").get(0).get("kinds").toString());
                assertEquals("unreachable", json.get("targets").get(1).get("status").asText());
                assertEquals("dir", json.get("targets").get(1).get("errors").get(0).get("stage").asText());
                assertEquals("bundle", json.get("targets").get(2).get("errors").get(0).get("stage").asText());
                assertFalse(json.get("targets").get(0).get("findings").isEmpty());
            }
        }
    }

    @Test
    void aMalformedInventoryExitsTwoNamingFileAndLine() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.ini"), "[web]\nhost1\n[web:kids]\n");
        CliTest.Run r = CliTest.run("audit", "--inventory", bad.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("tomaudit: " + bad + ":3: "), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        CliTest.Run missing = CliTest.run("audit", "--inventory", tmp.resolve("none.yaml").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("none.yaml: does not exist"), missing.err());
        CliTest.Run timeout = CliTest.run("audit", "--target-timeout", "0", "dir:" + tmp);
        assertEquals(2, timeout.code());
        assertTrue(timeout.err().contains("--target-timeout"), timeout.err());
    }

    @Test
    void aDryRunListsEveryInventoryTargetAndTouchesNone() throws Exception {
        Path inv = Files.writeString(tmp.resolve("i.yaml"), "targets:\n  - address: ssh://audit@192.0.2.1:2222\n"
                + "  - address: audit@192.0.2.2\n");
        CliTest.Run r = CliTest.run("audit", "--inventory", inv.toString(), "--dry-run");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("target ssh://audit@192.0.2.1:2222\n"), r.out());
        assertTrue(r.out().contains("target audit@192.0.2.2\n"), r.out());
    }
}
