package de.tomaudit.probe.tls;

import java.util.List;
import java.util.Optional;

/** What a server answered to one ClientHello. */
public sealed interface ServerReply {

    /**
     * A ServerHello (or a TLS 1.3 HelloRetryRequest, {@code retry}) choosing {@code version} and {@code suite}.
     * {@code group} is the key share group of a TLS 1.3 ServerHello or the group a HelloRetryRequest asks for.
     * {@code flight} holds what followed a TLS 1.2-or-older ServerHello when the caller asked to read on.
     */
    record Hello(TlsVersion version, int suite, boolean retry, Optional<Integer> group, Optional<Flight> flight)
            implements ServerReply { }

    /** Certificate and ServerKeyExchange of a TLS 1.2-or-older handshake. */
    record Flight(List<byte[]> certificates, Optional<Integer> curve, Optional<Integer> dhPrimeBits) {
        public Flight {
            certificates = List.copyOf(certificates);
        }
    }

    /** A fatal or warning alert instead of a ServerHello. */
    record Alert(int level, int description) implements ServerReply {
        public String text() {
            String n = org.bouncycastle.tls.AlertDescription.getName((short) description);
            return "alert " + (n == null ? "unknown" : n) + " (" + description + ")";
        }
    }

    /** The connection ended (orderly close or reset) before any answer: typical for an unsupported version. */
    record Closed(boolean reset) implements ServerReply { }

    /** An SSLv2 SERVER-HELLO listing the cipher kinds the server shares with the client. */
    record Sslv2Hello(List<Integer> kinds, byte[] certificate) implements ServerReply {
        public Sslv2Hello {
            kinds = List.copyOf(kinds);
            certificate = certificate.clone();
        }
    }
}
