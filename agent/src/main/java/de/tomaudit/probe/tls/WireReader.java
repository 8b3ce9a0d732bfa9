package de.tomaudit.probe.tls;

import java.util.Arrays;

/** Reads TLS wire structures from a byte array; every read is bounds-checked. */
final class WireReader {
    private final byte[] buf;
    private final int end;
    private int pos;

    WireReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    WireReader(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
    }

    int remaining() {
        return end - pos;
    }

    int u8() throws MalformedMessageException {
        need(1);
        return buf[pos++] & 0xff;
    }

    int u16() throws MalformedMessageException {
        need(2);
        int v = ((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    int u24() throws MalformedMessageException {
        need(3);
        int v = ((buf[pos] & 0xff) << 16) | ((buf[pos + 1] & 0xff) << 8) | (buf[pos + 2] & 0xff);
        pos += 3;
        return v;
    }

    byte[] bytes(int n) throws MalformedMessageException {
        if (n < 0) {
            throw new MalformedMessageException("negative length " + n);
        }
        need(n);
        byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return b;
    }

    /** A sub-reader over the next {@code n} bytes, which this reader skips. */
    WireReader sub(int n) throws MalformedMessageException {
        need(n);
        WireReader r = new WireReader(buf, pos, n);
        pos += n;
        return r;
    }

    void skip(int n) throws MalformedMessageException {
        need(n);
        pos += n;
    }

    private void need(int n) throws MalformedMessageException {
        if (n > end - pos) {
            throw new MalformedMessageException("truncated: needed " + n + " bytes, " + (end - pos) + " left");
        }
    }
}
