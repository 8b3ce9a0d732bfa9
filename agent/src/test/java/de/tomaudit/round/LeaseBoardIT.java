package de.tomaudit.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.history.HistoryDatabase;
import de.tomaudit.history.HistoryException;
import de.tomaudit.history.HistoryLocation;
import de.tomaudit.result.Finding;
import de.tomaudit.result.Status;
import de.tomaudit.result.TargetResult;
import de.tomaudit.result.TargetStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two agents' lease boards on the bed's real PostgreSQL: an agent waiting for the targets another holds
 * is woken when they are stored (not at the end of its wait), and a store of several targets puts every
 * finding under its own target (the target rows go in one batch; their keys are matched by position).
 */
class LeaseBoardIT {
    private static Finding finding(String rule, Status s) {
        return new Finding(rule, s, "high", "title of " + rule, "fix it", "", List.of(),
                new Finding.Tom(List.of("art32-1b"), List.of(), List.of()), List.of());
    }

    private static TargetResult target(String name, Finding... f) {
        return new TargetResult(name, "dir:/srv/" + name, List.of("host"), TargetStatus.COMPLETE, List.of(), List.of(f), List.of());
    }

    @Test
    void aWaitingAgentWakesWhenTheOtherStoresAndFindingsStayWithTheirTargets() throws Exception {
        try (HistoryTestDatabase db = HistoryTestDatabase.create("tomaudit_lease")) {
            HistoryLocation at = HistoryLocation.of(db.url(), Map.of(HistoryLocation.PASSWORD_ENV, db.password));
            List<String> keys = List.of("web1", "db1", "mail1");
            try (LeaseBoard a = new LeaseBoard(HistoryDatabase.open(at), "nightly", "agent-a", Duration.ofMinutes(10));
                 LeaseBoard b = new LeaseBoard(HistoryDatabase.open(at), "nightly", "agent-b", Duration.ofMinutes(10))) {
                a.join(keys);
                b.join(keys);
                long run = a.startRun("1.2.3", "2026-12-07T03:17:00Z");
                assertEquals(keys, a.claim(keys, 3));
                assertEquals(List.of(), b.claim(keys, 3));
                assertEquals(new LeaseBoard.Remaining(3, 0), b.remaining(keys));

                // b waits up to 90 s for a's targets; a's store wakes it at once (without the announcement
                // the wait would run out, and the board stays busy until then)
                CompletableFuture<Boolean> woken = CompletableFuture.supplyAsync(() -> {
                    try {
                        return b.awaitFinished(Duration.ofSeconds(90).toMillis());
                    } catch (HistoryException e) {
                        throw new IllegalStateException(e);
                    }
                });
                List<LeaseBoard.Stored> stored = a.complete(run, List.of(
                        new LeaseBoard.Finished("web1", 0, target("web1", finding("a.one", Status.PASS), finding("a.two", Status.FAIL))),
                        new LeaseBoard.Finished("db1", 1, target("db1", finding("a.one", Status.FAIL))),
                        new LeaseBoard.Finished("mail1", 2, target("mail1", finding("a.three", Status.PASS), finding("a.one", Status.PASS),
                                finding("a.two", Status.PASS)))), false);
                assertEquals(3, stored.size());
                assertTrue(woken.get(45, TimeUnit.SECONDS), "woken by the store, not by the end of the wait");
                assertEquals(new LeaseBoard.Remaining(0, 0), b.remaining(keys));
            }
            List<String> rows = new ArrayList<>();
            try (Connection c = db.superuser(db.name); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT t.position, t.name, f.rule_id, f.status FROM findings f JOIN target_results t ON f.target_result_id = t.id"
                            + " ORDER BY t.position, f.rule_id")) {
                while (rs.next()) {
                    rows.add(rs.getInt(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
                }
            }
            assertEquals(List.of("0 web1 a.one " + Status.PASS.json(), "0 web1 a.two " + Status.FAIL.json(),
                    "1 db1 a.one " + Status.FAIL.json(),
                    "2 mail1 a.one " + Status.PASS.json(), "2 mail1 a.three " + Status.PASS.json(), "2 mail1 a.two " + Status.PASS.json()),
                    rows);
        }
    }
}
