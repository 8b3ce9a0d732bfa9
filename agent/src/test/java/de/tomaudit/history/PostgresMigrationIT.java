package de.tomaudit.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import de.tomaudit.result.Status;
import de.tomaudit.result.TargetStatus;
import de.tomaudit.round.HistoryTestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The migrations on the bed's real PostgreSQL, as {@link HistoryMigrationTest} on H2: from an empty
 * database and from every earlier schema version (a run stored at that version stays readable).
 */
class PostgresMigrationIT {

    @Test
    void fromEveryEarlierVersionOnPostgres() throws Exception {
        List<String> versions = HistoryDatabase.knownVersions();
        assertFalse(versions.isEmpty());
        for (String v : versions) {
            try (HistoryTestDatabase db = HistoryTestDatabase.create("tomaudit_mig")) {
                HistoryLocation at = HistoryLocation.of(db.url(), Map.of(HistoryLocation.PASSWORD_ENV, db.password));
                HistoryDatabase old = HistoryDatabase.openAt(at, v);
                long id = new HistoryStore(old).record(HistoryStoreTest.run("2026-11-01T03:17:00Z",
                        HistoryStoreTest.target("web1", TargetStatus.COMPLETE, HistoryStoreTest.finding("a", Status.PASS))));
                HistoryStore store = new HistoryStore(HistoryDatabase.open(at));
                assertEquals("web1", store.show(Long.toString(id)).orElseThrow().targets().get(0).name(), "from version " + v);
                store.record(HistoryStoreTest.run("2026-12-01T03:17:00Z",
                        HistoryStoreTest.target("web1", TargetStatus.COMPLETE, HistoryStoreTest.finding("a", Status.FAIL))));
                var two = store.lastTwo().get("web1");
                assertEquals(2, two.size(), "from version " + v);
                assertEquals(List.of("a"), HistoryDiff.regressions(two.get(1).result(), two.get(0).result()).stream()
                        .map(HistoryDiff.Change::ruleId).toList());
            }
        }
    }
}
