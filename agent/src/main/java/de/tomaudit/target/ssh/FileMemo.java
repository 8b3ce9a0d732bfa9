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
 *
 * <p>A path found absent is absent for every kind of request: once a stat has answered "no such
 * file" or a read "does not exist", a later stat, read or listing of it gets that answer without
 * asking, and so does one whose own request failed for a passing reason (a connection lost, a
 * timeout). Otherwise one collector could take a failed stat for "present but unreadable" and then
 * report the file missing from another collector's kept read: two answers for one file in one
 * audit, and an error that hides its cause.
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
    /** Paths known not to exist, with the failure that said so (or null when a stat said it). */
    private final ConcurrentMap<String, Optional<TargetException>> absent = new ConcurrentHashMap<>();
    /** The kinds a known absence answers. */
    private static final Set<String> FILE_KINDS = Set.of("read", "stat", "list");

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
            a = absence(kind, path).orElseGet(() -> ask(request));
            noteAbsence(kind, path, a);
            if (!lasts(a)) {
                Optional<Answer> known = absence(kind, path);
                if (known.isPresent()) {
                    a = known.get();
                } else {
                    answers.remove(key, mine);
                }
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

    /** The answer a known absence of {@code path} gives to a request of {@code kind}, if any. */
    private Optional<Answer> absence(String kind, String path) {
        Optional<TargetException> said = FILE_KINDS.contains(kind) ? absent.get(path) : null;
        if (said == null) {
            return Optional.empty();
        }
        if (kind.equals("stat")) {
            return Optional.of(new Answer(Optional.empty(), null, null));
        }
        TargetException e = said.orElseGet(() -> new TargetException(TargetException.Reason.NOT_FOUND, path,
                de.tomaudit.i18n.AuditTexts.get("evidence.host.does-not-exist", path)));
        return Optional.of(new Answer(null, e, null));
    }

    private void noteAbsence(String kind, String path, Answer a) {
        if (kind.equals("stat") && a.value() instanceof Optional<?> o && o.isEmpty()) {
            absent.putIfAbsent(path, Optional.empty());
        } else if (kind.equals("read") && a.failure() != null && a.failure().reason() == TargetException.Reason.NOT_FOUND) {
            absent.put(path, Optional.of(a.failure()));
        }
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
