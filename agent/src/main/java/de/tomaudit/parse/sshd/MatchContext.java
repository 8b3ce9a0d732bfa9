package de.tomaudit.parse.sshd;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The connection a Match block is evaluated for, like {@code sshd -T -C user=,host=,addr=}.
 * An attribute left empty makes every criterion on it fail, as in sshd's test mode; {@link #none()}
 * is what plain {@code sshd -T} uses (only {@code Match all} applies).
 *
 * @param groups the user's groups; {@code Match Group} cannot match without them
 */
public record MatchContext(Optional<String> user, Optional<String> host, Optional<String> address,
                           Optional<String> localAddress, OptionalInt localPort, Optional<String> rdomain,
                           Set<String> groups) {

    public MatchContext {
        groups = Set.copyOf(groups);
    }

    public static MatchContext none() {
        return new MatchContext(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                OptionalInt.empty(), Optional.empty(), Set.of());
    }

    public static MatchContext of(String user, String host, String address) {
        return none().withUser(user).withHost(host).withAddress(address);
    }

    public MatchContext withUser(String u) {
        return new MatchContext(Optional.ofNullable(u), host, address, localAddress, localPort, rdomain, groups);
    }

    public MatchContext withHost(String h) {
        return new MatchContext(user, Optional.ofNullable(h), address, localAddress, localPort, rdomain, groups);
    }

    public MatchContext withAddress(String a) {
        return new MatchContext(user, host, Optional.ofNullable(a), localAddress, localPort, rdomain, groups);
    }

    public MatchContext withLocalAddress(String a) {
        return new MatchContext(user, host, address, Optional.ofNullable(a), localPort, rdomain, groups);
    }

    public MatchContext withLocalPort(int port) {
        return new MatchContext(user, host, address, localAddress, OptionalInt.of(port), rdomain, groups);
    }

    public MatchContext withGroups(Set<String> g) {
        return new MatchContext(user, host, address, localAddress, localPort, rdomain, g);
    }

    public boolean isEmpty() {
        return user.isEmpty() && host.isEmpty() && address.isEmpty() && localAddress.isEmpty()
                && localPort.isEmpty() && rdomain.isEmpty();
    }

    /** The {@code -C} test specification for {@code sshd -T} (groups cannot be passed: sshd looks them up). */
    public String testSpec() {
        List<String> parts = new ArrayList<>();
        user.ifPresent(u -> parts.add("user=" + u));
        host.ifPresent(h -> parts.add("host=" + h));
        address.ifPresent(a -> parts.add("addr=" + a));
        localAddress.ifPresent(a -> parts.add("laddr=" + a));
        localPort.ifPresent(p -> parts.add("lport=" + p));
        rdomain.ifPresent(r -> parts.add("rdomain=" + r));
        return String.join(",", parts);
    }
}
