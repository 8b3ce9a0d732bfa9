package de.tomaudit.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.testsupport.TestPaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirTargetTest {
    @TempDir Path root;

    private DirTarget target() {
        return new DirTarget(root, new Limits(1024 * 1024, Duration.ofSeconds(5), 1024));
    }

    private void write(String path, String text) throws Exception {
        Path p = root.resolve(path.substring(1));
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void readsTheRealDebianFixtureAsARoot() throws Exception {
        DirTarget t = new DirTarget(TestPaths.debianRoot(), Limits.DEFAULT);
        assertTrue(t.read("/etc/ssh/sshd_config").text().contains("Include /etc/ssh/sshd_config.d/*.conf"));
        assertEquals(List.of("/etc/logrotate.d/ejabberd", "/etc/logrotate.d/nginx", "/etc/logrotate.d/prosody"),
                t.glob("/etc/logrotate.d/*"));
        assertEquals(List.of("/etc/postgresql/15/main/pg_hba.conf"), t.glob("/etc/postgresql/*/main/pg_hba.conf"));
        assertEquals(List.of(), t.glob("/etc/nginx/sites-enabled/*"));
    }

    @Test
    void absoluteSymlinksResolveInsideTheRootNeverOutside() throws Exception {
        write("/etc/real.conf", "inside");
        Files.createSymbolicLink(root.resolve("etc/link.conf"), Path.of("/etc/real.conf"));
        assertEquals("inside", target().read("/etc/link.conf").text());
        Files.createSymbolicLink(root.resolve("etc/passwd-link"), Path.of("../../../../../../etc/passwd"));
        TargetException e = assertThrows(TargetException.class, () -> target().read("/etc/passwd-link"));
        assertEquals(TargetException.Reason.NOT_FOUND, e.reason());
    }

    @Test
    void symlinkLoopsEndWithAClearError() throws Exception {
        Files.createDirectories(root.resolve("etc"));
        Files.createSymbolicLink(root.resolve("etc/a"), Path.of("/etc/b"));
        Files.createSymbolicLink(root.resolve("etc/b"), Path.of("/etc/a"));
        TargetException e = assertThrows(TargetException.class, () -> target().read("/etc/a"));
        assertEquals(TargetException.Reason.SYMLINK_LOOP, e.reason());
        assertTrue(e.getMessage().contains("/etc/a"));
    }

    @Test
    void binaryHugeAndMissingFilesAreTypedFailures() throws Exception {
        Files.createDirectories(root.resolve("etc"));
        Files.write(root.resolve("etc/bin"), new byte[] {0x7f, 'E', 'L', 'F', 0, 0, 1});
        Files.write(root.resolve("etc/big"), new byte[2 * 1024 * 1024]);
        assertEquals(TargetException.Reason.BINARY, assertThrows(TargetException.class, () -> target().read("/etc/bin")).reason());
        TargetException big = assertThrows(TargetException.class, () -> target().read("/etc/big"));
        assertEquals(TargetException.Reason.TOO_LARGE, big.reason());
        assertTrue(big.getMessage().contains("over the limit"));
        assertEquals(TargetException.Reason.NOT_FOUND, assertThrows(TargetException.class, () -> target().read("/etc/none")).reason());
        assertFalse(target().exists("/etc/none"));
    }

    @Test
    void nonUtf8FilesAreDecodedAsLatin1() throws Exception {
        Files.createDirectories(root.resolve("etc"));
        Files.write(root.resolve("etc/latin1"), "Stra\u00dfe".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("Stra\u00dfe", target().read("/etc/latin1").text());
    }

    @Test
    void statGivesModeAndOwner() throws Exception {
        write("/etc/secret", "x");
        Files.setPosixFilePermissions(root.resolve("etc/secret"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        FileStat s = target().stat("/etc/secret").orElseThrow();
        assertEquals(0640, s.mode());
        assertEquals("0640", s.octalMode());
        assertFalse(s.worldReadable());
        assertTrue(s.groupReadable());
    }

    @Test
    void commandsCannotRunOnADirectory() {
        TargetException e = assertThrows(TargetException.class, () -> target().run(CommandCatalog.command("sshd-effective")));
        assertEquals(TargetException.Reason.NOT_SUPPORTED, e.reason());
        assertTrue(e.isAbsence());
    }
}
