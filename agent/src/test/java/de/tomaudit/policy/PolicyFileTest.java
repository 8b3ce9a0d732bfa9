package de.tomaudit.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.testsupport.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyFileTest {

    @Test
    void seed001TranscriptionReadsWithLines() throws Exception {
        PolicyClaims c = PolicyFile.load(TestPaths.repo().resolve("examples/policy/001-5222.de.yaml"));
        assertEquals("5222.de", c.service().orElseThrow());
        Claim<Period> logs = c.logs().retention().orElseThrow();
        assertEquals(5L * 86_400, logs.value().seconds());
        assertEquals(10, logs.line());
        assertTrue(logs.source().endsWith("001-5222.de.yaml:10"), logs.source());
        assertEquals("logs.retention: 5 days", logs.text());
        assertEquals("error", c.logs().maxLevel().orElseThrow().value());
        assertEquals(false, c.logs().ipAddresses().orElseThrow().value());
        assertEquals(7L * 86_400, c.archive().retention().orElseThrow().value().seconds());
        assertEquals("opt-in", c.archive().defaultPolicy().orElseThrow().value());
        assertEquals(30L * 86_400, c.uploads().orElseThrow().value().seconds());
        assertEquals("open", c.registration().orElseThrow().value());
        assertEquals("hashed", c.passwords().orElseThrow().value());
        assertEquals(5, c.other().size());
    }

    @Test
    void seed002TranscriptionReads() throws Exception {
        PolicyClaims c = PolicyFile.load(TestPaths.repo().resolve("examples/policy/002-jotwewe.de.yaml"));
        assertEquals(List.of("jabber.ccc.de", "loadaverage.org", "cmeerw.net", "cmeerw.org"),
                c.encryption().s2sExceptions().orElseThrow().value());
        assertEquals("invite", c.registration().orElseThrow().value());
        assertEquals("warn", c.logs().maxLevel().orElseThrow().value());
        assertTrue(c.logs().retention().isEmpty(), "the notice states no log retention");
        assertEquals(false, c.push().content().orElseThrow().value());
        assertEquals(14L * 86_400, c.uploads().orElseThrow().value().seconds());
    }

    private static String error(String text) {
        PolicyFileException e = assertThrows(PolicyFileException.class, () -> PolicyFile.parse("claims.yaml", text));
        return e.getMessage();
    }

    @Test
    void mistakesNameFileAndLine() {
        assertTrue(error("claims:\n  logs:\n    retension: 7 days\n").startsWith("claims.yaml:3"), "typo in a key");
        assertTrue(error("claims:\n  uploads:\n    retention: soon\n").contains("claims.yaml:3"));
        assertTrue(error("claims:\n  registration: sometimes\n").contains("not one of closed, invite, open"));
        assertTrue(error("claims:\n  logs:\n    ip_addresses: nope\n").contains("expected true or false"));
        assertTrue(error("schema: 2\nclaims: {}\n").contains("unknown schema"));
        assertTrue(error("service: x\n").contains("no 'claims:' section"));
        assertTrue(error("").contains("empty claims file"));
        assertTrue(error("claims: [1, 2\n").contains("claims.yaml"));
        String unknown = error("claims:\n  other:\n    - {txt: x}\n");
        assertTrue(unknown.contains("unknown key (known:") && !unknown.contains("txt"), "the kind, not the text: " + unknown);
    }

    @Test
    void unreadableHugeAndBinaryFiles(@TempDir Path tmp) throws IOException {
        PolicyFileException missing = assertThrows(PolicyFileException.class, () -> PolicyFile.load(tmp.resolve("none.yaml")));
        assertTrue(missing.getMessage().contains("none.yaml"));
        Path huge = Files.writeString(tmp.resolve("huge.yaml"), "#".repeat(2 * 1024 * 1024));
        assertTrue(assertThrows(PolicyFileException.class, () -> PolicyFile.load(huge)).getMessage().contains("larger than"));
        Path latin = Files.write(tmp.resolve("latin.yaml"), new byte[] {'c', 'l', 'a', 'i', 'm', 's', ':', ' ', (byte) 0xE4});
        assertTrue(assertThrows(PolicyFileException.class, () -> PolicyFile.load(latin)).getMessage().contains("UTF-8"));
    }
}
