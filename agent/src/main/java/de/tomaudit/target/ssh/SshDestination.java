package de.tomaudit.target.ssh;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where to connect, as written by the user: {@code host} may be an alias of {@code ~/.ssh/config};
 * an absent user or port is taken from that config, else the local user name and port 22.
 */
public record SshDestination(Optional<String> user, String host, OptionalInt port) {

    public SshDestination {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("SSH destination without a host");
        }
        port.ifPresent(p -> {
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("port out of range: " + p);
            }
        });
    }

    public static SshDestination of(String user, String host, int port) {
        return new SshDestination(Optional.ofNullable(user), host, port > 0 ? OptionalInt.of(port) : OptionalInt.empty());
    }

    /** {@code ssh://user@host:port} as given (parts not given are left out). */
    public String text() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "ssh://" + user.map(u -> u + "@").orElse("") + h + (port.isPresent() ? ":" + port.getAsInt() : "");
    }
}
