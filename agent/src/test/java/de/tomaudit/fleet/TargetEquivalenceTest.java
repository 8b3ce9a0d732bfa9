package de.tomaudit.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.testsupport.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local, dir: and bundle: target gives the same status, errors and findings whether it is named
 * on the command line, in a tomaudit YAML inventory or in an Ansible INI or YAML inventory (SSH
 * targets: {@code TargetEquivalenceIT}, against the bed's real sshd).
 */
class TargetEquivalenceTest {
    @TempDir Path tmp;

    @Test
    void aDirTargetIsAuditedAlikeEveryWay() throws Exception {
        String address = "dir:" + TestPaths.debianRoot();
        Equivalence.Outcome o = Equivalence.assertSame(Equivalence.outcomes(tmp, address, Map.of("tomaudit_address", address),
                s -> s));
        assertTrue(o.findings().size() > 20, o.toString());
    }

    @Test
    void aBundleTargetIsAuditedAlikeEveryWay() throws Exception {
        Path bundle = tmp.resolve("debian12.tar.gz");
        ProcessBuilder pb = new ProcessBuilder("sh", TestPaths.repo().resolve("scripts/collect.sh").toString(), bundle.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("collect.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("TOMAUDIT_COLLECT_ROOT", TestPaths.debianRoot().toString());
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "collect.sh did not finish");
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("collect.log")));
        String address = "bundle:" + bundle;
        Equivalence.Outcome o = Equivalence.assertSame(Equivalence.outcomes(tmp, address, Map.of("tomaudit_address", address),
                s -> s));
        assertTrue(o.findings().size() > 20, o.toString());
    }

    /**
     * This machine: read as it is (compressed apt indexes as bytes), probed at 127.0.0.1. Process
     * counts and ages of files change between two audits of a live host; they are normalised.
     */
    @Test
    void theLocalMachineIsAuditedAlikeEveryWay() throws Exception {
        Equivalence.Outcome o = Equivalence.assertSame(Equivalence.outcomes(tmp, "local", Map.of("ansible_connection", "local"),
                TargetEquivalenceTest::live, "--kind", "host", "--no-probe"));
        assertTrue(o.findings().size() > 10, o.toString());
    }

    /** Sockets and processes of a live machine shared with other test beds come and go between two audits. */
    static String live(String s) {
        return s.replaceAll("\\d+ processes", "N processes").replaceAll("\\d+ listening sockets", "N listening sockets")
                .replaceAll("\\d+ on public addresses", "N on public addresses")
                .replaceAll(",?\\{\"source\":\"command: ss -H -tulpn\",\"value\":\"(tcp|udp)[^\"]*\"}", "")
                // the firewall rule cites the socket count only while something listens on a public address, and
                // the other test beds' servers come and go between two audits (failed a fresh clone once)
                .replaceAll(",?\\{\"source\":\"[^\"]*\",\"value\":\"N listening sockets, N on public addresses\"}", "");
    }
}
