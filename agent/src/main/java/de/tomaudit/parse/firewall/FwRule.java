package de.tomaudit.parse.firewall;

import java.util.List;

/**
 * One packet filter rule, reduced to what an audit of the input path needs: its verdict
 * ({@code accept}, {@code drop}, {@code reject}, {@code jump}, {@code goto}, {@code return}, or
 * empty for a non-terminating rule such as LOG), the jump target, the transport protocol and
 * destination ports it matches ({@code 22}, {@code 8000-8100}; empty: any), the source it is
 * restricted to (empty: any), the input interface (empty: any), whether it matches anything
 * else (connection state, other fields) and where it was read.
 */
public record FwRule(String verdict, String jumpTarget, String proto, List<String> dports, String saddr,
                     String inInterface, boolean otherMatches, String origin) {

    public FwRule {
        dports = List.copyOf(dports);
    }

    /** A rule matching every packet (on an interface at most): counters, logs, comments aside. */
    public boolean catchAll() {
        return !otherMatches && proto.isEmpty() && dports.isEmpty() && saddr.isEmpty();
    }

    public boolean isDropOrReject() {
        return verdict.equals("drop") || verdict.equals("reject");
    }

    public boolean onLoopbackInterface() {
        return inInterface.equals("lo");
    }
}
