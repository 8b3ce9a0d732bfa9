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
import java.util.List;
import java.util.Optional;

/**
 * The leases of one shared round in the PostgreSQL history. An agent takes the next target that is
 * neither done nor leased by a live agent ({@code SELECT … FOR UPDATE SKIP LOCKED}, so two agents
 * never take the same one), holds it for {@code leaseTimeout} and renews it by heartbeat while it
 * audits; the result is stored, and the target marked done, only while the lease is still its own.
 * An agent that dies stops renewing: its lease runs out and another agent takes the target. The
 * database's clock decides, never the agents' clocks.
 */
public final class LeaseBoard implements AutoCloseable {
    /** The state of a round as one agent sees it. */
    public record Remaining(int notDone, int claimable) { }

    /** A stored target: the result row and the target's previous stored result (for regressions), if any. */
    public record Completion(boolean stored, Optional<HistoryStore.StoredTarget> previous) { }

    private final HistoryDatabase db;
    private final String round;
    private final String owner;
    private final Duration leaseTimeout;

    public LeaseBoard(HistoryDatabase db, String round, String owner, Duration leaseTimeout) {
        this.db = db;
        this.round = round;
        this.owner = owner;
        this.leaseTimeout = leaseTimeout;
    }

    /** One connection per thread (a worker, the heartbeat), kept for the round: a login per query costs more than the query. */
    private final ThreadLocal<Connection> connections = new ThreadLocal<>();
    private final List<Connection> opened = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    private Connection connection() throws HistoryException {
        Connection c = connections.get();
        if (c == null) {
            c = db.connect();
            try {
                c.setAutoCommit(false);
            } catch (SQLException e) {
                close(c);
                throw fail(e);
            }
            connections.set(c);
            opened.add(c);
        }
        return c;
    }

    /** After a failure the connection may be broken: the next call of this thread opens a new one. */
    private HistoryException broken(Connection c, SQLException e) {
        rollback(c);
        connections.remove();
        opened.remove(c);
        close(c);
        return fail(e);
    }

    @Override
    public void close() {
        synchronized (opened) {
            opened.forEach(LeaseBoard::close);
            opened.clear();
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
    public void join(List<String> targetKeys) throws HistoryException {
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
            throw broken(c, e);
        }
    }

    /**
     * Takes the next free target of the round among {@code known} (this agent's inventory: a target
     * only other agents know is left to them); empty when none is free right now (one statement).
     */
    public Optional<String> claim(List<String> known) throws HistoryException {
        Connection c = connection();
        try (PreparedStatement u = c.prepareStatement("UPDATE round_targets SET lease_owner = ?,"
                + " lease_until = CURRENT_TIMESTAMP + make_interval(secs => ?), attempts = attempts + 1"
                + " WHERE round_name = ? AND target_key = (SELECT target_key FROM round_targets"
                + "  WHERE round_name = ? AND done_at IS NULL AND (lease_until IS NULL OR lease_until < CURRENT_TIMESTAMP)"
                + "  AND target_key = ANY (?) ORDER BY position LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING target_key")) {
            u.setString(1, owner);
            u.setDouble(2, leaseTimeout.toMillis() / 1000.0);
            u.setString(3, round);
            u.setString(4, round);
            u.setArray(5, c.createArrayOf("varchar", known.toArray()));
            String key = null;
            try (ResultSet rs = u.executeQuery()) {
                if (rs.next()) {
                    key = rs.getString(1);
                }
            }
            c.commit();
            return Optional.ofNullable(key);
        } catch (SQLException e) {
            throw broken(c, e);
        }
    }

    /** Renews every lease this agent holds; returns how many. */
    public int heartbeat() throws HistoryException {
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
            throw broken(c, e);
        }
    }

    /**
     * Stores a target's result in run {@code runId} and marks it done, in one transaction, only while
     * this agent still holds its lease (else nothing is stored: another agent has taken it over).
     * With {@code withPrevious}, the target's previous stored result comes back (for regressions).
     */
    public Completion complete(String key, long runId, int position, TargetResult result, boolean withPrevious)
            throws HistoryException {
        Connection c = connection();
        try {
            Optional<HistoryStore.StoredTarget> previous = withPrevious ? HistoryStore.latest(c, result.name()) : Optional.empty();
            long id = HistoryStore.insertTarget(c, runId, position, result);
            // the row lock of this update decides: done only while the lease is still this agent's
            try (PreparedStatement u = c.prepareStatement("UPDATE round_targets SET done_at = CURRENT_TIMESTAMP,"
                    + " target_result_id = ?, lease_until = NULL"
                    + " WHERE round_name = ? AND target_key = ? AND lease_owner = ? AND done_at IS NULL")) {
                u.setLong(1, id);
                u.setString(2, round);
                u.setString(3, key);
                u.setString(4, owner);
                if (u.executeUpdate() != 1) {
                    c.rollback();
                    return new Completion(false, Optional.empty());
                }
            }
            c.commit();
            return new Completion(true, previous);
        } catch (SQLException e) {
            throw broken(c, e);
        }
    }

    /**
     * How many targets of the round among {@code known} are not done, and how many of those no live
     * agent holds (a target this agent does not know is not its to wait for).
     */
    public Remaining remaining(List<String> known) throws HistoryException {
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
            throw broken(c, e);
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
