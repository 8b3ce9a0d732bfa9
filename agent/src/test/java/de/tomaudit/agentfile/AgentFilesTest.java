package de.tomaudit.agentfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentFilesTest {
    @TempDir Path dir;

    private static String refusal(Path p) {
        AgentFileException e = assertThrows(AgentFileException.class, () -> AgentFiles.read(p, "claims file", 1024));
        assertFalse(e.getMessage().contains("\n"), "one line");
        assertTrue(e.getMessage().startsWith("claims file " + p + ": "), e.getMessage());
        return e.getMessage();
    }

    @Test
    void readsTextOfARegularFile() throws Exception {
        Path p = dir.resolve("ok.yaml");
        Files.writeString(p, "claims: {}\n");
        assertEquals("claims: {}\n", AgentFiles.read(p, "claims file", 1024));
    }

    @Test
    void refusesDevicesDirectoriesAndMissingFilesBeforeOpening() {
        assumeTrue(Files.exists(Path.of("/dev/zero")));
        assertTrue(refusal(Path.of("/dev/zero")).contains("not a regular file"));
        assertTrue(refusal(dir).contains("is a directory"));
        assertTrue(refusal(dir.resolve("none")).contains("does not exist"));
    }

    @Test
    void refusesAFifoWithoutBlocking() throws Exception {
        Path fifo = dir.resolve("fifo");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(p.waitFor() == 0, "mkfifo is not available");
        assertTrue(refusal(fifo).contains("not a regular file"));
    }

    @Test
    void refusesTooLargeBinaryAndNonUtf8Files() throws Exception {
        Path big = dir.resolve("big");
        Files.writeString(big, "x".repeat(1025));
        assertTrue(refusal(big).contains("larger than 1024 bytes"));
        Path bin = dir.resolve("bin");
        Files.write(bin, new byte[] {'a', 0, 'b'});
        assertTrue(refusal(bin).contains("binary"));
        Path latin = dir.resolve("latin");
        Files.write(latin, new byte[] {'a', (byte) 0xe4, 'b'});
        assertTrue(refusal(latin).contains("not UTF-8"));
    }
}
