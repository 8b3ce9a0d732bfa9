package de.tomaudit.probe;

import java.util.concurrent.Semaphore;

/**
 * How many connections to one endpoint may be open at once. The limit starts at
 * {@link ProbeSettings#handshakesPerEndpoint()} and only goes down: by one each time the server
 * is seen dropping a connection it then answers on a retry (a per-client connection limit, or a
 * server that sheds load), never below one.
 */
public final class ConnectionSlots {
    private final Shrinkable permits;
    private int limit;

    public ConnectionSlots(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("at least one connection: " + limit);
        }
        this.limit = limit;
        this.permits = new Shrinkable(limit);
    }

    /** The current limit. */
    public synchronized int limit() {
        return limit;
    }

    /** One connection fewer at once from now on (not below one). */
    public synchronized void shrink() {
        if (limit > 1) {
            limit--;
            permits.reducePermits(1);
        }
    }

    /** Takes {@code n} slots (one connection, or all of them for connections without company). */
    void acquire(int n) throws InterruptedException {
        if (n > 0) {
            permits.acquire(n);
        }
    }

    /** Waits at most {@code millis} for {@code n} slots. */
    boolean tryAcquire(int n, long millis) throws InterruptedException {
        return permits.tryAcquire(n, millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    void release(int n) {
        if (n > 0) {
            permits.release(n);
        }
    }

    /** A fair semaphore whose permits can be taken away for good. */
    private static final class Shrinkable extends Semaphore {
        Shrinkable(int permits) {
            super(permits, true);
        }

        @Override
        protected void reducePermits(int reduction) {
            super.reducePermits(reduction);
        }
    }
}
