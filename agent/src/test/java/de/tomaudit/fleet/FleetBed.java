package de.tomaudit.fleet;

import de.tomaudit.testsupport.TestPaths;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;

/** The sshfleet module of the test bed: real OpenSSH on 127.0.0.2... port 2224 (scripts/testbed.d/sshfleet.sh). */
public final class FleetBed {
    public static final int PORT = Integer.parseInt(System.getenv().getOrDefault("TESTBED_SSHFLEET_PORT", "2224"));
    /** Logs in to this machine. */
    public static final String MACHINE_USER = "tomaudit-nosudo";
    /** Logs in to the minimal chroot host. */
    public static final String LIGHT_USER = "tomaudit-fleet";

    private FleetBed() { }

    public static Path knownHosts() {
        return TestPaths.testbed("sshfleet/known_hosts");
    }

    public static Path key() {
        return TestPaths.testbed("sshd/client/id_ed25519");
    }

    /** Fails with a clear message when the bed is not up. */
    public static void requireUp() {
        knownHosts();
        key();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.2", PORT), 2000);
        } catch (IOException e) {
            throw new IllegalStateException("the sshfleet test bed does not answer on 127.0.0.2:" + PORT
                    + ": start it with scripts/testbed start sshfleet (" + e.getMessage() + ")");
        }
    }

    public static String address(String user, int host) {
        return "ssh://" + user + "@127.0.0." + host + ":" + PORT;
    }
}
