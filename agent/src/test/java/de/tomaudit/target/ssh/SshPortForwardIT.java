package de.tomaudit.target.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.mastodondb.MastodonDbCheck;
import de.tomaudit.mastodondb.MastodonDbConnector;
import de.tomaudit.mastodondb.MastodonTestDatabase;
import de.tomaudit.target.Limits;
import de.tomaudit.target.PortForward;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The Mastodon database check through a JSch port forward on an SSH target's own connection: the
 * test bed's OpenSSH (as a user allowed to forward) leads to the test bed's PostgreSQL, as the
 * server sees it on its loopback.
 */
class SshPortForwardIT {

    @Test
    void theDatabaseCheckRunsThroughTheForward() throws Exception {
        try (MastodonTestDatabase db = MastodonTestDatabase.create("masto_ssh");
             SshTarget t = SshTarget.open(SshBed.as(SshBed.PLAIN_USER), SshBed.options(Path.of("/nonexistent"), "id_ed25519"),
                     Limits.DEFAULT)) {
            PortForward fw = t.forward("127.0.0.1", db.port()).orElseThrow();
            int local = fw.localPort();
            try (Connection c = MastodonDbConnector.open(MastodonDbConnector.url("127.0.0.1", local, db.name()), db.settings())) {
                MastodonDbCheck.Report r = MastodonDbCheck.run(c, 31_556_952, 31_556_952, Duration.ofSeconds(20));
                assertEquals(4, r.ip().size());
                assertEquals(0, r.sessions().count());
            } finally {
                fw.close();
            }
            assertTrue(local > 0);
        }
    }
}
