package de.tomaudit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.target.ssh.KeyPassphrase;
import de.tomaudit.target.ssh.SshDestination;
import de.tomaudit.target.ssh.SshOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** SSH specs become destinations; a port only when written, so ~/.ssh/config can supply one. Options never print secrets. */
class TargetOpenerSshTest {

    private static SshDestination d(String spec) {
        return TargetOpener.destination(TargetSpec.parse(spec));
    }

    @Test
    void portOnlyWhenGiven() {
        assertEquals(new SshDestination(Optional.empty(), "bed", OptionalInt.empty()), d("ssh://bed"));
        assertEquals(new SshDestination(Optional.of("u"), "h.example", OptionalInt.of(2200)), d("ssh://u@h.example:2200"));
        assertEquals(new SshDestination(Optional.of("u"), "h", OptionalInt.empty()), d("u@h"));
        assertEquals(new SshDestination(Optional.of("u"), "h", OptionalInt.of(22)), d("u@h:22"));
        assertEquals(new SshDestination(Optional.empty(), "::1", OptionalInt.of(2201)), d("ssh://[::1]:2201/"));
        assertEquals(new SshDestination(Optional.empty(), "::1", OptionalInt.empty()), d("ssh://[::1]"));
        assertEquals("ssh://u@[::1]:2201", SshDestination.of("u", "::1", 2201).text());
    }

    @Test
    void optionsFromTheEnvironmentNeverPrintThePassphrase() {
        String pass = "correct horse battery staple 9";
        SshOptions o = SshOptions.fromEnvironment(Map.of("HOME", "/home/a", "SSH_AUTH_SOCK", "/run/agent.sock",
                KeyPassphrase.ENV, pass));
        assertTrue(o.passphrase().isPresent());
        assertEquals(Optional.of(Path.of("/run/agent.sock")), o.agentSocket());
        assertEquals(Path.of("/home/a/.ssh/known_hosts"), o.knownHostsFile());
        assertFalse(o.toString().contains(pass), o.toString());
        assertFalse(o.toString().contains("horse"), o.toString());
        assertTrue(SshOptions.fromEnvironment(Map.of("HOME", "/h")).agentSocket().isEmpty());
    }
}
