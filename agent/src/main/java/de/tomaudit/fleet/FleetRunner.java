package de.tomaudit.fleet;

import de.tomaudit.audit.AuditOptions;
import de.tomaudit.audit.TargetAuditor;
import de.tomaudit.audit.TargetOpener;
import de.tomaudit.result.AuditResult;
import de.tomaudit.result.TargetError;
import de.tomaudit.result.TargetResult;
import de.tomaudit.target.Target;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Audits a fleet: at most {@code parallel} targets at once, each within {@code targetTimeout}.
 * A target that is unreachable, slow or hostile costs only its own slot: when its time is up it
 * is reported unreachable with stage {@code timeout}, its connection is closed, and its slot goes
 * to the next target even if its thread is still stuck (threads are daemons, so a stuck one never
 * holds the run). Results keep the order of the targets.
 */
public final class FleetRunner {
    private static final Logger LOG = LoggerFactory.getLogger(FleetRunner.class);

    /** How many targets at once, and how long one may take in all (open, collect, evaluate). */
    public record Settings(int parallel, Duration targetTimeout) {
        public Settings {
            if (parallel < 1) {
                throw new IllegalArgumentException("parallel must be at least 1");
            }
        }
    }

    private final TargetAuditor auditor;
    private final TargetFactory factory;
    private final String version;

    public FleetRunner(TargetAuditor auditor, TargetFactory factory, String version) {
        this.auditor = auditor;
        this.factory = factory;
        this.version = version;
    }

    public AuditResult run(List<FleetTarget> targets, AuditOptions options, Settings settings) {
        return run(targets, options, settings, FleetProgress.NONE);
    }

    /** As {@link #run(List, AuditOptions, Settings)}, telling {@code progress} of each target as it ends. */
    public AuditResult run(List<FleetTarget> targets, AuditOptions options, Settings settings, FleetProgress progress) {
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        progress.started(targets.size());
        Semaphore slots = new Semaphore(settings.parallel());
        ExecutorService workers = Executors.newCachedThreadPool(daemons("audit"));
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(daemons("audit-timeout"));
        List<CompletableFuture<TargetResult>> results = new ArrayList<>();
        try {
            for (FleetTarget t : targets) {
                slots.acquireUninterruptibly();
                CompletableFuture<TargetResult> r = start(t, options, settings, slots, workers, watchdog);
                r.thenAccept(progress::finished);
                results.add(r);
            }
            List<TargetResult> out = new ArrayList<>();
            for (CompletableFuture<TargetResult> f : results) {
                out.add(f.join());
            }
            Instant finished = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            return AuditResult.of(version, started.toString(), finished.toString(), out);
        } finally {
            progress.ended();
            watchdog.shutdownNow();
            workers.shutdownNow();
        }
    }

    /**
     * Audits targets handed in one at a time, each with the run's timeout, on threads that live as long
     * as the lanes (a shared round hands out targets as it leases them; a pool and a watchdog per target
     * cost two thread starts each). Closing stops the threads.
     */
    public final class Lanes implements AutoCloseable {
        private final ExecutorService workers = Executors.newCachedThreadPool(daemons("audit"));
        private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(daemons("audit-timeout"));
        private final Semaphore unbounded = new Semaphore(0); // the caller bounds how many run at once

        /** Starts auditing {@code t}; the future always completes with a result (a failed or timed-out one included). */
        public CompletableFuture<TargetResult> audit(FleetTarget t, AuditOptions options, Settings settings) {
            return start(t, options, settings, unbounded, workers, watchdog);
        }

        @Override
        public void close() {
            watchdog.shutdownNow();
            workers.shutdownNow();
        }
    }

    public Lanes lanes() {
        return new Lanes();
    }

    private CompletableFuture<TargetResult> start(FleetTarget t, AuditOptions options, Settings settings, Semaphore slots,
                                                  ExecutorService workers, ScheduledExecutorService watchdog) {
        CompletableFuture<TargetResult> result = new CompletableFuture<>();
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                slots.release();
            }
        };
        AtomicReference<Target> opened = new AtomicReference<>();
        Future<?> task = workers.submit(() -> {
            try {
                result.complete(auditOne(t, options, opened));
            } catch (Throwable e) {
                result.complete(failed(t, options, "audit", "internal error: " + de.tomaudit.facts.Crash.describe(e)));
            } finally {
                release.run();
            }
        });
        long ms = settings.targetTimeout().toMillis();
        ScheduledFuture<?> timer = watchdog.schedule(() -> {
            // the watchdog's thread has no language of its own: the audit's
            String why = de.tomaudit.i18n.Texts.of(options.lang()).get("fleet.timeout", String.valueOf(settings.targetTimeout().toSeconds()));
            if (result.complete(failed(t, options, "timeout", why))) {
                LOG.info("{}: {}", t.name(), why);
                task.cancel(true);
                Target target = opened.get();
                if (target != null) {
                    try {
                        target.close();
                    } catch (RuntimeException e) {
                        LOG.debug("{}: closing after the timeout failed: {}", t.name(), e.toString());
                    }
                }
                release.run();
            }
        }, ms, TimeUnit.MILLISECONDS);
        result.whenComplete((r, e) -> timer.cancel(false));
        return result;
    }

    private TargetResult auditOne(FleetTarget t, AuditOptions options, AtomicReference<Target> opened) {
        // opening the target (an SSH connection, a bundle's index) already writes texts a user may read
        return de.tomaudit.i18n.AuditTexts.with(options.lang(), () -> auditOneIn(t, options, opened));
    }

    private TargetResult auditOneIn(FleetTarget t, AuditOptions options, AtomicReference<Target> opened) {
        AuditOptions o = t.kinds().isEmpty() ? options : options.withKinds(t.kinds());
        MDC.put("target", t.name());
        long start = System.nanoTime();
        Target target = null;
        try {
            target = factory.open(t);
            opened.set(target);
            TargetResult r = auditor.audit(t.reportName(target), target, o);
            MDC.put("target", t.name());
            LOG.info("{}: {} ({} findings) in {} ms", t.name(), r.status().toString().toLowerCase(java.util.Locale.ROOT),
                    r.findings().size(), (System.nanoTime() - start) / 1_000_000);
            return r;
        } catch (TargetOpener.UnreachableException e) {
            LOG.info("{}: unreachable ({}): {}", t.name(), e.stage(), e.getMessage());
            return failed(t, o, e.stage(), e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            LOG.info("{}: audit failed: {}", t.name(), e.toString());
            return failed(t, o, "audit", "internal error: " + de.tomaudit.facts.Crash.describe(e));
        } finally {
            if (target != null) {
                try {
                    target.close();
                } catch (RuntimeException e) {
                    LOG.debug("{}: close failed: {}", t.name(), e.toString());
                }
            }
            MDC.remove("target");
        }
    }

    private static TargetResult failed(FleetTarget t, AuditOptions o, String stage, String message) {
        List<String> kinds = List.copyOf(t.kinds().isEmpty() ? o.kinds() : t.kinds());
        return TargetResult.unreachable(t.name(), t.spec().text(), kinds, new TargetError(stage, message, undecided(kinds, o)));
    }

    /**
     * What a target that could not be audited at all left undecided: every rule of its kinds (all
     * kinds when they were to be detected) and the network probes' rules unless probes are off;
     * the organisational measures ({@code org}) are never machine-decided, so not among them.
     */
    static List<String> undecided(List<String> kinds, AuditOptions o) {
        List<String> out = new java.util.ArrayList<>();
        for (de.tomaudit.rules.Rule r : o.rules()) {
            boolean probe = de.tomaudit.probe.ProbePhase.PACKS.contains(r.pack());
            boolean ofKind = kinds.isEmpty() ? !r.pack().equals("org") && !r.pack().equals("policy") && !probe
                    : kinds.contains(r.pack());
            if (ofKind && !o.probes().only() || probe && o.probes().enabled()) {
                out.add(r.id());
            }
        }
        return out.isEmpty() ? List.of("target") : out.stream().distinct().sorted().toList();
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread th = new Thread(r, prefix + "-" + n.incrementAndGet());
            th.setDaemon(true);
            return th;
        };
    }
}
