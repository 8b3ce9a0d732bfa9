package de.tomaudit.target.ssh;

import de.tomaudit.target.DirEntry;
import de.tomaudit.target.FileContent;
import de.tomaudit.target.TargetException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one SSH target answered to each file request, kept for the rest of its audit. Several
 * collectors read the same files (nginx.conf for nginx, logrotate and the application packs;
 * /etc/passwd for owners and processes) and look for the same absent ones; over SSH each request
 * is a round trip that costs both sides CPU. An audit is one look at the machine, so the second
 * request gets the first answer. Only answers that do not change within an audit are kept:
 * contents, stats, listings, and the failures "not found", "denied", "too large", "link loop";
 * never a timeout or a lost connection. At most {@link #BUDGET} bytes of contents are kept.
 */
final class FileMemo {
    static final long BUDGET = 16L * 1024 * 1024;
    private static final Set<TargetException.Reason> LASTING = EnumSet.of(TargetException.Reason.NOT_FOUND,
            TargetException.Reason.PERMISSION_DENIED, TargetException.Reason.TOO_LARGE,
            TargetException.Reason.SYMLINK_LOOP, TargetException.Reason.NOT_SUPPORTED);

    /** What a request returns, or the failure it ended in. */
    @FunctionalInterface
    interface Request<T> {
        T get() throws TargetException;
    }

    private record Answer(Object value, TargetException failure, RuntimeException crash) { }

    private final ConcurrentMap<String, CompletableFuture<Answer>> answers = new ConcurrentHashMap<>();
    private final AtomicLong kept = new AtomicLong();

    /**
     * The answer to {@code kind} of {@code path}: the kept one, or asked now and kept when it lasts.
     * Collectors run side by side: a request already under way is waited for, not made again.
     */
    @SuppressWarnings("unchecked")
    <T> T answer(String kind, String path, Request<T> request) throws TargetException {
        String key = kind + '\0' + path;
        CompletableFuture<Answer> mine = new CompletableFuture<>();
        CompletableFuture<Answer> first = answers.putIfAbsent(key, mine);
        Answer a;
        if (first != null) {
            a = first.join();
        } else {
            a = ask(request);
            if (!lasts(a)) {
                answers.remove(key, mine);
            }
            mine.complete(a);
        }
        if (a.crash() != null) {
            throw a.crash();
        }
        if (a.failure() != null) {
            throw a.failure();
        }
        return (T) a.value();
    }

    private static <T> Answer ask(Request<T> request) {
        try {
            return new Answer(request.get(), null, null);
        } catch (TargetException e) {
            return new Answer(null, e, null);
        } catch (RuntimeException e) {
            return new Answer(null, null, e);
        }
    }

    /** Whether the answer is kept: a lasting failure, or a value within the budget (then counted). */
    private boolean lasts(Answer a) {
        if (a.crash() != null) {
            return false;
        }
        if (a.failure() != null) {
            return LASTING.contains(a.failure().reason());
        }
        long size = size(a.value());
        if (kept.addAndGet(size) <= BUDGET) {
            return true;
        }
        kept.addAndGet(-size);
        return false;
    }

    /** Requests answered so far and kept (for tests). */
    int size() {
        return (int) answers.values().stream().filter(CompletableFuture::isDone).count();
    }

    private static long size(Object value) {
        if (value instanceof FileContent c) {
            return c.bytes().length + 64L;
        }
        if (value instanceof List<?> l) {
            return l.stream().mapToLong(e -> e instanceof DirEntry d ? d.name().length() + 32L : 32L).sum() + 64L;
        }
        if (value instanceof Optional<?>) {
            return 128;
        }
        return 64;
    }
}
