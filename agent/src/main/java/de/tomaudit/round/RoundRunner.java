package de.tomaudit.round;

import de.tomaudit.audit.AuditOptions;
import de.tomaudit.fleet.FleetRunner;
import de.tomaudit.fleet.FleetTarget;
import de.tomaudit.history.HistoryDiff;
import de.tomaudit.history.HistoryException;
import de.tomaudit.history.HistoryStore;
import de.tomaudit.result.AuditResult;
import de.tomaudit.result.TargetResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent's part of a shared round: {@code parallel} workers each take a free target from the
 * {@link LeaseBoard}, audit it (through the {@link FleetRunner}, with its timeout), and store it while
 * the lease is theirs. A heartbeat renews the leases every third of the lease timeout. The agent
 * stays until every target of the round is done: while others hold the rest, it waits, and takes over
 * any target whose lease runs out (its agent died). Its report holds the targets it audited itself;
 * {@code history show ROUND} holds the whole round.
 */
public final class RoundRunner {
    private static final Logger LOG = LoggerFactory.getLogger(RoundRunner.class);

    /** What this agent did: its targets, the regressions against each target's previous run, and a history failure. */
    public record Outcome(AuditResult result, List<String> regressions, Optional<String> historyFailure) { }

    private final FleetRunner runner;
    private final String version;
    /** Time spent storing results (the history write time of this agent's run). */
    private final java.util.concurrent.atomic.AtomicLong writeNanos = new java.util.concurrent.atomic.AtomicLong();

    public RoundRunner(FleetRunner runner, String version) {
        this.runner = runner;
        this.version = version;
    }

    public Outcome run(List<FleetTarget> fleet, AuditOptions options, FleetRunner.Settings settings, HistoryStore store,
                       LeaseBoard board, Duration leaseTimeout, boolean withPrevious) throws HistoryException {
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, FleetTarget> byKey = new HashMap<>();
        List<String> keys = new ArrayList<>();
        for (FleetTarget t : fleet) {
            if (byKey.putIfAbsent(t.name(), t) == null) {
                keys.add(t.name());
            }
        }
        board.join(keys);
        long runId;
        try (Connection c = store.database().connect()) {
            runId = HistoryStore.insertRun(c, round(board), version, started.toString(), null);
        } catch (SQLException e) {
            throw new HistoryException(store.database().describe(e, e));
        }
        List<TargetResult> mine = Collections.synchronizedList(new ArrayList<>());
        List<String> regressions = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<String> failure = new AtomicReference<>();
        ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "lease-heartbeat"));
        long beat = Math.max(200, leaseTimeout.toMillis() / 3);
        heartbeat.scheduleAtFixedRate(() -> {
            try {
                board.heartbeat();
            } catch (HistoryException e) {
                LOG.warn("lease heartbeat failed: {}", e.getMessage());
            }
        }, beat, beat, TimeUnit.MILLISECONDS);
        ExecutorService workers = Executors.newFixedThreadPool(settings.parallel(), r -> daemon(r, "round-worker"));
        long poll = Math.max(100, Math.min(2000, leaseTimeout.toMillis() / 4));
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < settings.parallel(); i++) {
                running.add(workers.submit(() -> work(byKey, keys, options, settings, board, runId, mine, regressions,
                        failure, poll, withPrevious)));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (java.util.concurrent.ExecutionException e) {
                    failure.compareAndSet(null, "round worker failed: " + e.getCause());
                }
            }
        } finally {
            heartbeat.shutdownNow();
            workers.shutdownNow();
            try {
                heartbeat.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            board.close();
        }
        Instant finished = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        if (failure.get() == null) {
            try (Connection c = store.database().connect()) {
                HistoryStore.finishRun(c, runId, finished.toString());
            } catch (SQLException | HistoryException e) {
                failure.compareAndSet(null, e instanceof SQLException s ? store.database().describe(s, s) : e.getMessage());
            }
        }
        LOG.info("history: round {} run {}: {} targets stored in {} ms", board.round(), runId, mine.size(),
                writeNanos.get() / 1_000_000);
        List<TargetResult> ordered = new ArrayList<>(mine);
        ordered.sort(java.util.Comparator.comparingInt(t -> keys.indexOf(t.name())));
        AuditResult result = AuditResult.of(version, started.toString(), finished.toString(), ordered);
        return new Outcome(result, List.copyOf(regressions), Optional.ofNullable(failure.get()));
    }

    private void work(Map<String, FleetTarget> byKey, List<String> keys, AuditOptions options, FleetRunner.Settings settings,
                      LeaseBoard board, long runId, List<TargetResult> mine, List<String> regressions,
                      AtomicReference<String> failure, long poll, boolean withPrevious) {
        while (failure.get() == null && !Thread.currentThread().isInterrupted()) {
            try {
                Optional<String> key = board.claim(keys);
                if (key.isEmpty()) {
                    LeaseBoard.Remaining left = board.remaining(keys);
                    if (left.notDone() == 0) {
                        return;
                    }
                    Thread.sleep(poll);
                    continue;
                }
                FleetTarget t = byKey.get(key.get());
                TargetResult r = runner.run(List.of(t), options, settings).targets().get(0);
                LeaseBoard.Completion done;
                try {
                    long storing = System.nanoTime();
                    done = board.complete(key.get(), runId, keys.indexOf(key.get()), r, withPrevious);
                    writeNanos.addAndGet(System.nanoTime() - storing);
                } catch (HistoryException e) {
                    mine.add(r); // audited but not stored: the report still holds it, marked unrecorded
                    throw e;
                }
                if (done.stored()) {
                    mine.add(r);
                    done.previous().ifPresent(p -> HistoryDiff.regressions(p.result(), r).forEach(c -> regressions.add(
                            r.name() + ": " + c.ruleId() + " passed in " + p.runLabel() + " and fails now")));
                } else {
                    LOG.warn("{}: the lease ran out and another agent took the target over; this result is dropped", t.name());
                }
            } catch (HistoryException e) {
                failure.compareAndSet(null, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String round(LeaseBoard board) {
        return board.round();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
