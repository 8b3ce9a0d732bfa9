package de.tomaudit.target.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How SSH targets are reached; bound once from the command line and the environment.
 *
 * @param identities        private keys to offer ({@code --identity}), in order, before the
 *                          {@code IdentityFile}s of {@code ~/.ssh/config}; when both are empty,
 *                          the default {@code ~/.ssh/id_ed25519}, {@code id_ecdsa}, {@code id_rsa}
 * @param knownHosts        the known_hosts file to check host keys against and, only with
 *                          {@code acceptNewHostKey}, to add unknown keys to; empty means
 *                          {@code ~/.ssh/known_hosts}
 * @param sshConfig         the OpenSSH client config for host aliases (HostName, User, Port,
 *                          IdentityFile, IdentitiesOnly, ProxyJump); empty means
 *                          {@code ~/.ssh/config} when it exists
 * @param connectTimeout    TCP connect, key exchange and login together, per hop
 * @param targetTimeout     everything done on one target, connect included; when it runs out
 *                          the connection is closed and what is missing becomes an error
 * @param sudo              run root-only commands with {@code sudo -n}, and read files SFTP may
 *                          not read with {@code sudo -n cat}; never prompts
 * @param acceptNewHostKey  add an unknown host key to known_hosts (a changed one is refused always)
 * @param agentSocket       the ssh-agent socket ({@code SSH_AUTH_SOCK}); empty: no agent
 * @param passphrase        for encrypted private keys; empty: such keys are skipped (use the agent)
 * @param home              the home directory for {@code ~} and the default files
 */
public record SshOptions(List<Path> identities, Optional<Path> knownHosts, Optional<Path> sshConfig,
                         Duration connectTimeout, Duration targetTimeout, boolean sudo, boolean acceptNewHostKey,
                         Optional<Path> agentSocket, Optional<KeyPassphrase> passphrase, Path home) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_TARGET_TIMEOUT = Duration.ofMinutes(10);

    public SshOptions {
        identities = List.copyOf(identities);
        Objects.requireNonNull(knownHosts, "knownHosts");
        Objects.requireNonNull(sshConfig, "sshConfig");
        Objects.requireNonNull(agentSocket, "agentSocket");
        Objects.requireNonNull(passphrase, "passphrase");
        Objects.requireNonNull(home, "home");
        if (connectTimeout.isNegative() || connectTimeout.isZero() || targetTimeout.isNegative() || targetTimeout.isZero()) {
            throw new IllegalArgumentException("SSH timeouts must be positive");
        }
    }

    /** Defaults from the environment: {@code HOME}, {@code SSH_AUTH_SOCK}, {@link KeyPassphrase#ENV}. */
    public static SshOptions fromEnvironment(Map<String, String> env) {
        String home = env.getOrDefault("HOME", System.getProperty("user.home", "/"));
        String sock = env.getOrDefault("SSH_AUTH_SOCK", "");
        String pass = env.get(KeyPassphrase.ENV);
        return new SshOptions(List.of(), Optional.empty(), Optional.empty(), DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_TARGET_TIMEOUT, false, false, sock.isBlank() ? Optional.empty() : Optional.of(Path.of(sock)),
                pass == null || pass.isEmpty() ? Optional.empty() : Optional.of(KeyPassphrase.of(pass)), Path.of(home));
    }

    /** Defaults from this process's environment. */
    public static SshOptions defaults() {
        return fromEnvironment(System.getenv());
    }

    public SshOptions withIdentities(List<Path> ids) {
        return new SshOptions(ids, knownHosts, sshConfig, connectTimeout, targetTimeout, sudo, acceptNewHostKey,
                agentSocket, passphrase, home);
    }

    public SshOptions withKnownHosts(Path file) {
        return new SshOptions(identities, Optional.of(file), sshConfig, connectTimeout, targetTimeout, sudo,
                acceptNewHostKey, agentSocket, passphrase, home);
    }

    public SshOptions withSshConfig(Path file) {
        return new SshOptions(identities, knownHosts, Optional.of(file), connectTimeout, targetTimeout, sudo,
                acceptNewHostKey, agentSocket, passphrase, home);
    }

    public SshOptions withTimeouts(Duration connect, Duration target) {
        return new SshOptions(identities, knownHosts, sshConfig, connect, target, sudo, acceptNewHostKey,
                agentSocket, passphrase, home);
    }

    public SshOptions withSudo(boolean on) {
        return new SshOptions(identities, knownHosts, sshConfig, connectTimeout, targetTimeout, on, acceptNewHostKey,
                agentSocket, passphrase, home);
    }

    public SshOptions withAcceptNewHostKey(boolean on) {
        return new SshOptions(identities, knownHosts, sshConfig, connectTimeout, targetTimeout, sudo, on,
                agentSocket, passphrase, home);
    }

    public SshOptions withAgentSocket(Optional<Path> socket) {
        return new SshOptions(identities, knownHosts, sshConfig, connectTimeout, targetTimeout, sudo, acceptNewHostKey,
                socket, passphrase, home);
    }

    public SshOptions withPassphrase(Optional<KeyPassphrase> p) {
        return new SshOptions(identities, knownHosts, sshConfig, connectTimeout, targetTimeout, sudo, acceptNewHostKey,
                agentSocket, p, home);
    }

    public SshOptions withHome(Path dir) {
        return new SshOptions(identities, knownHosts, sshConfig, connectTimeout, targetTimeout, sudo, acceptNewHostKey,
                agentSocket, passphrase, dir);
    }

    /** The known_hosts file in use. */
    public Path knownHostsFile() {
        return knownHosts.orElse(home.resolve(".ssh").resolve("known_hosts"));
    }

    /** The client config in use, if any (the default one only when it exists). */
    public Optional<Path> sshConfigFile() {
        if (sshConfig.isPresent()) {
            return sshConfig;
        }
        Path p = home.resolve(".ssh").resolve("config");
        return java.nio.file.Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }
}
