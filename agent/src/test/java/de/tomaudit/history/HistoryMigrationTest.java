package de.tomaudit.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.result.Status;
import de.tomaudit.result.TargetStatus;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema migrations: from an empty database, and from every earlier schema version (each
 * version's database, holding a run, migrated to the latest), the run stays readable and a new one
 * can be stored. The versions come from the migrations themselves, so a new one is covered here.
 */
class HistoryMigrationTest {
    @TempDir Path tmp;

    static List<String> versions() {
        return HistoryDatabase.knownVersions();
    }

    @Test
    void theSchemaVersionConstantIsTheNewestMigration() {
        assertEquals(HistoryDatabase.SCHEMA_VERSION, HistoryDatabase.latestVersion(),
                "a new migration: set HistoryDatabase.SCHEMA_VERSION to its version");
    }

    @Test
    void fromAnEmptyDatabaseToTheLatest() throws Exception {
        HistoryDatabase db = HistoryDatabase.open(HistoryLocation.of("jdbc:h2:file:" + tmp.resolve("empty"), Map.of()));
        assertEquals(HistoryDatabase.latestVersion(), schemaVersion(db));
        long id = new HistoryStore(db).record(HistoryStoreTest.run("2026-12-01T03:17:00Z",
                HistoryStoreTest.target("web1", TargetStatus.COMPLETE, HistoryStoreTest.finding("a", Status.FAIL))));
        assertTrue(new HistoryStore(db).show(Long.toString(id)).isPresent());
    }

    @Test
    void fromEveryEarlierVersion() throws Exception {
        List<String> versions = versions();
        assertTrue(!versions.isEmpty());
        for (String v : versions) {
            HistoryLocation at = HistoryLocation.of("jdbc:h2:file:" + tmp.resolve("v" + v), Map.of());
            HistoryDatabase old = HistoryDatabase.openAt(at, v);
            assertEquals(v, schemaVersion(old));
            // a run as that version stored it (V1's tables are the base every later version keeps)
            long id = new HistoryStore(old).record(HistoryStoreTest.run("2026-11-01T03:17:00Z",
                    HistoryStoreTest.target("web1", TargetStatus.COMPLETE, HistoryStoreTest.finding("a", Status.PASS))));
            HistoryDatabase now = HistoryDatabase.open(at);
            assertEquals(HistoryDatabase.latestVersion(), schemaVersion(now), "from version " + v);
            HistoryStore store = new HistoryStore(now);
            assertEquals("web1", store.show(Long.toString(id)).orElseThrow().targets().get(0).name(), "from version " + v);
            store.record(HistoryStoreTest.run("2026-12-01T03:17:00Z",
                    HistoryStoreTest.target("web1", TargetStatus.COMPLETE, HistoryStoreTest.finding("a", Status.FAIL))));
            assertEquals(2, store.lastTwo().get("web1").size(), "from version " + v);
        }
    }

    static String schemaVersion(HistoryDatabase db) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\""
                     + " ORDER BY \"installed_rank\" DESC LIMIT 1")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
