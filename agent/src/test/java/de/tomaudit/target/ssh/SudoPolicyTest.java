package de.tomaudit.target.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.target.CommandCatalog;
import de.tomaudit.target.FileStat;
import de.tomaudit.target.TargetException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What sudo's refusals mean, when sudo is used at all, and the stat line read with it. */
class SudoPolicyTest {

    private static ExecChannels.Outcome outcome(int exit, String stderr) {
        return new ExecChannels.Outcome(exit, new byte[0], stderr.getBytes(StandardCharsets.UTF_8), false);
    }

    @Test
    void sudoOnlyForRootCommandsOnlyWhenAskedAndNeverAsRoot() {
        assertTrue(new SudoPolicy(true, "audit", "h:22").wanted(CommandCatalog.command("sshd-effective")));
        assertFalse(new SudoPolicy(true, "audit", "h:22").wanted(CommandCatalog.command("uname-release")));
        assertFalse(new SudoPolicy(false, "audit", "h:22").wanted(CommandCatalog.command("sshd-effective")));
        assertFalse(new SudoPolicy(true, "root", "h:22").wanted(CommandCatalog.command("sshd-effective")));
    }

    @Test
    void passwordRequiredRefusesSudoForTheWholeTarget() {
        SudoPolicy p = new SudoPolicy(true, "audit", "h:22");
        Optional<String> r = p.refused(outcome(1, "sudo: a password is required\n"), "sshd -T");
        assertTrue(r.orElseThrow().contains("a password is required for audit on h:22"), r.get());
        assertEquals(r, p.refusal());
        assertEquals(1, p.problems().size());
        assertTrue(p.notApplicable("nginx -T").startsWith("nginx -T needs root and sudo -n refused"), p.notApplicable("nginx -T"));
    }

    @Test
    void oneCommandNotInSudoersRefusesOnlyThatCommand() {
        SudoPolicy p = new SudoPolicy(true, "audit", "h:22");
        Optional<String> r = p.refused(outcome(1, "Sorry, user audit is not allowed to execute '/usr/sbin/nft list ruleset' as root on h.\n"),
                "nft list ruleset");
        assertTrue(r.isPresent());
        assertTrue(p.refusal().isEmpty(), "other commands may still be allowed");
    }

    @Test
    void otherRefusalsAndNotRefusals() {
        assertTrue(new SudoPolicy(true, "a", "h:22").refused(outcome(1, "audit is not in the sudoers file.\n"), "x").isPresent());
        assertTrue(new SudoPolicy(true, "a", "h:22").refused(outcome(127, "env: 'sudo': No such file or directory\n"), "x")
                .orElseThrow().contains("sudo is not installed on h:22"));
        assertTrue(new SudoPolicy(true, "a", "h:22").refused(outcome(0, "sudo: a password is required"), "x").isEmpty(),
                "exit 0: sudo ran it");
        assertTrue(new SudoPolicy(true, "a", "h:22").refused(outcome(1, "nginx: [emerg] unknown directive"), "nginx -T").isEmpty(),
                "the command's own failure is not a sudo refusal");
    }

    @Test
    void statLine() throws Exception {
        FileStat s = StatLine.parse("/etc/shadow", "81a0 0 42 root shadow 1234 1700000000\n");
        assertEquals(FileStat.Type.FILE, s.type());
        assertEquals(0640, s.mode());
        assertEquals("root", s.owner());
        assertEquals("shadow", s.group());
        assertEquals(1234, s.size());
        assertEquals(Instant.ofEpochSecond(1_700_000_000L), s.modified());
        assertEquals(FileStat.Type.DIRECTORY, StatLine.parse("/d", "41c0 0 0 root root 4096 1").type());
        assertEquals("1001", StatLine.parse("/f", "81a4 1001 1001 UNKNOWN UNKNOWN 1 1").owner());
        for (String garbage : new String[] {"", "stat: cannot stat", "zz 0 0 root root 1 1", "81a0 0 0 root root x 1"}) {
            TargetException e = org.junit.jupiter.api.Assertions.assertThrows(TargetException.class, () -> StatLine.parse("/f", garbage));
            assertEquals(TargetException.Reason.IO, e.reason());
        }
    }
}
