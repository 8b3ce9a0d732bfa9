package de.tomaudit.round;

import de.tomaudit.history.HistoryDatabase;
import de.tomaudit.history.HistoryException;
import de.tomaudit.history.HistoryStore;
import de.tomaudit.result.TargetResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The leases of one shared round in the PostgreSQL history. An agent takes the next free targets
 * (neither done nor leased by a live agent; {@code SELECT … FOR UPDATE SKIP LOCKED}, so two agents
 * never take the same one), holds them for {@code leaseTimeout} and renews them by heartbeat while it
 * audits; a result is stored, and its target marked done, only while the lease is still its own.
 * An agent that dies stops renewing: its leases run out and another agent takes the targets. The
 * database's clock decides, never the agents' clocks.
 *
 * <p>One connection for the agent, used by one thread at a time: a PostgreSQL login (SCRAM, 4096
 * rounds of PBKDF2 in a JVM that has not compiled them yet) costs more than all the queries of a
 * target, and several finished targets are stored in one transaction.
 */
public final class LeaseBoard implements AutoCloseable {
    /**
     * The channel on which an agent announces targets it finished (the payload is the round's name): an
     * agent waiting for the others' last targets wakes when they are done instead of at its next poll.
     */
    static final String CHANNEL = "tomaudit_round";

    /** The state of a round as one agent sees it. */
    public record Remaining(int notDone, int claimable) { }

    /**
     * A finished target of this agent, to be stored: its round key, inventory position and result, and
     * the result's stored JSON when the worker made it already (null: it is made when stored).
     */
    public record Finished(String key, int position, TargetResult result, String json) {
        public Finished(String key, int position, TargetResult result) {
            this(key, position, result, null);
        }
    }

    /** A stored target: its key and its previous stored result (for regressions), if any. */
    public record Stored(String key, Optional<HistoryStore.StoredTarget> previous) { }

    private final HistoryDatabase db;
    private final String round;
    private final String owner;
    private final Duration leaseTimeout;
    private Connection connection;

    public LeaseBoard(HistoryDatabase db, String round, String owner, Duration leaseTimeout) {
        this.db = db;
        this.round = round;
        this.owner = owner;
        this.leaseTimeout = leaseTimeout;
    }

    private Connection connection() throws HistoryException {
        if (connection == null) {
            Connection c = db.connect();
            try {
                try (java.sql.Statement listen = c.createStatement()) {
                    listen.execute("LISTEN " + CHANNEL); // before any lease: no announcement is missed (autocommit)
                }
                c.setAutoCommit(false);
            } catch (SQLException e) {
                close(c);
                throw fail(e);
            }
            connection = c;
        }
        return connection;
    }

    /** After a failure the connection may be broken: the next call opens a new one. */
    private HistoryException broken(SQLException e) {
        Connection c = connection;
        connection = null;
        if (c != null) {
            rollback(c);
            close(c);
        }
        return fail(e);
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            close(connection);
            connection = null;
        }
    }

    private static void close(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing a broken connection
        }
    }

    public String round() {
        return round;
    }

    public String owner() {
        return owner;
    }

    /** Adds the round and this agent's inventory to it (targets already there are kept as they are). */
    public synchronized void join(List<String> targetKeys) throws HistoryException {
        Connection c = connection();
        try (PreparedStatement r = c.prepareStatement(
                "INSERT INTO rounds (name, created_at) VALUES (?, CURRENT_TIMESTAMP) ON CONFLICT DO NOTHING");
             PreparedStatement t = c.prepareStatement("INSERT INTO round_targets (round_name, target_key, position)"
                     + " VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            r.setString(1, round);
            r.executeUpdate();
            int pos = 0;
            for (String k : targetKeys) {
                t.setString(1, round);
                t.setString(2, k);
                t.setInt(3, pos++);
                t.addBatch();
            }
            t.executeBatch();
            c.commit();
        } catch (SQLException e) {
            throw broken(e);
        }
    }

    /** This agent's run of the round (its own row in {@code runs}); returns its id. */
    public synchronized long startRun(String version, String startedAt) throws HistoryException {
        Connection c = connection();
        try {
            long id = HistoryStore.insertRun(c, round, version, startedAt, null);
            c.commit();
            return id;
        } catch (SQLException e) {
            throw broken(e);
        }
    }

    public synchronized void finishRun(long runId, String finishedAt) throws HistoryException {
        Connection c = connection();
        try {
            HistoryStore.finishRun(c, runId, finishedAt);
            c.commit();
        } catch (SQLException e) {
            throw broken(e);
        }
    }

    /**
     * Takes up to {@code max} free targets of the round among {@code known} (this agent's inventory: a
     * target only other agents know is left to them), in inventory order, in one statement; empty
     * when none is free right now.
     */
    public synchronized List<String> claim(List<String> known, int max) throws HistoryException {
        Connection c = connection();
        try (PreparedStatement u = c.prepareStatement("UPDATE round_targets SET lease_owner = ?,"
                + " lease_until = CURRENT_TIMESTAMP + make_interval(secs => ?), attempts = attempts + 1"
                // ARRAY(…): the locking subquery runs once (an IN (…) may be run again per row, and with
                // SKIP LOCKED each run finds other rows: far more than the limit would be taken)
                + " WHERE round_name = ? AND target_key = ANY (ARRAY(SELECT target_key FROM round_targets"
                + "  WHERE round_name = ? AND done_at IS NULL AND (lease_until IS NULL OR lease_until < CURRENT_TIMESTAMP)"
                + "  AND target_key = ANY (?) ORDER BY position LIMIT ? FOR UPDATE SKIP LOCKED))"
                + " RETURNING target_key, position")) {
            u.setString(1, owner);
            u.setDouble(2, leaseTimeout.toMillis() / 1000.0);
            u.setString(3, round);
            u.setString(4, round);
            u.setArray(5, c.createArrayOf("varchar", known.toArray()));
            u.setInt(6, Math.max(1, max));
            Map<Integer, String> byPosition = new java.util.TreeMap<>();
            try (ResultSet rs = u.executeQuery()) {
                while (rs.next()) {
                    byPosition.put(rs.getInt(2), rs.getString(1));
                }
            }
            c.commit();
            return List.copyOf(byPosition.values());
        } catch (SQLException e) {
            throw broken(e);
        }
    }

    /** Renews every lease this agent holds; returns how many. */
    public synchronized int heartbeat() throws HistoryException {
        Connection c = connection();
        try (PreparedStatement u = c.prepareStatement("UPDATE round_targets"
                + " SET lease_until = CURRENT_TIMESTAMP + make_interval(secs => ?)"
                + " WHERE round_name = ? AND lease_owner = ? AND done_at IS NULL")) {
            u.setDouble(1, leaseTimeout.toMillis() / 1000.0);
            u.setString(2, round);
            u.setString(3, owner);
            int n = u.executeUpdate();
            c.commit();
            return n;
        } catch (SQLException e) {
            throw broken(e);
        }
    }

    /**
     * Stores finished targets in run {@code runId} and marks them done, in one transaction, each only
     * while this agent still holds its lease (a target whose lease another agent has taken over is
     * not stored). The leases are checked and the targets marked done first: the row locks of that
     * update keep every other agent off them until the commit. With {@code withPrevious}, each
     * stored target's previous stored result comes back (for regressions).
     */
    public synchronized List<Stored> complete(long runId, List<Finished> finished, boolean withPrevious)
            throws HistoryException {
        if (finished.isEmpty()) {
            return List.of();
        }
        Connection c = connection();
        try {
            Set<String> ours = new HashSet<>();
            try (PreparedStatement u = c.prepareStatement("UPDATE round_targets SET done_at = CURRENT_TIMESTAMP,"
                    + " lease_until = NULL WHERE round_name = ? AND target_key = ANY (?) AND lease_owner = ?"
                    + " AND done_at IS NULL RETURNING target_key")) {
                u.setString(1, round);
                u.setArray(2, c.createArrayOf("varchar", finished.stream().map(Finished::key).toArray()));
                u.setString(3, owner);
                try (ResultSet rs = u.executeQuery()) {
                    while (rs.next()) {
                        ours.add(rs.getString(1));
                    }
                }
            }
            Map<String, TargetResult> kept = new LinkedHashMap<>();
            Map<String, Integer> positions = new LinkedHashMap<>();
            Map<TargetResult, String> made = new java.util.IdentityHashMap<>();
            List<Stored> out = new ArrayList<>();
            for (Finished f : finished) {
                if (ours.contains(f.key())) {
                    kept.put(f.key(), f.result());
                    positions.put(f.key(), f.position());
                    if (f.json() != null) {
                        made.put(f.result(), f.json());
                    }
                    out.add(new Stored(f.key(), withPrevious ? HistoryStore.latest(c, f.result().name()) : Optional.empty()));
                }
            }
            List<Long> ids = HistoryStore.insertTargets(c, runId, new ArrayList<>(positions.values()),
                    new ArrayList<>(kept.values()), made::get);
            try (PreparedStatement u = c.prepareStatement(
                    "UPDATE round_targets SET target_result_id = ? WHERE round_name = ? AND target_key = ?")) {
                int i = 0;
                for (String key : kept.keySet()) {
                    u.setLong(1, ids.get(i++));
                    u.setString(2, round);
                    u.setString(3, key);
                    u.addBatch();
                }
                u.executeBatch();
            }
            if (!ours.isEmpty()) {
                try (PreparedStatement n = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                    n.setString(1, CHANNEL);
                    n.setString(2, round);
                    n.execute(); // sent to the listeners at the commit
                }
            }
            c.commit();
            return out;
        } catch (SQLException e) {
            throw broken(e);
        }
    }

    /**
     * Waits up to {@code millis} for another agent of this round to finish targets (or for any
     * announcement already received since the last wait); returns at once when one came. The caller then
     * asks {@link #remaining} again: a lease that ran out is not announced, the timeout finds it.
     */
    public synchronized boolean awaitFinished(long millis) throws HistoryException {
        Connection c = connection();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(millis);
        try {
            org.postgresql.PGConnection pg = c.unwrap(org.postgresql.PGConnection.class);
            while (true) {
                long left = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                org.postgresql.PGNotification[] got = pg.getNotifications((int) Math.min(Integer.MAX_VALUE, left));
                if (got != null) {
                    for (org.postgresql.PGNotification n : got) {
                        if (round.equals(n.getParameter())) {
                            return true;
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw broken(e);
        }
    }

    /**
     * How many targets of the round among {@code known} are not done, and how many of those no live
     * agent holds (a target this agent does not know is not its to wait for).
     */
    public synchronized Remaining remaining(List<String> known) throws HistoryException {
        Connection c = connection();
        try (PreparedStatement s = c.prepareStatement("SELECT"
                + " COUNT(*) FILTER (WHERE done_at IS NULL),"
                + " COUNT(*) FILTER (WHERE done_at IS NULL AND (lease_until IS NULL OR lease_until < CURRENT_TIMESTAMP))"
                + " FROM round_targets WHERE round_name = ? AND target_key = ANY (?)")) {
            s.setString(1, round);
            s.setArray(2, c.createArrayOf("varchar", known.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                Remaining r = new Remaining(rs.getInt(1), rs.getInt(2));
                c.commit();
                return r;
            }
        } catch (SQLException e) {
            throw broken(e);
        }
    }

    private HistoryException fail(SQLException e) {
        return new HistoryException(db.describe(e, e));
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // a broken connection has lost the transaction anyway
        }
    }
}
