package de.tomaudit.parse.sockets;

import java.util.Optional;

/**
 * A listening TCP socket or a bound, unconnected UDP socket. {@code address} is as the kernel
 * has it, without brackets: {@code 0.0.0.0}, {@code ::}, {@code 127.0.0.1}, {@code fe80::1%eth0},
 * or {@code *} (ss: an IPv6 wildcard that also accepts IPv4). {@code origin} says where the
 * line was read ({@code /proc/net/tcp:3}, {@code ss -H -tulpn:5}).
 */
public record ListeningSocket(String proto, String address, int port, Optional<String> process, Optional<Long> pid,
                              String origin) {

    /** Reachable from other machines: everything that is not a loopback address. */
    public boolean isPublic() {
        if (address.equals("*")) {
            return true;
        }
        return InetLiteral.parse(address).map(a -> !InetLiteral.isLoopback(a)).orElse(true);
    }

    /** {@code tcp 0.0.0.0:5432} / {@code udp [::]:3478} */
    public String endpoint() {
        return proto + " " + (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port;
    }
}
