package de.tomaudit.cli;

import de.tomaudit.fleet.FleetProgress;
import de.tomaudit.result.TargetResult;
import de.tomaudit.result.TargetStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Progress of a fleet run on a terminal's stderr: one line ({@link ProgressLine}) redrawn in place
 * when a target ends and once a second, and cleared when the run ends, so the report that follows
 * starts on a clean line. Only used when stderr is a terminal: under cron nothing is written.
 */
final class TerminalProgress implements FleetProgress {
    private static final String CLEAR_LINE = "\r\033[K";
    private final PrintStream err;
    private final LongSupplier nanoClock;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private volatile int total;
    private volatile long start;
    private ScheduledExecutorService ticker;

    TerminalProgress(PrintStream err, LongSupplier nanoClock) {
        this.err = err;
        this.nanoClock = nanoClock;
    }

    /** Redraws once a second besides each finished target. */
    static TerminalProgress ticking(PrintStream err) {
        TerminalProgress p = new TerminalProgress(err, System::nanoTime);
        p.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progress");
            t.setDaemon(true);
            return t;
        });
        return p;
    }

    @Override
    public void started(int n) {
        total = n;
        start = nanoClock.getAsLong();
        draw();
        if (ticker != null) {
            ticker.scheduleAtFixedRate(this::draw, 1, 1, TimeUnit.SECONDS);
        }
    }

    @Override
    public void finished(TargetResult result) {
        if (result.status() != TargetStatus.COMPLETE) {
            failed.incrementAndGet();
        }
        done.incrementAndGet();
        draw();
    }

    @Override
    public void ended() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        synchronized (this) {
            err.print(CLEAR_LINE);
            err.flush();
        }
    }

    /** The current line, as drawn. */
    String line() {
        return ProgressLine.format(done.get(), total, failed.get(), Duration.ofNanos(nanoClock.getAsLong() - start));
    }

    private synchronized void draw() {
        err.print(CLEAR_LINE + line());
        err.flush();
    }
}
