package de.tomaudit.probe.tls;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Deque;

/** Writes TLS wire structures: big-endian integers and length-prefixed vectors. */
final class WireWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    private final Deque<int[]> open = new ArrayDeque<>();

    WireWriter u8(int v) {
        out.write(v & 0xff);
        return this;
    }

    WireWriter u16(int v) {
        return u8(v >>> 8).u8(v);
    }

    WireWriter u24(int v) {
        return u8(v >>> 16).u8(v >>> 8).u8(v);
    }

    WireWriter bytes(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    /** Opens a vector whose length (of {@code lengthBytes} bytes) is filled in by {@link #end()}. */
    WireWriter begin(int lengthBytes) {
        open.push(new int[] {out.size(), lengthBytes});
        for (int i = 0; i < lengthBytes; i++) {
            out.write(0);
        }
        return this;
    }

    WireWriter end() {
        int[] v = open.pop();
        byte[] all = out.toByteArray();
        int len = all.length - v[0] - v[1];
        if (len >= (1L << (8 * v[1]))) {
            throw new IllegalStateException("vector too long: " + len);
        }
        for (int i = 0; i < v[1]; i++) {
            all[v[0] + i] = (byte) (len >>> (8 * (v[1] - 1 - i)));
        }
        out.reset();
        out.write(all, 0, all.length);
        return this;
    }

    int size() {
        return out.size();
    }

    byte[] toByteArray() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("unclosed vector");
        }
        return out.toByteArray();
    }
}
