package de.tomaudit.probe.tls;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.probe.ProbeException;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.tls.ExtensionType;
import org.bouncycastle.tls.HandshakeType;

/**
 * Reads a server's answer to one ClientHello: TLS records (reassembling handshake messages
 * split over records), alerts, or an SSLv2 SERVER-HELLO. Every length is checked against what
 * was received and against fixed caps; anything else is {@link ProbeException.Kind#GARBAGE}.
 */
final class ServerReplyReader {
    /** Largest handshake flight accepted (a certificate chain larger than this is an error). */
    static final int MAX_FLIGHT_BYTES = 128 * 1024;
    private static final int MAX_RECORD = (1 << 14) + 2048;
    private static final byte[] HELLO_RETRY_RANDOM = HexFormat.of().parseHex(
            "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");
    private static final int CONTENT_ALERT = 21;
    private static final int CONTENT_HANDSHAKE = 22;

    private final InputStream in;
    private final String endpoint;
    private final ByteArrayOutputStream handshake = new ByteArrayOutputStream();
    private int handshakeRead;

    ServerReplyReader(InputStream in, String endpoint) {
        this.in = in;
        this.endpoint = endpoint;
    }

    /** Reads until the ServerHello (and, when {@code readFlight}, until ServerHelloDone) or an alert. */
    ServerReply read(boolean readFlight) throws ProbeException {
        int first;
        try {
            first = in.read();
        } catch (SocketTimeoutException e) {
            throw new ProbeException(ProbeException.Kind.TIMEOUT, endpoint + ": " + AuditTexts.get("probe.tls.no-answer"));
        } catch (SocketException e) {
            return new ServerReply.Closed(true);
        } catch (IOException e) {
            throw new ProbeException(ProbeException.Kind.IO, endpoint + ": " + e.getMessage(), e);
        }
        if (first < 0) {
            return new ServerReply.Closed(false);
        }
        if ((first & 0x80) != 0) {
            return sslv2(first);
        }
        if (first != CONTENT_ALERT && first != CONTENT_HANDSHAKE) {
            throw garbage(AuditTexts.get("probe.tls.first-byte", "0x%02x".formatted(first)));
        }
        try {
            return tls(first, readFlight);
        } catch (MalformedMessageException e) {
            throw new ProbeException(ProbeException.Kind.GARBAGE, endpoint + ": " + AuditTexts.get("probe.tls.malformed", String.valueOf(e.getMessage())));
        } catch (SocketTimeoutException e) {
            throw new ProbeException(ProbeException.Kind.TIMEOUT, endpoint + ": " + AuditTexts.get("probe.tls.stopped"));
        } catch (EOFException e) {
            throw new ProbeException(ProbeException.Kind.CLOSED, endpoint + ": " + AuditTexts.get("probe.tls.closed", ""));
        } catch (SocketException e) {
            throw new ProbeException(ProbeException.Kind.RESET, endpoint + ": " + AuditTexts.get("probe.tls.reset", ""));
        } catch (IOException e) {
            throw new ProbeException(ProbeException.Kind.IO, endpoint + ": " + e.getMessage(), e);
        }
    }

    private ServerReply tls(int firstType, boolean readFlight) throws IOException, MalformedMessageException, ProbeException {
        int type = firstType;
        ServerReply.Hello hello = null;
        List<byte[]> certs = List.of();
        Optional<Integer> curve = Optional.empty();
        Optional<Integer> dhBits = Optional.empty();
        while (true) {
            byte[] header = readFully(4);
            int major = header[0] & 0xff;
            int len = ((header[2] & 0xff) << 8) | (header[3] & 0xff);
            if (major != 3 || (header[1] & 0xff) > 4) {
                throw garbage(AuditTexts.get("probe.tls.record-version", "0x%02x%02x".formatted(major, header[1] & 0xff)));
            }
            if (len == 0 || len > MAX_RECORD) {
                throw new MalformedMessageException("record length " + len);
            }
            byte[] fragment = readFully(len);
            if (type == CONTENT_ALERT) {
                if (hello != null) {
                    return hello; // an alert after the ServerHello: what we have is the answer
                }
                if (fragment.length < 2) {
                    throw new MalformedMessageException("alert of " + fragment.length + " bytes");
                }
                return new ServerReply.Alert(fragment[0] & 0xff, fragment[1] & 0xff);
            }
            if (type != CONTENT_HANDSHAKE) {
                if (hello != null) {
                    return hello; // ChangeCipherSpec or encrypted records after a TLS 1.3 ServerHello
                }
                throw new MalformedMessageException("record type " + type + " before the ServerHello");
            }
            handshake.write(fragment);
            if (handshake.size() - handshakeRead > MAX_FLIGHT_BYTES) {
                throw new ProbeException(ProbeException.Kind.TOO_LARGE,
                        endpoint + ": server handshake larger than " + MAX_FLIGHT_BYTES / 1024 + " KiB");
            }
            // take every complete handshake message
            while (true) {
                byte[] all = handshake.toByteArray();
                WireReader r = new WireReader(all, handshakeRead, all.length - handshakeRead);
                if (r.remaining() < 4) {
                    break;
                }
                int msgType = r.u8();
                int msgLen = r.u24();
                if (msgLen > MAX_FLIGHT_BYTES) {
                    throw new ProbeException(ProbeException.Kind.TOO_LARGE, endpoint + ": handshake message of "
                            + msgLen + " bytes (type " + msgType + ") exceeds " + MAX_FLIGHT_BYTES / 1024 + " KiB");
                }
                if (r.remaining() < msgLen) {
                    break;
                }
                byte[] body = r.bytes(msgLen);
                handshakeRead += 4 + msgLen;
                if (hello == null) {
                    if (msgType != HandshakeType.server_hello) {
                        throw new MalformedMessageException("handshake message type " + msgType + " before the ServerHello");
                    }
                    hello = serverHello(body);
                    if (!readFlight || hello.retry() || hello.version() == TlsVersion.TLS_1_3) {
                        return hello;
                    }
                    continue;
                }
                switch (msgType) {
                    case HandshakeType.certificate -> certs = certificates(body);
                    case HandshakeType.server_key_exchange -> {
                        SuiteCatalog cat = SuiteCatalog.get();
                        TlsSuite s = cat.tls(hello.suite());
                        WireReader k = new WireReader(body);
                        if (s.kx().startsWith("ECDHE") || (s.kx().equals("ECDH") && s.anonymous())) {
                            if (k.u8() == 3) {
                                curve = Optional.of(k.u16());
                            }
                        } else if (s.kx().startsWith("DHE") || (s.kx().equals("DH") && s.anonymous())) {
                            byte[] p = k.bytes(k.u16());
                            dhBits = Optional.of(new BigInteger(1, p).bitLength());
                        }
                    }
                    case HandshakeType.server_hello_done -> {
                        return withFlight(hello, certs, curve, dhBits);
                    }
                    default -> { } // CertificateStatus, CertificateRequest: not needed
                }
            }
            type = in.read();
            if (type < 0) {
                if (hello != null) {
                    return withFlight(hello, certs, curve, dhBits);
                }
                throw new EOFException();
            }
        }
    }

    private static ServerReply.Hello withFlight(ServerReply.Hello h, List<byte[]> certs, Optional<Integer> curve,
                                                Optional<Integer> dh) {
        return new ServerReply.Hello(h.version(), h.suite(), h.retry(), h.group(),
                Optional.of(new ServerReply.Flight(certs, curve, dh)));
    }

    private ServerReply.Hello serverHello(byte[] body) throws MalformedMessageException, ProbeException {
        WireReader r = new WireReader(body);
        int legacyVersion = r.u16();
        byte[] random = r.bytes(32);
        int sidLen = r.u8();
        if (sidLen > 32) {
            throw new MalformedMessageException("session id of " + sidLen + " bytes");
        }
        r.skip(sidLen);
        int suite = r.u16();
        r.u8(); // compression
        boolean retry = Arrays.equals(random, HELLO_RETRY_RANDOM);
        int version = legacyVersion;
        Optional<Integer> group = Optional.empty();
        if (r.remaining() > 0) {
            WireReader ext = r.sub(r.u16());
            while (ext.remaining() > 0) {
                int extType = ext.u16();
                WireReader data = ext.sub(ext.u16());
                if (extType == ExtensionType.supported_versions) {
                    version = data.u16();
                } else if (extType == ExtensionType.key_share) {
                    group = Optional.of(data.u16());
                }
            }
        }
        Optional<TlsVersion> v = TlsVersion.ofCode(version);
        if (v.isEmpty() || v.get() == TlsVersion.SSL_2) {
            throw new ProbeException(ProbeException.Kind.GARBAGE,
                    endpoint + ": ServerHello with unknown version 0x%04x".formatted(version));
        }
        return new ServerReply.Hello(v.get(), suite, retry, group, Optional.empty());
    }

    private static List<byte[]> certificates(byte[] body) throws MalformedMessageException {
        WireReader r = new WireReader(body);
        WireReader list = r.sub(r.u24());
        List<byte[]> out = new ArrayList<>();
        while (list.remaining() > 0) {
            out.add(list.bytes(list.u24()));
        }
        return out;
    }

    private ServerReply sslv2(int first) throws ProbeException {
        try {
            int second = in.read();
            if (second < 0) {
                throw new EOFException();
            }
            int len = ((first & 0x7f) << 8) | second;
            if (len < 1 || len > MAX_RECORD) {
                throw garbage("SSLv2 record length " + len);
            }
            byte[] msg = readFully(len);
            WireReader r = new WireReader(msg);
            int type = r.u8();
            if (type == 0) {
                return new ServerReply.Alert(2, 40); // SSLv2 ERROR message: no common cipher and the like
            }
            if (type != 4) {
                throw garbage("SSLv2 message type " + type + " where SERVER-HELLO (4) was due");
            }
            r.u8(); // session id hit
            r.u8(); // certificate type
            int version = r.u16();
            int certLen = r.u16();
            int specsLen = r.u16();
            int connIdLen = r.u16();
            byte[] cert = r.bytes(certLen);
            if (specsLen % 3 != 0) {
                throw new MalformedMessageException("SSLv2 cipher specs of " + specsLen + " bytes");
            }
            List<Integer> kinds = new ArrayList<>();
            for (int i = 0; i < specsLen / 3; i++) {
                kinds.add(r.u24());
            }
            r.skip(connIdLen);
            if (version != TlsVersion.SSL_2.code()) {
                throw garbage("SSLv2 SERVER-HELLO with version 0x%04x".formatted(version));
            }
            return new ServerReply.Sslv2Hello(kinds, cert);
        } catch (MalformedMessageException e) {
            throw new ProbeException(ProbeException.Kind.GARBAGE, endpoint + ": malformed SSLv2 answer: " + e.getMessage());
        } catch (SocketTimeoutException e) {
            throw new ProbeException(ProbeException.Kind.TIMEOUT, endpoint + ": " + AuditTexts.get("probe.tls.stopped"));
        } catch (IOException e) {
            throw new ProbeException(ProbeException.Kind.CLOSED, endpoint + ": connection ended in the middle of an SSLv2 answer");
        }
    }

    private byte[] readFully(int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new EOFException();
        }
        return b;
    }

    private ProbeException garbage(String what) {
        return new ProbeException(ProbeException.Kind.GARBAGE, endpoint + ": " + AuditTexts.get("probe.tls.garbage", what));
    }
}
