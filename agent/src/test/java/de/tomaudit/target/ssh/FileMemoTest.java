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
}
