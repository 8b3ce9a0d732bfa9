package de.tomaudit.target.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import de.tomaudit.target.FileContent;
import de.tomaudit.target.TargetException;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FileMemoTest {

    @Test
    void aContentIsAskedForOncePerKindAndPath() throws Exception {
        FileMemo memo = new FileMemo();
        AtomicInteger asked = new AtomicInteger();
        FileMemo.Request<FileContent> read = () -> {
            asked.incrementAndGet();
            return new FileContent("/etc/hosts", "127.0.0.1 localhost\n".getBytes());
        };
        FileContent first = memo.answer("read", "/etc/hosts", read);
        assertSame(first, memo.answer("read", "/etc/hosts", read));
        assertEquals(1, asked.get());
        memo.answer("stat", "/etc/hosts", read);
        memo.answer("read", "/etc/hostname", read);
        assertEquals(3, asked.get(), "another kind or another path is another request");
    }

    @Test
    void failuresThatLastAreRememberedTheOthersAskedAgain() {
        Set<TargetException.Reason> lasting = EnumSet.of(TargetException.Reason.NOT_FOUND, TargetException.Reason.PERMISSION_DENIED,
                TargetException.Reason.TOO_LARGE, TargetException.Reason.SYMLINK_LOOP, TargetException.Reason.NOT_SUPPORTED);
        for (TargetException.Reason reason : TargetException.Reason.values()) {
            FileMemo memo = new FileMemo();
            AtomicInteger asked = new AtomicInteger();
            FileMemo.Request<FileContent> failing = () -> {
                asked.incrementAndGet();
                throw new TargetException(reason, "/etc/x", "/etc/x: " + reason);
            };
            for (int i = 0; i < 3; i++) {
                assertEquals(reason, assertThrows(TargetException.class, () -> memo.answer("read", "/etc/x", failing)).reason());
            }
            assertEquals(lasting.contains(reason) ? 1 : 3, asked.get(), reason.toString());
        }
    }

    @Test
    void contentsBeyondTheBudgetAreNotKept() throws Exception {
        FileMemo memo = new FileMemo();
        AtomicInteger asked = new AtomicInteger();
        byte[] big = new byte[(int) (FileMemo.BUDGET / 2)];
        FileMemo.Request<FileContent> read = () -> {
            asked.incrementAndGet();
            return new FileContent("/big", big);
        };
        memo.answer("read", "/a", read);
        memo.answer("read", "/b", read);
        memo.answer("read", "/a", read);
        memo.answer("read", "/b", read);
        assertEquals(3, asked.get(), "the first is kept, the second is over the budget and asked again");
        assertEquals(1, memo.size());
    }

    @Test
    void aRequestUnderWayIsWaitedForNotMadeAgain() throws Exception {
        FileMemo memo = new FileMemo();
        AtomicInteger asked = new AtomicInteger();
        java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        FileMemo.Request<FileContent> slow = () -> {
            asked.incrementAndGet();
            inside.countDown();
            try {
                release.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new FileContent("/etc/nginx/nginx.conf", "events {}\n".getBytes());
        };
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.concurrent.Future<FileContent> first = pool.submit(() -> memo.answer("read", "/etc/nginx/nginx.conf", slow));
            inside.await(10, java.util.concurrent.TimeUnit.SECONDS);
            java.util.List<java.util.concurrent.Future<FileContent>> others = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                others.add(pool.submit(() -> memo.answer("read", "/etc/nginx/nginx.conf", slow)));
            }
            release.countDown();
            for (var f : others) {
                assertSame(first.get(10, java.util.concurrent.TimeUnit.SECONDS), f.get(10, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertEquals(1, asked.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCrashIsPassedOnAndAskedAgain() {
        FileMemo memo = new FileMemo();
        AtomicInteger asked = new AtomicInteger();
        FileMemo.Request<FileContent> crashing = () -> {
            asked.incrementAndGet();
            throw new IllegalStateException("parser bug");
        };
        assertThrows(IllegalStateException.class, () -> memo.answer("read", "/x", crashing));
        assertThrows(IllegalStateException.class, () -> memo.answer("read", "/x", crashing));
        assertEquals(2, asked.get());
    }

    private static TargetException lost(String path) {
        return new TargetException(TargetException.Reason.IO, path, path + ": the SSH connection to h was lost");
    }

    @Test
    void aPathFoundAbsentIsAbsentForEveryKindEvenWhenItsOwnRequestFails() throws Exception {
        FileMemo memo = new FileMemo();
        TargetException notFound = new TargetException(TargetException.Reason.NOT_FOUND, "/etc/x.yml", "/etc/x.yml does not exist");
        assertSame(notFound, assertThrows(TargetException.class, () -> memo.answer("read", "/etc/x.yml", () -> {
            throw notFound;
        })));
        AtomicInteger asked = new AtomicInteger();
        FileMemo.Request<java.util.Optional<Object>> lostStat = () -> {
            asked.incrementAndGet();
            throw lost("/etc/x.yml");
        };
        assertEquals(java.util.Optional.empty(), memo.answer("stat", "/etc/x.yml", lostStat),
                "a stat after the read said 'does not exist' answers absent, not the lost connection");
        assertEquals(0, asked.get(), "and is not asked");
        assertEquals(TargetException.Reason.NOT_FOUND, assertThrows(TargetException.class,
                () -> memo.answer("list", "/etc/x.yml", () -> {
                    throw lost("/etc/x.yml");
                })).reason());

        FileMemo other = new FileMemo();
        assertEquals(java.util.Optional.empty(), other.answer("stat", "/etc/y.yml", java.util.Optional::empty));
        TargetException e = assertThrows(TargetException.class, () -> other.answer("read", "/etc/y.yml", () -> {
            throw lost("/etc/y.yml");
        }));
        assertEquals(TargetException.Reason.NOT_FOUND, e.reason(), "a read after a stat said absent: " + e.getMessage());
        assertEquals(true, e.getMessage().contains("/etc/y.yml"), e.getMessage());
        assertThrows(TargetException.class, () -> other.answer("read", "/etc/z.yml", () -> {
            throw lost("/etc/z.yml");
        }), "another path is not touched");
        assertEquals(TargetException.Reason.IO, assertThrows(TargetException.class, () -> other.answer("read", "/etc/z.yml", () -> {
            throw lost("/etc/z.yml");
        })).reason());
    }

    @Test
    void anAbsenceLearntWhileARequestWasUnderWayAnswersItWhenItFails() throws Exception {
        FileMemo memo = new FileMemo();
        java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CompletableFuture<Object> stat = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return memo.answer("stat", "/etc/x.yml", () -> {
                    inside.countDown();
                    try {
                        release.await(10, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                    }
                    throw lost("/etc/x.yml");
                });
            } catch (TargetException e) {
                return e;
            }
        });
        inside.await(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThrows(TargetException.class, () -> memo.answer("read", "/etc/x.yml", () -> {
            throw new TargetException(TargetException.Reason.NOT_FOUND, "/etc/x.yml", "/etc/x.yml does not exist");
        }));
        release.countDown();
        assertEquals(java.util.Optional.empty(), stat.get(10, java.util.concurrent.TimeUnit.SECONDS));
    }
}
