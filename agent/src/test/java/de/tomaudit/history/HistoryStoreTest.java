package de.tomaudit.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.report.JsonRenderer;
import de.tomaudit.result.AuditResult;
import de.tomaudit.result.Finding;
import de.tomaudit.result.Status;
import de.tomaudit.result.TargetError;
import de.tomaudit.result.TargetResult;
import de.tomaudit.result.TargetStatus;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded history: a run stored and read back as the JSON result, lists, last two per target, bad databases. */
class HistoryStoreTest {
    @TempDir Path tmp;

    static Finding finding(String rule, Status s) {
        return new Finding(rule, s, "high", "title of " + rule, "fix it", "", List.of(),
                new Finding.Tom(List.of("art32-1b"), List.of(), List.of()), List.of());
    }

    static TargetResult target(String name, TargetStatus status, Finding... f) {
        return new TargetResult(name, "dir:/srv/" + name, List.of("host"), status,
                status == TargetStatus.COMPLETE ? List.of() : List.of(new TargetError("ssh", "refused")), List.of(f), List.of());
    }

    static AuditResult run(String at, TargetResult... t) {
        return AuditResult.of("1.2.3", at, at, List.of(t));
    }

    private HistoryStore store() throws HistoryException {
        return new HistoryStore(HistoryDatabase.open(HistoryLocation.of("jdbc:h2:file:" + tmp.resolve("h"), Map.of())));
    }

    @Test
    void aStoredRunReadsBackAsTheSameJsonResult() throws Exception {
        HistoryStore store = store();
        AuditResult r = run("2026-12-01T03:17:00Z", target("web1", TargetStatus.COMPLETE, finding("a.one", Status.PASS),
                finding("a.two", Status.FAIL)), target("db1", TargetStatus.PARTIAL, finding("a.one", Status.ERROR)));
        long id = store.record(r);
        AuditResult back = store.show(Long.toString(id)).orElseThrow();
        assertEquals(JsonRenderer.mapper().writeValueAsString(r), JsonRenderer.mapper().writeValueAsString(back));
        assertTrue(store.show("999").isEmpty());
        assertTrue(store.show("no-such-round").isEmpty());
        List<HistoryStore.RunInfo> runs = store.runs();
        assertEquals(1, runs.size());
        assertEquals(2, runs.get(0).targets());
        assertEquals(1, runs.get(0).fail());
    }

    @Test
    void lastTwoPerTargetAndRegressions() throws Exception {
        HistoryStore store = store();
        store.record(run("2026-12-01T03:17:00Z", target("web1", TargetStatus.COMPLETE, finding("a.one", Status.PASS),
                finding("a.two", Status.FAIL), finding("a.three", Status.PASS))));
        store.record(run("2026-12-02T03:17:00Z", target("web1", TargetStatus.COMPLETE, finding("a.one", Status.FAIL),
                finding("a.two", Status.PASS), finding("a.three", Status.PASS), finding("a.four", Status.FAIL)),
                target("db1", TargetStatus.UNREACHABLE)));
        Map<String, List<HistoryStore.StoredTarget>> two = store.lastTwo();
        assertEquals(2, two.get("web1").size());
        assertEquals(1, two.get("db1").size());
        HistoryDiff.TargetDiff d = HistoryDiff.target("web1", new HistoryDiff.Side("run 1", two.get("web1").get(1).result()),
                new HistoryDiff.Side("run 2", two.get("web1").get(0).result()));
        assertEquals(List.of("a.one"), d.regressed().stream().map(HistoryDiff.Change::ruleId).toList());
        assertEquals(List.of("a.two"), d.fixed().stream().map(HistoryDiff.Change::ruleId).toList());
        assertEquals(List.of("a.four"), d.newFindings().stream().map(HistoryDiff.Change::ruleId).toList());
        assertEquals(1, d.unchanged());
        assertEquals("web1", store.latest(List.of("web1")).get("web1").result().name());
        assertEquals(2, store.latest(List.of("web1")).get("web1").runId());
    }

    @Test
    void theTargetsOwnStatusChangeIsReported() {
        HistoryDiff diff = HistoryDiff.of("run 1", List.of(target("web1", TargetStatus.COMPLETE, finding("a", Status.PASS))),
                "run 2", List.of(target("web1", TargetStatus.UNREACHABLE), target("new1", TargetStatus.COMPLETE)));
        HistoryDiff.TargetDiff web = diff.targets().get(0);
        assertTrue(web.statusChanged());
        assertEquals("complete", web.statusBefore());
        assertEquals("unreachable", web.statusNow());
        assertEquals("absent", web.changed().get(0).now());
        assertEquals("absent", diff.targets().get(1).statusBefore());
    }

    @Test
    void aDatabaseOfANewerSchemaIsRefusedInOneLine() throws Exception {
        HistoryStore store = store();
        try (Connection c = store.database().connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\", \"type\","
                    + " \"script\", \"installed_by\", \"execution_time\", \"success\") VALUES (99, '99', 'from the future',"
                    + " 'SQL', 'V99__future.sql', 'tomaudit', 1, TRUE)");
        }
        HistoryException e = assertThrows(HistoryException.class,
                () -> HistoryDatabase.open(HistoryLocation.of("jdbc:h2:file:" + tmp.resolve("h"), Map.of())));
        assertTrue(e.getMessage().contains("schema version 99, newer than this tomaudit knows"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void aReadOnlyDatabaseIsOneLine() throws Exception {
        HistoryStore rw = store();
        rw.record(run("2026-12-01T03:17:00Z", target("web1", TargetStatus.COMPLETE)));
        try (Connection c = rw.database().connect(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN"); // closed now, not a second later: the read-only open below opens the file anew
        }
        HistoryStore ro = new HistoryStore(HistoryDatabase.open(
                HistoryLocation.of("jdbc:h2:file:" + tmp.resolve("h") + ";ACCESS_MODE_DATA=r", Map.of())));
        assertEquals(1, ro.runs().size());
        HistoryException e = assertThrows(HistoryException.class,
                () -> ro.record(run("2026-12-02T03:17:00Z", target("web1", TargetStatus.COMPLETE))));
        assertTrue(e.getMessage().contains("is read-only"), e.getMessage());
        assertFalse(e.getMessage().contains("INSERT"), e.getMessage());
    }

    @Test
    void anUnreachablePostgresIsOneLine() {
        HistoryException e = assertThrows(HistoryException.class, () -> HistoryDatabase.open(
                HistoryLocation.of("jdbc:postgresql://127.0.0.1:1/history?user=tomaudit", Map.of())));
        assertTrue(e.getMessage().startsWith("history database jdbc:postgresql://127.0.0.1:1/history: cannot be reached"),
                e.getMessage());
        assertFalse(e.getMessage().contains("user=tomaudit"));
    }

    /** A full disk cannot be made in a unit test: the causes as the drivers report them read as one line each. */
    @Test
    void fullAndReadOnlyAndLoginAsTheDriversReportThem() throws Exception {
        HistoryDatabase db = store().database();
        String where = "history database " + tmp.resolve("h") + ": ";
        assertEquals(where + "is full (could not extend file \"base/16384/16390\": No space left on device)",
                db.describe(new java.sql.SQLException("could not extend file \"base/16384/16390\": No space left on device\n"
                        + "  Hint: Check free disk space.", "53100"), null));
        assertEquals(where + "is full (IO Exception: \"java.io.IOException: No space left on device\")",
                db.describe(new java.sql.SQLException("IO Exception: \"java.io.IOException: No space left on device\""
                        + " [90028-232]", "90028", 90028), null));
        assertEquals(where + "is read-only (ERROR: cannot execute INSERT in a read-only transaction)",
                db.describe(new java.sql.SQLException("ERROR: cannot execute INSERT in a read-only transaction", "25006"), null));
        assertTrue(db.describe(new java.sql.SQLException("FATAL: password authentication failed for user \"x\"", "28P01"), null)
                .contains("login refused"));
    }

    @Test
    void aPasswordInTheUrlIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> HistoryLocation.of("jdbc:postgresql://127.0.0.1/h?user=a&password=b", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> HistoryLocation.of("jdbc:postgresql://a:b@127.0.0.1/h", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> HistoryLocation.of("jdbc:mysql://127.0.0.1/h", Map.of()));
    }

    @Test
    void theDefaultIsUnderXdgDataHome() {
        assertEquals(Path.of("/data/tomaudit"), HistoryLocation.defaultDirectory(Map.of("XDG_DATA_HOME", "/data")));
        assertEquals(Path.of("/home/u/.local/share/tomaudit"),
                HistoryLocation.defaultDirectory(Map.of("XDG_DATA_HOME", "relative", "HOME", "/home/u")));
        assertTrue(HistoryLocation.of(null, Map.of("HOME", "/home/u")).url().startsWith("jdbc:h2:file:/home/u/.local/share/tomaudit/history;"));
    }
}
