package de.tomaudit.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import de.tomaudit.report.JsonRenderer;
import de.tomaudit.report.StoredResult;
import de.tomaudit.result.AuditResult;
import de.tomaudit.result.Finding;
import de.tomaudit.result.TargetResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs in the history database: each target as its JSON result object (the JSON report's own
 * writer, so exactly what the JSON report holds after redaction, nothing more), and each finding's
 * rule, status and severity for diffs. Read back, a run is an {@link AuditResult} again.
 */
public final class HistoryStore {
    private static final ObjectWriter JSON = JsonRenderer.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);

    /** One stored run, for {@code history list}. */
    public record RunInfo(long id, String round, String version, String startedAt, String finishedAt, int targets,
                          int fail, int pass) { }

    /** A target's stored result and the run it belongs to. */
    public record StoredTarget(long runId, String round, TargetResult result) {
        public String runLabel() {
            return round == null ? "run " + runId : "round " + round + " (run " + runId + ")";
        }
    }

    private final HistoryDatabase db;

    public HistoryStore(HistoryDatabase db) {
        this.db = db;
    }

    public HistoryDatabase database() {
        return db;
    }

    /** Stores a whole run in one transaction and returns its id. */
    public long record(AuditResult r) throws HistoryException {
        return record(r, t -> null);
    }

    /**
     * As {@link #record(AuditResult)}, taking each target's JSON from {@code prepared} where it has it
     * ({@link #json}, made beside the audit as each target ended), writing it here otherwise.
     */
    public long record(AuditResult r, java.util.function.Function<TargetResult, String> prepared) throws HistoryException {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try {
                long id = insertRun(c, null, r.tool().version(), r.startedAt(), r.finishedAt());
                List<Integer> positions = new ArrayList<>();
                for (int pos = 0; pos < r.targets().size(); pos++) {
                    positions.add(pos);
                }
                insertTargets(c, id, positions, r.targets(), prepared);
                c.commit();
                db.durable(c);
                return id;
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                throw e;
            }
        } catch (SQLException e) {
            throw new HistoryException(db.describe(e, e));
        }
    }

    public static long insertRun(Connection c, String round, String version, String startedAt, String finishedAt)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO runs (round_name, tool_version, started_at, finished_at) VALUES (?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, round);
            s.setString(2, version);
            s.setString(3, startedAt);
            s.setString(4, finishedAt);
            s.executeUpdate();
            try (ResultSet k = s.getGeneratedKeys()) {
                k.next();
                return k.getLong(1);
            }
        }
    }

    /** The JSON a target is stored as (the JSON report's own writer, without indentation). */
    public static String jsonOf(TargetResult t) throws JsonProcessingException {
        return JSON.writeValueAsString(t);
    }

    /**
     * Stores targets of a run (positions and results pairwise); returns the target results' ids in
     * the same order. The target rows in one batch, and every finding of them in another.
     */
    public static List<Long> insertTargets(Connection c, long runId, List<Integer> positions, List<TargetResult> targets)
            throws SQLException {
        return insertTargets(c, runId, positions, targets, t -> null);
    }

    /**
     * As {@link #insertTargets(Connection, long, List, List)}, taking each target's JSON from
     * {@code prepared} where it has it ({@link #jsonOf}, made beside the audit), writing it here otherwise.
     */
    public static List<Long> insertTargets(Connection c, long runId, List<Integer> positions, List<TargetResult> targets,
                                           java.util.function.Function<TargetResult, String> prepared) throws SQLException {
        // one batch (one round trip; PostgreSQL's driver makes it one multi-row INSERT): the keys come back
        // with each row's position, unique in a run, so they are matched whatever order they come in
        Map<Integer, Long> idByPosition = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO target_results (run_id, position, name, status, result_json) VALUES (?, ?, ?, ?, ?)",
                new String[] {"id", "position"})) {
            for (int i = 0; i < targets.size(); i++) {
                TargetResult t = targets.get(i);
                s.setLong(1, runId);
                s.setInt(2, positions.get(i));
                s.setString(3, t.name());
                s.setString(4, t.status().json());
                String made = prepared.apply(t);
                s.setString(5, made != null ? made : json(t));
                s.addBatch();
            }
            if (!targets.isEmpty()) {
                s.executeBatch();
                try (ResultSet k = s.getGeneratedKeys()) {
                    while (k.next()) {
                        idByPosition.put(k.getInt(2), k.getLong(1));
                    }
                }
            }
        }
        List<Long> ids = new ArrayList<>(targets.size());
        for (Integer position : positions.subList(0, targets.size())) {
            Long id = idByPosition.get(position);
            if (id == null) {
                throw new SQLException("the database returned no key for a stored target");
            }
            ids.add(id);
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO findings (target_result_id, rule_id, status, severity) VALUES (?, ?, ?, ?)")) {
            boolean any = false;
            for (int i = 0; i < targets.size(); i++) {
                for (Finding f : targets.get(i).findings()) {
                    s.setLong(1, ids.get(i));
                    s.setString(2, f.ruleId());
                    s.setString(3, f.status().json());
                    s.setString(4, f.severity());
                    s.addBatch();
                    any = true;
                }
            }
            if (any) {
                s.executeBatch();
            }
        }
        return ids;
    }

    private static String json(TargetResult t) throws SQLException {
        try {
            return jsonOf(t);
        } catch (JsonProcessingException e) {
            throw new SQLException("the target result cannot be written as JSON: " + e.getOriginalMessage());
        }
    }

    public static void finishRun(Connection c, long runId, String finishedAt) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE runs SET finished_at = ? WHERE id = ?")) {
            s.setString(1, finishedAt);
            s.setLong(2, runId);
            s.executeUpdate();
        }
    }

    /** What {@code history prune} removed (or, with dry run, would remove) and what it kept. */
    public record Pruned(int runs, int rounds, int targets, int keptRuns, boolean dryRun) { }

    /**
     * Removes old runs: a run, or a whole round (all its agents' runs, counted as one), is kept when it
     * started within the last {@code keepDays} days, or is among the {@code keepRuns} newest (either
     * may be null: that rule keeps nothing; at least one is given). A run whose start cannot be read
     * is kept. With {@code dryRun} nothing is removed. The embedded database is compacted afterwards,
     * so its file shrinks.
     */
    public Pruned prune(Integer keepDays, Integer keepRuns, java.time.Instant now, boolean dryRun) throws HistoryException {
        record Unit(String round, List<Long> runs, java.time.Instant started, long newest) { }
        try (Connection c = db.connect()) {
            Map<String, List<Object[]>> byUnit = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, round_name, started_at FROM runs");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String round = rs.getString(2);
                    String key = round == null ? "run " + rs.getLong(1) : "round " + round;
                    byUnit.computeIfAbsent(key, k -> new ArrayList<>()).add(new Object[] {rs.getLong(1), round, rs.getString(3)});
                }
            }
            List<Unit> units = new ArrayList<>();
            for (List<Object[]> rows : byUnit.values()) {
                java.time.Instant started = null;
                boolean unreadable = false;
                List<Long> ids = new ArrayList<>();
                for (Object[] r : rows) {
                    ids.add((Long) r[0]);
                    try {
                        java.time.Instant at = java.time.Instant.parse((String) r[2]);
                        started = started == null || at.isBefore(started) ? at : started;
                    } catch (java.time.format.DateTimeParseException | NullPointerException e) {
                        unreadable = true;
                    }
                }
                units.add(new Unit((String) rows.get(0)[1], ids, unreadable ? null : started,
                        ids.stream().mapToLong(Long::longValue).max().orElse(0)));
            }
            units.sort(java.util.Comparator.comparingLong(Unit::newest).reversed());
            java.time.Instant cutoff = keepDays == null ? null : now.minus(java.time.Duration.ofDays(keepDays));
            List<Unit> drop = new ArrayList<>();
            for (int i = 0; i < units.size(); i++) {
                Unit u = units.get(i);
                boolean keptByCount = keepRuns != null && i < keepRuns;
                boolean keptByAge = cutoff != null && (u.started() == null || !u.started().isBefore(cutoff));
                if (u.started() != null && !keptByCount && !keptByAge) {
                    drop.add(u);
                }
            }
            int runs = drop.stream().mapToInt(u -> u.runs().size()).sum();
            int rounds = (int) drop.stream().filter(u -> u.round() != null).count();
            int targets = 0;
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM target_results WHERE run_id = ?")) {
                for (Unit u : drop) {
                    for (long id : u.runs()) {
                        s.setLong(1, id);
                        try (ResultSet rs = s.executeQuery()) {
                            rs.next();
                            targets += rs.getInt(1);
                        }
                    }
                }
            }
            int kept = byUnit.values().stream().mapToInt(List::size).sum() - runs;
            if (dryRun || drop.isEmpty()) {
                return new Pruned(runs, rounds, targets, kept, dryRun);
            }
            c.setAutoCommit(false);
            try (PreparedStatement leases = c.prepareStatement("DELETE FROM round_targets WHERE round_name = ?");
                 PreparedStatement round = c.prepareStatement("DELETE FROM rounds WHERE name = ?");
                 PreparedStatement run = c.prepareStatement("DELETE FROM runs WHERE id = ?")) {
                for (Unit u : drop) {
                    if (u.round() != null) {
                        leases.setString(1, u.round());
                        leases.executeUpdate();
                        round.setString(1, u.round());
                        round.executeUpdate();
                    }
                    for (long id : u.runs()) {
                        run.setLong(1, id); // its targets and their findings go with it (ON DELETE CASCADE)
                        run.addBatch();
                    }
                }
                run.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                throw e;
            }
            if (!db.location().postgres()) {
                try (Statement s = c.createStatement()) {
                    s.execute("SHUTDOWN COMPACT"); // the embedded file gives the space back (PostgreSQL's autovacuum reuses it)
                }
            }
            return new Pruned(runs, rounds, targets, kept, false);
        } catch (SQLException e) {
            throw new HistoryException(db.describe(e, e));
        }
    }

    /** Every run, newest first. */
    public List<RunInfo> runs() throws HistoryException {
        String sql = "SELECT r.id, r.round_name, r.tool_version, r.started_at, r.finished_at,"
                + " (SELECT COUNT(*) FROM target_results t WHERE t.run_id = r.id),"
                + " (SELECT COUNT(*) FROM findings f JOIN target_results t ON f.target_result_id = t.id"
                + "   WHERE t.run_id = r.id AND f.status = 'fail'),"
                + " (SELECT COUNT(*) FROM findings f JOIN target_results t ON f.target_result_id = t.id"
                + "   WHERE t.run_id = r.id AND f.status = 'pass')"
                + " FROM runs r ORDER BY r.id DESC";
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            List<RunInfo> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new RunInfo(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5) == null ? "" : rs.getString(5), rs.getInt(6), rs.getInt(7), rs.getInt(8)));
            }
            return out;
        } catch (SQLException e) {
            throw new HistoryException(db.describe(e, e));
        }
    }

    /**
     * A run by its id, or a round by its name (every agent's targets of it): in the shape of the JSON
     * result. Empty when there is no such run or round.
     */
    public Optional<AuditResult> show(String runOrRound) throws HistoryException {
        List<StoredTarget> targets = targets(runOrRound);
        if (targets.isEmpty() && !exists(runOrRound)) {
            return Optional.empty();
        }
        try (Connection c = db.connect()) {
            String sql = isRunId(runOrRound)
                    ? "SELECT MIN(tool_version), MIN(started_at), MAX(finished_at) FROM runs WHERE id = ?"
                    : "SELECT MIN(tool_version), MIN(started_at), MAX(finished_at) FROM runs WHERE round_name = ?";
            try (PreparedStatement s = c.prepareStatement(sql)) {
                bind(s, runOrRound);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    String finished = rs.getString(3) == null ? "" : rs.getString(3);
                    return Optional.of(AuditResult.of(rs.getString(1), rs.getString(2), finished,
                            targets.stream().map(StoredTarget::result).toList()));
                }
            }
        } catch (SQLException e) {
            throw new HistoryException(db.describe(e, e));
        }
    }

    /** Whether a run with this id, or a round with this name, exists. */
    public boolean exists(String runOrRound) throws HistoryException {
        String sql = isRunId(runOrRound) ? "SELECT COUNT(*) FROM runs WHERE id = ?"
                : "SELECT COUNT(*) FROM runs WHERE round_name = ?";
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, runOrRound);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        } catch (SQLException e) {
            throw new HistoryException(db.describe(e, e));
        }
    }

    /** The stored targets of a run (by id) or a round (by name), in inventory order. */
    public List<StoredTarget> targets(String runOrRound) throws HistoryException {
        String sql = isRunId(runOrRound)
                ? "SELECT t.run_id, r.round_name, t.result_json, t.id FROM target_results t JOIN runs r ON t.run_id = r.id"
                        + " WHERE r.id = ? ORDER BY t.position, t.id"
                : "SELECT t.run_id, r.round_name, t.result_json, t.id FROM target_results t JOIN runs r ON t.run_id = r.id"
                        + " LEFT JOIN round_targets rt ON rt.target_result_id = t.id"
                        + " WHERE r.round_name = ? ORDER BY rt.position, t.id";
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, runOrRound);
            return read(s);
        } catch (SQLException e) {
            throw new HistoryException(db.describe(e, e));
        }
    }

    /** The latest stored result of each named target (for regressions: read before the new run is stored). */
    public Map<String, StoredTarget> latest(List<String> names) throws HistoryException {
        Map<String, StoredTarget> out = new LinkedHashMap<>();
        String sql = "SELECT t.run_id, r.round_name, t.result_json, t.id FROM target_results t JOIN runs r ON t.run_id = r.id"
                + " WHERE t.name = ? ORDER BY t.id DESC LIMIT 1";
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (String n : names) {
                s.setString(1, n);
                read(s).stream().findFirst().ifPresent(t -> out.put(n, t));
            }
            return out;
        } catch (SQLException e) {
            throw new HistoryException(db.describe(e, e));
        }
    }

    /** The latest stored result of one target, read on the caller's connection (inside its transaction). */
    public static Optional<StoredTarget> latest(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT t.run_id, r.round_name, t.result_json, t.id"
                + " FROM target_results t JOIN runs r ON t.run_id = r.id WHERE t.name = ? ORDER BY t.id DESC LIMIT 1")) {
            s.setString(1, name);
            return read(s).stream().findFirst();
        }
    }

    /** Each target's last two stored results, newest first (one where it was stored once), by target name. */
    public Map<String, List<StoredTarget>> lastTwo() throws HistoryException {
        String sql = "SELECT x.run_id, x.round_name, x.result_json, x.id, x.name FROM ("
                + " SELECT t.run_id, r.round_name, t.result_json, t.id, t.name,"
                + "  ROW_NUMBER() OVER (PARTITION BY t.name ORDER BY t.id DESC) AS n"
                + " FROM target_results t JOIN runs r ON t.run_id = r.id) x WHERE x.n <= 2 ORDER BY x.name, x.id DESC";
        Map<String, List<StoredTarget>> out = new LinkedHashMap<>();
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(5), k -> new ArrayList<>()).add(stored(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new HistoryException(db.describe(e, e));
        }
    }

    private static List<StoredTarget> read(PreparedStatement s) throws SQLException {
        List<StoredTarget> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(stored(rs));
            }
        }
        return out;
    }

    private static StoredTarget stored(ResultSet rs) throws SQLException {
        long run = rs.getLong(1);
        try {
            return new StoredTarget(run, rs.getString(2), StoredResult.target("history row " + rs.getLong(4), rs.getString(3)));
        } catch (StoredResult.StoredResultException e) {
            throw new SQLException(e.getMessage());
        }
    }

    static boolean isRunId(String s) {
        return s.matches("[0-9]{1,18}");
    }

    private static void bind(PreparedStatement s, String runOrRound) throws SQLException {
        if (isRunId(runOrRound)) {
            s.setLong(1, Long.parseLong(runOrRound));
        } else {
            s.setString(1, runOrRound);
        }
    }

    static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken: the transaction is gone with it
        }
    }
}
