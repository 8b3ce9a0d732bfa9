package de.tomaudit.target.ssh;

import de.tomaudit.target.DirEntry;
import de.tomaudit.target.FileContent;
import de.tomaudit.target.TargetException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

    private record Answer(Object value, TargetException failure) { }

    private final ConcurrentMap<String, Answer> answers = new ConcurrentHashMap<>();
    private final AtomicLong kept = new AtomicLong();

    /** The answer to {@code kind} of {@code path}: the kept one, or asked now and kept when it lasts. */
    @SuppressWarnings("unchecked")
    <T> T answer(String kind, String path, Request<T> request) throws TargetException {
        String key = kind + '\0' + path;
        Answer a = answers.get(key);
        if (a != null) {
            if (a.failure() != null) {
                throw a.failure();
            }
            return (T) a.value();
        }
        try {
            T value = request.get();
            long size = size(value);
            if (kept.addAndGet(size) <= BUDGET) {
                answers.putIfAbsent(key, new Answer(value, null));
            } else {
                kept.addAndGet(-size);
            }
            return value;
        } catch (TargetException e) {
            if (LASTING.contains(e.reason())) {
                answers.putIfAbsent(key, new Answer(null, e));
            }
            throw e;
        }
    }

    /** Requests answered so far and kept (for tests). */
    int size() {
        return answers.size();
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
