package de.tomaudit.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalTargetTest {
    private final LocalTarget local = new LocalTarget(new Limits(1024 * 1024, Duration.ofSeconds(10), 64 * 1024));

    @Test
    void aCommandOutsideTheAllowListIsRefusedBeforeAnythingRuns() {
        for (Command forged : List.of(
                new Command("sshd-effective", List.of("rm", "-rf", "/tmp/x"), false),
                new Command("rm", List.of("rm", "-rf", "/"), false),
                new Command("sshd-effective-match", List.of("sshd", "-T", "-C", "user=x;reboot"), true),
                new Command("processes", List.of("ps", "-e", "-o", "user=,comm=,args=", "extra"), false))) {
            TargetException e = assertThrows(TargetException.class, () -> local.run(forged));
            assertEquals(TargetException.Reason.NOT_ALLOWED, e.reason(), forged.toString());
        }
        assertThrows(IllegalArgumentException.class, () -> CommandCatalog.command("sshd-effective-match", "user=a b"));
    }

    @Test
    void allowListedCommandsRunWithoutAShell() throws Exception {
        CommandResult r = local.run(CommandCatalog.command("uname-release"));
        assertEquals(0, r.exitCode());
        assertTrue(r.stdout().strip().matches("\\d+\\.\\d+.*"), r.stdout());
    }

    @Test
    void everyCatalogCommandIsReadOnlyByItsWords() {
        List<String> writing = List.of("rm", "mv", "cp", "dd", "tee", "chmod", "chown", "kill", "reboot", "install",
                "remove", "purge", "restart", "stop", "start", "enable", "disable", "set", "flush", "delete", "reload");
        for (CommandCatalog.Spec s : CommandCatalog.all()) {
            for (String w : s.template()) {
                assertTrue(!writing.contains(w), s.id() + " contains '" + w + "'");
            }
        }
    }
}
