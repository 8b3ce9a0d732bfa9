package de.tomaudit.target.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import de.tomaudit.testsupport.TestPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The test bed's hardened OpenSSH and its client side (scripts/testbed.d/sshd.sh). */
final class SshBed {
    static final String SUDO_USER = "tomaudit-sudo";
    static final String PLAIN_USER = "tomaudit-nosudo";

    private SshBed() { }

    static Path client(String name) {
        return TestPaths.testbed("sshd/client/" + name);
    }

    static Path knownHosts() {
        return client("known_hosts");
    }

    /** The hardened daemon's port, as its config says (2222 unless the bed was moved). */
    static int port() {
        return port("hardened", 2222);
    }

    /** The hardened daemon without an SFTP subsystem (2225 unless the bed was moved). */
    static int noSftpPort() {
        return port("nosftp", 2225);
    }

    private static int port(String variant, int fallback) {
        try {
            for (String line : Files.readAllLines(TestPaths.testbed("sshd/" + variant + "/sshd_config"))) {
                if (line.startsWith("Port ")) {
                    return Integer.parseInt(line.substring(5).trim());
                }
                if (line.startsWith("Subsystem ") && variant.equals("nosftp")) {
                    throw new IllegalStateException("the nosftp daemon of the bed has a Subsystem line: " + line);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return fallback;
    }

    static String passphrase() throws IOException {
        return Files.readString(client("passphrase")).strip();
    }

    /** Options for the bed: no agent, no default keys from the real home, the bed's known_hosts. */
    static SshOptions options(Path home, String key) {
        return SshOptions.fromEnvironment(Map.of("HOME", home.toString()))
                .withAgentSocket(Optional.empty())
                .withKnownHosts(knownHosts())
                .withIdentities(key == null ? List.of() : List.of(client(key)))
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(120));
    }

    static SshDestination as(String user) {
        return SshDestination.of(user, "127.0.0.1", port());
    }

    /** The same user on the daemon without SFTP. */
    static SshDestination withoutSftp(String user) {
        return SshDestination.of(user, "127.0.0.1", noSftpPort());
    }

    /** Runs a local program; returns its stdout (asserting exit 0 when asked). */
    static String run(boolean check, Map<String, String> env, String... argv) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", argv) + " did not finish");
        }
        if (check) {
            assertEquals(0, p.exitValue(), String.join(" ", argv) + ": " + out);
        }
        return out;
    }

    static String run(String... argv) throws IOException, InterruptedException {
        return run(true, Map.of(), argv);
    }
}
