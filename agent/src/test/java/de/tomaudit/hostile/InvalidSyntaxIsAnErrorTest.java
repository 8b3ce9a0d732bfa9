package de.tomaudit.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, point 5: a line a crontab, a systemd unit, journald.conf, apt.conf or Mastodon's
 * .env.production would reject or skip is an error of the audit naming file:line and the kind of
 * problem (the target is partial, exit 3), never dropped silently. The cases are the hostile
 * corpus' (src/test/resources/hostile/*-junk).
 */
class InvalidSyntaxIsAnErrorTest {
    @TempDir Path work;

    /** Case name -> the file:line each run must name. */
    private static final Map<String, List<String>> EXPECTED = Map.of(
            "cron-junk", List.of("/etc/cron.d/backup:2", "/etc/cron.d/backup:3"),
            "systemd-junk", List.of("/etc/systemd/system/b.service:3"),
            "journald-junk", List.of("/etc/systemd/journald.conf:3", "/etc/systemd/journald.conf:4"),
            "mastodon-env-junk", List.of("/home/mastodon/live/.env.production:2", "/home/mastodon/live/.env.production:3"),
            "apt-junk", List.of("/etc/apt/apt.conf.d/20auto-upgrades:"));

    @Test
    void everySkippedLineIsAnErrorNamingFileAndLine() throws Exception {
        int seen = 0;
        for (HostileCorpus.Case c : HostileCorpus.fixed(work.resolve("in"))) {
            List<String> places = EXPECTED.get(c.name());
            if (places == null) {
                continue;
            }
            seen++;
            HostileCorpusTest.Run r = HostileCorpusTest.run(c.args(), work.resolve("out-" + c.name()));
            assertEquals(3, r.code(), c.name() + " is partial:\n" + r.out() + r.err());
            for (String place : places) {
                assertTrue(r.out().contains(place), c.name() + ": the error names " + place + ":\n" + r.out());
            }
        }
        assertEquals(EXPECTED.size(), seen, "every case is in the corpus");
    }
}
