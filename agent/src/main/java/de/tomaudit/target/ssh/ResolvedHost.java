package de.tomaudit.target.ssh;

import java.nio.file.Path;
import java.util.List;

/**
 * One SSH hop after {@code ~/.ssh/config} was applied.
 *
 * @param alias          the name as written (what config {@code Host} patterns matched)
 * @param hostName       what is actually contacted ({@code HostName}, else the alias)
 * @param port           {@code Port}, else 22
 * @param user           the login user
 * @param identityFiles  {@code IdentityFile}s of this host, tokens and {@code ~} expanded
 * @param identitiesOnly {@code IdentitiesOnly yes}: offer no ssh-agent keys
 * @param proxyJump      the hops of {@code ProxyJump}, in order ({@code [user@]host[:port]})
 */
record ResolvedHost(String alias, String hostName, int port, String user, List<Path> identityFiles,
                    boolean identitiesOnly, List<String> proxyJump) {

    ResolvedHost {
        identityFiles = List.copyOf(identityFiles);
        proxyJump = List.copyOf(proxyJump);
    }

    /** The name known_hosts entries use: {@code host}, or {@code [host]:port} off port 22. */
    String knownHostsName() {
        return port == 22 ? hostName : "[" + hostName + "]:" + port;
    }

    String display() {
        return user + "@" + hostPort();
    }

    String hostPort() {
        return (hostName.contains(":") ? "[" + hostName + "]" : hostName) + ":" + port;
    }
}
