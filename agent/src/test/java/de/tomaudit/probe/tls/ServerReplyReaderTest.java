package de.tomaudit.probe.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.probe.ProbeException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Server answers built by hand, well-formed and broken. */
class ServerReplyReaderTest {

    private static ServerReply read(byte[] bytes, boolean flight) throws ProbeException {
        return new ServerReplyReader(new ByteArrayInputStream(bytes), "test").read(flight);
    }

    private static byte[] serverHello(int version, byte[] random, int suite, byte[] ext) {
        WireWriter w = new WireWriter();
        w.u8(2).begin(3).u16(version).bytes(random).u8(0).u16(suite).u8(0);
        if (ext.length > 0) {
            w.begin(2).bytes(ext).end();
        }
        return w.end().toByteArray();
    }

    private static byte[] records(int type, byte[] payload, int split) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int off = 0; off < payload.length; off += split) {
            int n = Math.min(split, payload.length - off);
            b.write(type);
            b.write(3);
            b.write(3);
            b.write(n >>> 8);
            b.write(n);
            b.write(payload, off, n);
        }
        return b.toByteArray();
    }

    @Test
    void serverHelloSplitOverRecordsWithFlight() throws Exception {
        byte[] hello = serverHello(0x0303, new byte[32], 0xc02f, new byte[0]);
        WireWriter cert = new WireWriter();
        cert.u8(11).begin(3).begin(3).begin(3).bytes(new byte[] {1, 2, 3}).end().end().end();
        WireWriter ske = new WireWriter();
        ske.u8(12).begin(3).u8(3).u16(29).u8(1).u8(4).end();
        WireWriter done = new WireWriter();
        done.u8(14).u24(0);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(hello);
        all.writeBytes(cert.toByteArray());
        all.writeBytes(ske.toByteArray());
        all.writeBytes(done.toByteArray());
        ServerReply r = read(records(22, all.toByteArray(), 7), true);
        ServerReply.Hello h = assertInstanceOf(ServerReply.Hello.class, r);
        assertEquals(TlsVersion.TLS_1_2, h.version());
        assertEquals(0xc02f, h.suite());
        assertEquals(Optional.of(29), h.flight().orElseThrow().curve());
        assertEquals(1, h.flight().orElseThrow().certificates().size());
    }

    @Test
    void helloRetryRequestAndTls13Version() throws Exception {
        byte[] random = HexFormat.of().parseHex("cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");
        WireWriter ext = new WireWriter();
        ext.u16(43).u16(2).u16(0x0304).u16(51).u16(2).u16(23);
        ServerReply.Hello h = assertInstanceOf(ServerReply.Hello.class,
                read(records(22, serverHello(0x0303, random, 0x1301, ext.toByteArray()), 1000), false));
        assertTrue(h.retry());
        assertEquals(TlsVersion.TLS_1_3, h.version());
        assertEquals(Optional.of(23), h.group());
    }

    @Test
    void alertAndClosedAreAnswersNotErrors() throws Exception {
        ServerReply.Alert a = assertInstanceOf(ServerReply.Alert.class, read(new byte[] {21, 3, 1, 0, 2, 2, 70}, false));
        assertEquals(70, a.description());
        assertTrue(a.text().contains("protocol_version"), a.text());
        assertInstanceOf(ServerReply.Closed.class, read(new byte[0], false));
    }

    @Test
    void brokenAnswersAreGarbage() {
        // HTTP instead of TLS
        assertEquals(ProbeException.Kind.GARBAGE, assertThrows(ProbeException.class,
                () -> read("HTTP/1.1 400 Bad Request\r\n".getBytes(), false)).kind());
        // record version 0x0909
        assertEquals(ProbeException.Kind.GARBAGE, assertThrows(ProbeException.class,
                () -> read(new byte[] {22, 9, 9, 0, 1, 0}, false)).kind());
        // a ServerHello whose session id claims 200 bytes
        byte[] bad = new byte[] {2, 0, 0, 35, 3, 3};
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(bad);
        b.writeBytes(new byte[32]);
        b.write(200);
        ProbeException e = assertThrows(ProbeException.class, () -> read(records(22, b.toByteArray(), 100), false));
        assertEquals(ProbeException.Kind.GARBAGE, e.kind());
        // a ServerHello with the version 0x7f17
        assertEquals(ProbeException.Kind.GARBAGE, assertThrows(ProbeException.class,
                () -> read(records(22, serverHello(0x7f17, new byte[32], 0x1301, new byte[0]), 100), false)).kind());
        // a Certificate before the ServerHello
        assertEquals(ProbeException.Kind.GARBAGE, assertThrows(ProbeException.class,
                () -> read(records(22, new byte[] {11, 0, 0, 0}, 100), false)).kind());
    }

    @Test
    void truncatedAnswerIsClosedMidway() {
        byte[] full = records(22, serverHello(0x0303, new byte[32], 0xc02f, new byte[0]), 1000);
        byte[] cut = java.util.Arrays.copyOf(full, full.length - 10);
        assertEquals(ProbeException.Kind.CLOSED, assertThrows(ProbeException.class, () -> read(cut, false)).kind());
    }

    @Test
    void aHugeCertificateMessageIsTooLarge() {
        WireWriter w = new WireWriter();
        w.bytes(serverHello(0x0303, new byte[32], 0xc02f, new byte[0]));
        w.u8(11).u24(10_000_000);
        ProbeException e = assertThrows(ProbeException.class, () -> read(records(22, w.toByteArray(), 1000), true));
        assertEquals(ProbeException.Kind.TOO_LARGE, e.kind());
    }

    @Test
    void sslv2ServerHello() throws Exception {
        WireWriter m = new WireWriter();
        m.u8(4).u8(0).u8(1).u16(2).u16(2).u16(6).u16(16).bytes(new byte[] {9, 9}).u24(0x010080).u24(0x0700c0).bytes(new byte[16]);
        byte[] body = m.toByteArray();
        WireWriter rec = new WireWriter();
        rec.u16(0x8000 | body.length).bytes(body);
        ServerReply.Sslv2Hello h = assertInstanceOf(ServerReply.Sslv2Hello.class, read(rec.toByteArray(), false));
        assertEquals(java.util.List.of(0x010080, 0x0700c0), h.kinds());
    }
}
