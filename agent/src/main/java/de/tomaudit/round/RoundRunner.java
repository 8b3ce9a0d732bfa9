package de.tomaudit.round;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.audit.AuditOptions;
import de.tomaudit.fleet.FleetRunner;
import de.tomaudit.fleet.FleetTarget;
import de.tomaudit.history.HistoryDiff;
import de.tomaudit.history.HistoryException;
import de.tomaudit.history.HistoryStore;
import de.tomaudit.result.AuditResult;
import de.tomaudit.result.TargetResult;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent's part of a shared round. One thread holds the agent's {@link LeaseBoard}: it leases as
 * many free targets as it has idle workers (at most {@code parallel}, in one query), hands them to
 * {@code parallel} workers that audit them (through the {@link FleetRunner}, with its timeout), stores
 * finished results a few at a time (as many as it has workers, or after {@link #HOLD_MILLIS}, or when
 * none is running) in one transaction each while the leases are its own, and
 * renews the leases every third of the lease timeout. The agent stays until every target of the
 * round is done: while others hold the rest, it waits, and takes over any target whose lease runs
 * out (its agent died). Its report holds the targets it audited itself; {@code history show ROUND}
 * holds the whole round.
 */
public final class RoundRunner {
    private static final Logger LOG = LoggerFactory.getLogger(RoundRunner.class);
    /**
     * How long a finished target may wait to be stored with others. A target finished and not stored when
     * its agent dies is not lost: its lease runs out and another agent audits it again.
     */
    private static final long HOLD_MILLIS = 500;

    /** What this agent did: its targets, the regressions against each target's previous run, and a history failure. */
    public record Outcome(AuditResult result, List<String> regressions, Optional<String> historyFailure) { }

    private final FleetRunner runner;
    private final String version;

    public RoundRunner(FleetRunner runner, String version) {
        this.runner = runner;
        this.version = version;
    }

    public Outcome run(List<FleetTarget> fleet, AuditOptions options, FleetRunner.Settings settings, LeaseBoard board, Duration leaseTimeout, boolean withPrevious) throws HistoryException {
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, FleetTarget> byKey = new HashMap<>();
        Map<String, Integer> positions = new HashMap<>();
        List<String> keys = new ArrayList<>();
        for (FleetTarget t : fleet) {
            if (byKey.putIfAbsent(t.name(), t) == null) {
                positions.put(t.name(), keys.size());
                keys.add(t.name());
            }
        }
        Round round = new Round(board, keys, byKey, positions, options, settings, leaseTimeout, withPrevious);
        try {
            board.join(keys);
            round.runId = board.startRun(version, started.toString());
            round.loop();
        } catch (HistoryException e) {
            board.close();
            throw e;
        } finally {
            round.workers.close();
        }
        Instant finished = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        if (round.failure == null) {
            try {
                board.finishRun(round.runId, finished.toString());
            } catch (HistoryException e) {
                round.failure = e.getMessage();
            }
        }
        board.close();
        LOG.info("history: round {} run {}: {} targets stored in {} ms", board.round(), round.runId, round.stored,
                round.writeNanos / 1_000_000);
        List<TargetResult> ordered = new ArrayList<>(round.mine);
        ordered.sort(Comparator.comparingInt(t -> positions.getOrDefault(t.name(), Integer.MAX_VALUE)));
        AuditResult result = AuditResult.of(version, started.toString(), finished.toString(), ordered);
        return new Outcome(result, List.copyOf(round.regressions), Optional.ofNullable(round.failure));
    }

    /** The state of one agent's round, kept by the one thread that talks to the board. */
    private final class Round {
        private final LeaseBoard board;
        private final List<String> keys;
        private final Map<String, FleetTarget> byKey;
        private final Map<String, Integer> positions;
        private final AuditOptions options;
        private final FleetRunner.Settings settings;
        private final boolean withPrevious;
        private final long beatMillis;
        private final long pollMillis;
        private final FleetRunner.Lanes workers;
        /** Results the workers have finished and the board thread has not stored yet (a null result: the worker failed). */
        private final BlockingQueue<LeaseBoard.Finished> finished = new LinkedBlockingQueue<>();
        private final List<TargetResult> mine = new ArrayList<>();
        /** Results taken from {@link #finished} and not stored yet (their leases are still this agent's). */
        private final List<LeaseBoard.Finished> pending = new ArrayList<>();
        private long pendingSince;
        private final List<String> regressions = new ArrayList<>();
        private long runId;
        private int inFlight;
        private int stored;
        private long writeNanos;
        private String failure;

        Round(LeaseBoard board, List<String> keys, Map<String, FleetTarget> byKey, Map<String, Integer> positions,
              AuditOptions options, FleetRunner.Settings settings, Duration leaseTimeout, boolean withPrevious) {
            this.board = board;
            this.keys = keys;
            this.byKey = byKey;
            this.positions = positions;
            this.options = options;
            this.settings = settings;
            this.withPrevious = withPrevious;
            this.beatMillis = Math.max(200, leaseTimeout.toMillis() / 3);
            this.pollMillis = Math.max(100, Math.min(2000, leaseTimeout.toMillis() / 4));
            this.workers = runner.lanes();
        }

        void loop() {
            long nextBeat = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(beatMillis);
            boolean claimNow = true;
            try {
                while (failure == null || inFlight > 0) {
                    if (failure == null && claimNow && inFlight < settings.parallel()) {
                        lease();
                    }
                    if (inFlight == 0) {
                        if (failure != null) {
                            return;
                        }
                        LeaseBoard.Remaining left = board.remaining(keys);
                        if (left.notDone() == 0) {
                            return;
                        }
                        if (left.claimable() == 0) {
                            // others hold the rest: wait until they finish some (announced) or a lease may have run out
                            board.awaitFinished(pollMillis);
                        }
                        claimNow = true;
                        continue;
                    }
                    long untilBeat = Math.max(0, nextBeat - System.nanoTime());
                    long wait = Math.min(untilBeat, TimeUnit.MILLISECONDS.toNanos(pollMillis));
                    if (!pending.isEmpty()) {
                        wait = Math.min(wait, Math.max(0, pendingSince + TimeUnit.MILLISECONDS.toNanos(HOLD_MILLIS) - System.nanoTime()));
                    }
                    LeaseBoard.Finished first = finished.poll(wait, TimeUnit.NANOSECONDS);
                    if (System.nanoTime() >= nextBeat) {
                        if (failure == null) {
                            beat();
                        }
                        nextBeat = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(beatMillis);
                    }
                    claimNow = first != null || untilBeat >= TimeUnit.MILLISECONDS.toNanos(pollMillis);
                    if (first != null) {
                        int before = pending.size();
                        pending.add(first);
                        finished.drainTo(pending);
                        inFlight -= pending.size() - before;
                        if (before == 0) {
                            pendingSince = System.nanoTime();
                        }
                    }
                    // stored a few at a time (one transaction each): when as many are waiting as there are
                    // workers, when nothing else runs, or when the oldest has waited long enough
                    if (!pending.isEmpty() && (pending.size() >= settings.parallel() || inFlight == 0 || failure != null
                            || System.nanoTime() - pendingSince >= TimeUnit.MILLISECONDS.toNanos(HOLD_MILLIS))) {
                        List<LeaseBoard.Finished> batch = new ArrayList<>(pending);
                        pending.clear();
                        store(batch);
                    }
                }
            } catch (HistoryException e) {
                failure = e.getMessage();
                collectRemaining();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Leases as many targets as there are idle workers and hands them out. */
        private void lease() throws HistoryException {
            for (String key : board.claim(keys, settings.parallel() - inFlight)) {
                FleetTarget t = byKey.get(key);
                int position = positions.get(key);
                inFlight++;
                workers.audit(t, options, settings).whenComplete((r, e) -> {
                    String json = null;
                    if (e != null) {
                        LOG.warn("{}: {}", t.name(), AuditTexts.get("round.worker-failed", e.toString()));
                    } else {
                        try {
                            json = HistoryStore.jsonOf(r); // here, beside the other audits, not on the board's thread
                        } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException ex) {
                            json = null; // made again when stored, where its failure is the history's
                        }
                    }
                    finished.add(new LeaseBoard.Finished(key, position, e != null ? null : r, json));
                });
            }
        }

        private void beat() {
            try {
                board.heartbeat();
            } catch (HistoryException e) {
                LOG.warn("{}", AuditTexts.get("round.heartbeat-failed", String.valueOf(e.getMessage())));
            }
        }

        private void store(List<LeaseBoard.Finished> batch) throws HistoryException {
            List<LeaseBoard.Finished> results = new ArrayList<>();
            for (LeaseBoard.Finished f : batch) {
                if (f.result() == null) {
                    failure = failure != null ? failure : "round worker failed on " + f.key();
                } else {
                    results.add(f);
                }
            }
            if (failure != null) {
                results.forEach(f -> mine.add(f.result())); // audited but not stored: the report holds them, unrecorded
                return;
            }
            long start = System.nanoTime();
            List<LeaseBoard.Stored> done;
            try {
                done = board.complete(runId, results, withPrevious);
            } catch (HistoryException e) {
                results.forEach(f -> mine.add(f.result()));
                throw e;
            }
            writeNanos += System.nanoTime() - start;
            Map<String, LeaseBoard.Stored> byDone = new HashMap<>();
            done.forEach(d -> byDone.put(d.key(), d));
            for (LeaseBoard.Finished f : results) {
                LeaseBoard.Stored s = byDone.get(f.key());
                if (s == null) {
                    LOG.warn("{}: {}", f.result().name(), AuditTexts.get("round.lease-lost"));
                    continue;
                }
                stored++;
                mine.add(f.result());
                TargetResult r = f.result();
                s.previous().ifPresent(p -> HistoryDiff.regressions(p.result(), r).forEach(c -> regressions.add(
                        AuditTexts.get("history.regression", r.name(), c.ruleId(), HistoryDiff.label(p.runLabel(),
                                de.tomaudit.i18n.Texts.of(AuditTexts.lang()))))));
            }
        }

        /** After a history failure: the targets still being audited are waited for and reported, unrecorded. */
        private void collectRemaining() {
            pending.stream().filter(f -> f.result() != null).forEach(f -> mine.add(f.result()));
            pending.clear();
            try {
                while (inFlight > 0) {
                    LeaseBoard.Finished f = finished.take();
                    inFlight--;
                    if (f.result() != null) {
                        mine.add(f.result());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
