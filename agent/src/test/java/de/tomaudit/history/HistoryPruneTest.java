package de.tomaudit.history;

import static de.tomaudit.history.HistoryStoreTest.finding;
import static de.tomaudit.history.HistoryStoreTest.run;
import static de.tomaudit.history.HistoryStoreTest.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.result.Status;
import de.tomaudit.result.TargetResult;
import de.tomaudit.result.TargetStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code history prune} on the embedded database: by age, by count (a round counts as one run),
 * both (a run either rule keeps stays), dry run, a round's leases removed with it, and the file
 * compacted so it shrinks. PostgreSQL: PostgresHistoryIT.
 */
class HistoryPruneTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    @TempDir Path tmp;

    private HistoryStore store() throws HistoryException {
        return new HistoryStore(HistoryDatabase.open(HistoryLocation.of("jdbc:h2:file:" + tmp.resolve("h"), Map.of())));
    }

    private static long store(HistoryStore s, String at) throws HistoryException {
        return s.record(run(at, target("web1", TargetStatus.COMPLETE, finding("a.one", Status.PASS)),
                target("db1", TargetStatus.COMPLETE, finding("a.one", Status.FAIL))));
    }

    /** A round of two agents' runs, as LeaseBoard leaves it: rounds, round_targets pointing at the stored targets. */
    static void round(HistoryStore s, String name, String at) throws Exception {
        try (Connection c = s.database().connect()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO rounds (name, created_at) VALUES ('" + name + "', CURRENT_TIMESTAMP)");
            }
            int pos = 0;
            for (String agent : List.of("web1", "db1")) {
                long run = HistoryStore.insertRun(c, name, "1.2.3", at, at);
                TargetResult t = target(agent, TargetStatus.COMPLETE, finding("a.one", Status.PASS));
                long id = HistoryStore.insertTargets(c, run, List.of(pos), List.of(t)).get(0);
                try (PreparedStatement p = c.prepareStatement("INSERT INTO round_targets (round_name, target_key, position,"
                        + " lease_owner, attempts, done_at, target_result_id) VALUES (?, ?, ?, 'agent-1', 1, CURRENT_TIMESTAMP, ?)")) {
                    p.setString(1, name);
                    p.setString(2, agent);
                    p.setInt(3, pos++);
                    p.setLong(4, id);
                    p.executeUpdate();
                }
            }
            c.commit();
        }
    }

    static int count(HistoryStore s, String sql) throws Exception {
        try (Connection c = s.database().connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static List<Long> runIds(HistoryStore s) throws HistoryException {
        List<Long> out = new ArrayList<>();
        s.runs().forEach(r -> out.add(r.id()));
        return out;
    }

    @Test
    void byAgeByCountAndBothWithARoundCountingAsOne() throws Exception {
        HistoryStore s = store();
        long oct = store(s, "2026-10-01T03:17:00Z");
        round(s, "nightly-2026-11-01", "2026-11-01T03:17:00Z");
        long dec1 = store(s, "2026-12-01T03:17:00Z");
        long dec6 = store(s, "2026-12-06T03:17:00Z");
        assertEquals(5, s.runs().size());

        HistoryStore.Pruned dry = s.prune(30, null, NOW, true);
        assertEquals(new HistoryStore.Pruned(3, 1, 4, 2, true), dry, "October's run and November's round (two runs)");
        assertEquals(5, s.runs().size(), "a dry run removes nothing");

        // either rule keeps: the 3 newest (the round is one of them) keep the round, 30 days would not
        assertEquals(new HistoryStore.Pruned(1, 0, 2, 4, false), s.prune(30, 3, NOW, false));
        assertEquals(4, s.runs().size());
        assertTrue(!runIds(s).contains(oct));
        assertEquals(1, count(s, "SELECT COUNT(*) FROM rounds"));

        // by count alone: the round goes, with its leases; the targets and findings of every removed run too
        assertEquals(new HistoryStore.Pruned(2, 1, 2, 2, false), s.prune(null, 2, NOW, false));
        assertEquals(List.of(dec6, dec1), runIds(s));
        assertEquals(0, count(s, "SELECT COUNT(*) FROM rounds"));
        assertEquals(0, count(s, "SELECT COUNT(*) FROM round_targets"));
        assertEquals(4, count(s, "SELECT COUNT(*) FROM target_results"));
        assertEquals(4, count(s, "SELECT COUNT(*) FROM findings"));
        assertTrue(s.show("nightly-2026-11-01").isEmpty());
        assertTrue(s.show(Long.toString(dec1)).isPresent());

        // nothing left to remove: nothing changes
        assertEquals(new HistoryStore.Pruned(0, 0, 0, 2, false), s.prune(10, null, NOW, false));
    }

    @Test
    void aRunWhoseStartCannotBeReadIsKept() throws Exception {
        HistoryStore s = store();
        store(s, "2026-10-01T03:17:00Z");
        try (Connection c = s.database().connect(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE runs SET started_at = 'yesterday'");
        }
        assertEquals(0, s.prune(1, 1, NOW, false).runs() + s.prune(1, null, NOW, false).runs());
        assertEquals(1, s.runs().size());
    }

    @Test
    void theEmbeddedFileShrinksAfterPruning() throws Exception {
        HistoryStore s = store();
        List<TargetResult> many = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            many.add(new TargetResult("host" + i, "dir:/srv/host" + i, List.of("host"), TargetStatus.COMPLETE, List.of(),
                    List.of(finding("a.one", Status.PASS), finding("a.two", Status.FAIL)), List.of()));
        }
        for (int day = 1; day <= 5; day++) {
            s.record(de.tomaudit.result.AuditResult.of("1.2.3", "2026-11-0" + day + "T03:17:00Z", "2026-11-0" + day + "T03:18:00Z", many));
        }
        Path file = tmp.resolve("h.mv.db");
        try (Connection c = s.database().connect(); Statement st = c.createStatement()) {
            st.execute("SHUTDOWN"); // closed, as after a run: the file holds all five runs
        }
        long before = Files.size(file);
        assertEquals(4, s.prune(null, 1, NOW, false).runs());
        long after = Files.size(file);
        assertTrue(after < before / 2, "the file shrinks: " + before + " -> " + after + " bytes");
        assertEquals(200, count(s, "SELECT COUNT(*) FROM target_results"));
    }
}
