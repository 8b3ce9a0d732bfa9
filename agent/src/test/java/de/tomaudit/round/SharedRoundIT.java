package de.tomaudit.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import de.tomaudit.cli.Main;
import de.tomaudit.report.JsonRenderer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three agent processes share one round on the bed's real PostgreSQL; one is killed with SIGKILL
 * while it holds a lease. Its target is taken over by another agent once the lease runs out; every
 * target of the round is stored exactly once; {@code history show ROUND} is the whole round.
 */
class SharedRoundIT {
    private static final int TARGETS = 40;
    private static final String ROUND = "nightly-it";

    @TempDir Path tmp;

    @Test
    void threeAgentsOneKilledNothingLostNothingTwice() throws Exception {
        Path inventory = inventory();
        try (HistoryTestDatabase db = HistoryTestDatabase.create("tomaudit_round")) {
            List<Process> agents = new ArrayList<>();
            List<Path> outputs = new ArrayList<>();
            // the first agent starts alone: the others join once it holds a lease. Started together, the others
            // could finish the cheap dir: targets before the first JVM was up, leaving it nothing to hold
            for (int i = 0; i < 3; i++) {
                outputs.add(tmp.resolve("agent" + i + ".json"));
            }
            agents.add(agent(db, inventory, outputs.get(0), tmp.resolve("agent0.log")));
            Process victim = agents.get(0);
            String owner = "%-" + victim.pid();
            // kill the first agent as soon as it holds a lease on a target it has not finished
            String held = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (held == null && System.nanoTime() < deadline && victim.isAlive()) {
                held = heldBy(db, owner);
                if (held == null) {
                    Thread.onSpinWait();
                    TimeUnit.MILLISECONDS.sleep(20);
                }
            }
            assertTrue(held != null, "the first agent never held a lease: " + Files.readString(tmp.resolve("agent0.log")));
            for (int i = 1; i < 3; i++) {
                agents.add(agent(db, inventory, outputs.get(i), tmp.resolve("agent" + i + ".log")));
            }
            victim.destroyForcibly(); // SIGKILL: no shutdown hook, no release of the lease
            assertTrue(victim.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, victim.exitValue());
            Set<String> orphaned = new TreeSet<>();
            try (Connection c = db.superuser(db.name); PreparedStatement s = c.prepareStatement(
                    "SELECT target_key FROM round_targets WHERE lease_owner LIKE ? AND done_at IS NULL")) {
                s.setString(1, owner);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        orphaned.add(rs.getString(1));
                    }
                }
            }
            assertFalse(orphaned.isEmpty(), "the killed agent held no unfinished lease");

            for (int i = 1; i < 3; i++) {
                assertTrue(agents.get(i).waitFor(300, TimeUnit.SECONDS), "agent " + i + " did not finish");
                assertEquals(0, agents.get(i).exitValue(), Files.readString(tmp.resolve("agent" + i + ".log")));
            }

            // every target done exactly once; the orphaned ones by a surviving agent, after a second lease
            try (Connection c = db.superuser(db.name)) {
                assertEquals(TARGETS, count(c, "SELECT COUNT(*) FROM round_targets WHERE round_name = '" + ROUND
                        + "' AND done_at IS NOT NULL AND target_result_id IS NOT NULL"));
                assertEquals(TARGETS, count(c, "SELECT COUNT(*) FROM target_results t JOIN runs r ON t.run_id = r.id"
                        + " WHERE r.round_name = '" + ROUND + "'"), "a target stored twice");
                assertEquals(TARGETS, count(c, "SELECT COUNT(DISTINCT t.name) FROM target_results t JOIN runs r"
                        + " ON t.run_id = r.id WHERE r.round_name = '" + ROUND + "'"));
                for (String key : orphaned) {
                    try (PreparedStatement s = c.prepareStatement("SELECT attempts, lease_owner FROM round_targets"
                            + " WHERE round_name = ? AND target_key = ?")) {
                        s.setString(1, ROUND);
                        s.setString(2, key);
                        try (ResultSet rs = s.executeQuery()) {
                            rs.next();
                            assertTrue(rs.getInt(1) >= 2, key + " was not leased again");
                            assertFalse(rs.getString(2).endsWith("-" + victim.pid()), key + " still the dead agent's");
                        }
                    }
                }
            }

            // the survivors' reports: disjoint, and with what the dead agent stored, the whole inventory
            Set<String> reported = new HashSet<>();
            for (int i = 1; i < 3; i++) {
                for (JsonNode t : JsonRenderer.mapper().readTree(outputs.get(i).toFile()).get("targets")) {
                    assertTrue(reported.add(t.get("name").asText()), "reported by both survivors: " + t.get("name"));
                }
            }
            assertTrue(reported.containsAll(orphaned), reported + " lacks " + orphaned);

            // history show ROUND: the whole round, whichever agent audited each target
            Path shown = tmp.resolve("round.json");
            int code = db.run(List.of("history", "show", ROUND, "--history", db.url(), "--format", "json"), shown);
            assertEquals(0, code, Files.readString(shown));
            JsonNode round = JsonRenderer.mapper().readTree(shown.toFile());
            Set<String> names = new TreeSet<>();
            round.get("targets").forEach(t -> names.add(t.get("name").asText()));
            assertEquals(expectedNames(), names);
        }
    }

    /** A target only another agent's inventory names is neither leased nor waited for by this one. */
    @Test
    void aTargetOnlyAnotherAgentKnowsIsLeftToIt() throws Exception {
        Path inventory = inventory();
        try (HistoryTestDatabase db = HistoryTestDatabase.create("tomaudit_round")) {
            Path log = tmp.resolve("first.log");
            // the schema, the round and a target this agent's inventory does not have, as another agent leaves them
            assertEquals(0, db.run(List.of("history", "list", "--history", db.url()), log), Files.readString(log));
            try (Connection c = db.superuser(db.name); var s = c.createStatement()) {
                s.execute("INSERT INTO rounds (name, created_at) VALUES ('" + ROUND + "', CURRENT_TIMESTAMP)");
                s.execute("INSERT INTO round_targets (round_name, target_key, position) VALUES ('" + ROUND + "', 'elsewhere', 0)");
            }
            Path out = tmp.resolve("agent.json");
            Process p = agent(db, inventory, out, tmp.resolve("agent.log"));
            assertTrue(p.waitFor(300, TimeUnit.SECONDS), Files.readString(tmp.resolve("agent.log")));
            assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("agent.log")));
            try (Connection c = db.superuser(db.name)) {
                assertEquals(TARGETS, count(c, "SELECT COUNT(*) FROM round_targets WHERE done_at IS NOT NULL"));
                assertEquals(0, count(c, "SELECT attempts FROM round_targets WHERE target_key = 'elsewhere'"));
            }
        }
    }

    private Path inventory() throws Exception {
        StringBuilder inv = new StringBuilder("targets:\n");
        for (int i = 0; i < TARGETS; i++) {
            Path root = Files.createDirectories(tmp.resolve(String.format("host%02d/etc/ssh", i))).getParent().getParent();
            Files.writeString(root.resolve("etc/ssh/sshd_config"), "PermitRootLogin no\nPasswordAuthentication no\n");
            Files.writeString(root.resolve("etc/os-release"), "ID=debian\nVERSION_ID=\"12\"\n");
            inv.append(String.format("  - name: host%02d%n    address: dir:%s%n    kinds: [host]%n", i, root));
        }
        return Files.writeString(tmp.resolve("inventory.yaml"), inv.toString());
    }

    private static Set<String> expectedNames() {
        Set<String> out = new TreeSet<>();
        for (int i = 0; i < TARGETS; i++) {
            out.add(String.format("host%02d", i));
        }
        return out;
    }

    private static Process agent(HistoryTestDatabase db, Path inventory, Path out, Path log) throws Exception {
        return db.agent(List.of("audit", "--inventory", inventory.toString(), "--round", ROUND, "--history", db.url(),
                "--lease-timeout", "4", "--parallel", "1", "--fail-on", "critical", "--format", "json",
                "--output", out.toString()), log);
    }

    private static String heldBy(HistoryTestDatabase db, String owner) throws Exception {
        try (Connection c = db.superuser(db.name); PreparedStatement s = c.prepareStatement(
                "SELECT target_key FROM round_targets WHERE lease_owner LIKE ? AND done_at IS NULL LIMIT 1")) {
            s.setString(1, owner);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (java.sql.SQLException e) {
            return null; // the schema is not there yet: the agents are still starting
        }
    }

    private static int count(Connection c, String sql) throws Exception {
        try (var s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static String text(Path p) throws Exception {
        return Files.readString(p, StandardCharsets.UTF_8);
    }
}
