package de.tomaudit.target.ssh;

import com.jcraft.jsch.Session;
import java.util.List;

/** The logged-in session of a target and the jump-host sessions it runs through. */
record SshConnection(ResolvedHost host, Session session, List<Session> jumps) {

    SshConnection {
        jumps = List.copyOf(jumps);
    }

    boolean alive() {
        return session.isConnected();
    }

    void close() {
        session.disconnect();
        for (int i = jumps.size() - 1; i >= 0; i--) {
            jumps.get(i).disconnect();
        }
    }
}
