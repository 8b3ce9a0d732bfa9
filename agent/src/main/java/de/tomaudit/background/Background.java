package de.tomaudit.background;

import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * Start-up work done beside the run instead of before it (the rules, the trust store, Jackson's
 * serializers): each on a daemon thread of its own, so an unfinished one never holds the JVM.
 */
public final class Background {
    private Background() { }

    /** Starts {@code work} on a daemon thread named {@code name}; its result (or failure) comes from the future. */
    public static <T> Future<T> start(String name, Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
        return task;
    }
}
