package de.tomaudit.fleet;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.testsupport.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An SSH target (the bed's hardened OpenSSH, with sudo) gives the same status, errors and findings,
 * probes included, whether it is named on the command line, in a tomaudit YAML inventory or in an
 * Ansible INI or YAML inventory.
 */
class TargetEquivalenceIT {
    @TempDir Path tmp;

    private static int port() throws Exception {
        for (String line : Files.readAllLines(TestPaths.testbed("sshd/hardened/sshd_config"))) {
            if (line.startsWith("Port ")) {
                return Integer.parseInt(line.substring(5).trim());
            }
        }
        return 2222;
    }

    @Test
    void anSshTargetIsAuditedAndProbedAlikeEveryWay() throws Exception {
        int port = port();
        String key = TestPaths.testbed("sshd/client/id_ed25519").toString();
        Map<String, String> ansible = new LinkedHashMap<>();
        ansible.put("ansible_host", "127.0.0.1");
        ansible.put("ansible_port", Integer.toString(port));
        ansible.put("ansible_user", "tomaudit-sudo");
        ansible.put("ansible_ssh_private_key_file", key);
        Path config = Files.writeString(tmp.resolve("ssh_config"), "# none\n");
        Equivalence.Outcome o = Equivalence.assertSame(Equivalence.outcomes(tmp, "ssh://tomaudit-sudo@127.0.0.1:" + port, ansible,
                TargetEquivalenceTest::live, "--kind", "host", "--sudo", "--identity", key,
                "--known-hosts", TestPaths.testbed("sshd/client/known_hosts").toString(), "--ssh-config", config.toString()));
        assertTrue(o.findings().size() > 20, o.toString());
        assertFalse(o.findings().toString().contains("has no network address"), "probed every way: " + o.findings());
        assertFalse(o.errors().contains("sudo"), "sudo worked every way: " + o.errors());
    }
}
