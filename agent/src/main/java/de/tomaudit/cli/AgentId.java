package de.tomaudit.cli;

import java.security.SecureRandom;
import java.util.HexFormat;

/** A random name for this agent process in a round's leases (no host name: nothing personal in the history). */
final class AgentId {
    private AgentId() { }

    static String next() {
        byte[] b = new byte[6];
        new SecureRandom().nextBytes(b);
        return "agent-" + HexFormat.of().formatHex(b) + "-" + ProcessHandle.current().pid();
    }
}
