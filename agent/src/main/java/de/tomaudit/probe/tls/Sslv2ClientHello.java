package de.tomaudit.probe.tls;

import java.security.SecureRandom;
import java.util.List;

/**
 * An SSL 2.0 CLIENT-HELLO (two-byte record header with the high bit set, message type 1,
 * version 0x0002, three-byte cipher kinds, 16-byte challenge), as the SSLv2 draft specifies.
 */
public final class Sslv2ClientHello {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Sslv2ClientHello() { }

    public static byte[] of(List<Integer> kinds) {
        byte[] challenge = new byte[16];
        RANDOM.nextBytes(challenge);
        WireWriter msg = new WireWriter();
        msg.u8(1).u16(TlsVersion.SSL_2.code()).u16(kinds.size() * 3).u16(0).u16(challenge.length);
        for (int k : kinds) {
            msg.u24(k);
        }
        msg.bytes(challenge);
        byte[] body = msg.toByteArray();
        WireWriter rec = new WireWriter();
        rec.u16(0x8000 | body.length).bytes(body);
        return rec.toByteArray();
    }
}
