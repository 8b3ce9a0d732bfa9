package de.tomaudit.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import de.tomaudit.history.HistoryDatabase;
import de.tomaudit.report.JsonRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history on the bed's real PostgreSQL: runs stored and diffed (password from PGPASSWORD), the
 * schema at the latest version, and a read-only database or a wrong password as one line with the
 * report still written (exit 4).
 */
class PostgresHistoryIT {
    @TempDir Path tmp;

    private List<String> audit(HistoryTestDatabase db, Path root, Path out) {
        return List.of("audit", "dir:" + root, "--kind", "host", "--fail-on", "critical", "--history", db.url(),
                "--format", "json", "--output", out.toString());
    }

    @Test
    void runsAreStoredDiffedAndAnUnwritableDatabaseIsOneLine() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("web1/etc/ssh")).getParent().getParent();
        Files.writeString(root.resolve("etc/ssh/sshd_config"), "PermitRootLogin no\n");
        try (HistoryTestDatabase db = HistoryTestDatabase.create("tomaudit_hist")) {
            Path log = tmp.resolve("log");
            assertEquals(0, db.run(audit(db, root, tmp.resolve("1.json")), log), Files.readString(log));
            Files.writeString(root.resolve("etc/ssh/sshd_config"), "PermitRootLogin yes\nPasswordAuthentication yes\n");
            int second = db.run(audit(db, root, tmp.resolve("2.json")), log);
            assertEquals(1, second, Files.readString(log));
            assertEquals(0, db.run(List.of("history", "diff", "--history", db.url(), "--format", "json"), log));
            JsonNode diff = JsonRenderer.mapper().readTree(log.toFile());
            assertEquals("host.ssh-root-login", diff.at("/targets/0/regressed/0/ruleId").asText(), diff.toString());
            assertEquals(0, db.run(List.of("history", "show", "2", "--history", db.url(), "--format", "json"), log));
            assertEquals(Files.readString(tmp.resolve("2.json")), Files.readString(log));
            try (Connection c = db.superuser(db.name); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT MAX(version) FROM flyway_schema_history WHERE success")) {
                rs.next();
                assertEquals(HistoryDatabase.latestVersion(), rs.getString(1));
            }

            // read-only: the report is written, marked unrecorded, exit 4, one warning line
            try (Connection c = db.superuser("postgres"); Statement s = c.createStatement()) {
                s.execute("ALTER DATABASE " + db.name + " SET default_transaction_read_only = on");
            }
            Path ro = tmp.resolve("ro.json");
            assertEquals(4, db.run(audit(db, root, ro), log), Files.readString(log));
            List<String> warnings = Files.readAllLines(log).stream().filter(l -> l.startsWith("tomaudit: warning: history")).toList();
            assertEquals(1, warnings.size(), Files.readString(log));
            assertTrue(warnings.get(0).contains("is read-only"), warnings.get(0));
            JsonNode marked = JsonRenderer.mapper().readTree(ro.toFile());
            assertFalse(marked.at("/history/recorded").asBoolean(true));
            assertEquals("web1", marked.at("/targets/0/name").asText());
            try (Connection c = db.superuser(db.name); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM runs")) {
                rs.next();
                assertEquals(2, rs.getInt(1), "nothing stored in a read-only database");
            }
        }
    }

    /** history prune on PostgreSQL: a round's leases point at its stored targets and go with it. */
    @Test
    void pruneRemovesOldRunsAndAWholeRoundWithItsLeases() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("web1/etc/ssh")).getParent().getParent();
        Files.writeString(root.resolve("etc/ssh/sshd_config"), "PermitRootLogin no\n");
        try (HistoryTestDatabase db = HistoryTestDatabase.create("tomaudit_prune")) {
            Path log = tmp.resolve("log");
            assertEquals(0, db.run(audit(db, root, tmp.resolve("1.json")), log), Files.readString(log));
            try (Connection c = db.superuser(db.name); Statement s = c.createStatement()) {
                s.execute("UPDATE runs SET round_name = 'nightly-old', started_at = '2026-01-01T03:00:00Z'");
                s.execute("INSERT INTO rounds (name, created_at) VALUES ('nightly-old', CURRENT_TIMESTAMP)");
                s.execute("INSERT INTO round_targets (round_name, target_key, position, done_at, target_result_id)"
                        + " SELECT 'nightly-old', name, position, CURRENT_TIMESTAMP, id FROM target_results");
            }
            assertEquals(0, db.run(audit(db, root, tmp.resolve("2.json")), log), Files.readString(log));
            assertEquals(0, db.run(List.of("history", "prune", "--keep-days", "30", "--history", db.url(), "--format", "json"),
                    log), Files.readString(log));
            JsonNode pruned = JsonRenderer.mapper().readTree(log.toFile());
            assertEquals(1, pruned.get("runs").asInt(), pruned.toString());
            assertEquals(1, pruned.get("rounds").asInt(), pruned.toString());
            try (Connection c = db.superuser(db.name); Statement s = c.createStatement()) {
                for (String table : List.of("rounds", "round_targets")) {
                    try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                        rs.next();
                        assertEquals(0, rs.getInt(1), table);
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*), MIN(round_name) FROM runs")) {
                    rs.next();
                    assertEquals(1, rs.getInt(1), "the recent run stays");
                    assertEquals(null, rs.getString(2));
                }
            }
        }
    }

    @Test
    void aWrongPasswordIsOneLineAndTheReportIsWritten() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("web1/etc/ssh")).getParent().getParent();
        Files.writeString(root.resolve("etc/ssh/sshd_config"), "PermitRootLogin no\n");
        try (HistoryTestDatabase db = HistoryTestDatabase.create("tomaudit_hist")) {
            try (Connection c = db.superuser("postgres"); Statement s = c.createStatement()) {
                s.execute("ALTER ROLE " + db.role + " PASSWORD 'not-the-one-the-agent-has'");
            }
            Path log = tmp.resolve("log");
            Path out = tmp.resolve("out.json");
            assertEquals(4, db.run(audit(db, root, out), log), Files.readString(log));
            String text = Files.readString(log);
            assertTrue(text.contains("login refused"), text);
            assertFalse(text.contains(db.password), "the password is never shown");
            assertTrue(Files.size(out) > 0);
        }
    }
}
