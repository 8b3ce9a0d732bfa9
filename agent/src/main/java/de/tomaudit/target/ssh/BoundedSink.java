package de.tomaudit.target.ssh;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

/** Keeps the first {@code limit} bytes written and counts the rest, so output never grows unbounded. */
final class BoundedSink extends OutputStream {
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final int limit;
    private volatile long total;

    BoundedSink(int limit) {
        this.limit = limit;
    }

    @Override
    public synchronized void write(int b) {
        if (kept.size() < limit) {
            kept.write(b);
        }
        total++;
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        int room = limit - kept.size();
        if (room > 0) {
            kept.write(b, off, Math.min(room, len));
        }
        total += len;
    }

    /** More arrived than was kept. */
    boolean overflowed() {
        return total > limit;
    }

    long total() {
        return total;
    }

    synchronized byte[] bytes() {
        return kept.toByteArray();
    }
}
