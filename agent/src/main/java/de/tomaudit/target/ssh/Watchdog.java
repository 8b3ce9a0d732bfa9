package de.tomaudit.target.ssh;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One daemon thread that fires timeouts for every SSH target: when an operation (SFTP request,
 * connect, the whole target) runs past its time, the watchdog closes its channel or session,
 * which makes the blocked call fail at once.
 */
final class Watchdog {
    private static final ScheduledThreadPoolExecutor TIMER;

    static {
        TIMER = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "tomaudit-ssh-watchdog");
            t.setDaemon(true);
            return t;
        });
        TIMER.setRemoveOnCancelPolicy(true);
    }

    /** A pending timeout; {@link #fired()} tells whether it went off. */
    static final class Alarm implements AutoCloseable {
        private final AtomicBoolean fired = new AtomicBoolean();
        private ScheduledFuture<?> future;

        boolean fired() {
            return fired.get();
        }

        @Override
        public void close() {
            future.cancel(false);
        }
    }

    private Watchdog() { }

    static Alarm after(Duration d, Runnable action) {
        Alarm a = new Alarm();
        a.future = TIMER.schedule(() -> {
            a.fired.set(true);
            action.run();
        }, Math.max(1, d.toMillis()), TimeUnit.MILLISECONDS);
        return a;
    }

    /** Runs {@code check} every {@code period} until the returned alarm is closed. */
    static Alarm every(Duration period, Runnable check) {
        Alarm a = new Alarm();
        long ms = Math.max(1, period.toMillis());
        a.future = TIMER.scheduleWithFixedDelay(check, ms, ms, TimeUnit.MILLISECONDS);
        return a;
    }
}
