package de.tomaudit.probe.tls;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.probe.Connector;
import de.tomaudit.probe.ProbeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * The certificate chain of an endpoint. The enumeration's own TLS 1.2-or-older handshake already
 * carried it ({@link #fromHandshake}); only a server without such a handshake (TLS 1.3 only), or
 * another name on the same port, costs a connection of its own: the JDK's TLS (1.2/1.3) with a
 * trust manager that accepts anything ({@link #fetch}). Trust is judged afterwards and separately
 * ({@link CertificateInspector}). For servers the JDK will not talk to (TLS 1.0/1.1 only), the
 * chain from a hand-built handshake is used instead.
 */
public final class CertificateFetcher {
    private static final int MAX_CHAIN = 16;

    private CertificateFetcher() { }

    /** The chain (leaf first) and how it was obtained: {@code jdk} or {@code handshake}. */
    public record Fetched(List<X509Certificate> chain, String via, String protocol) { }

    /** The chain the enumeration saw in its {@code version} handshake (leaf first), without a connection. */
    public static Fetched fromHandshake(Connector connector, List<byte[]> raw, TlsVersion version) throws ProbeException {
        try {
            return new Fetched(parse(raw), "handshake", version.display());
        } catch (CertificateException e) {
            throw unparsable(connector, e);
        }
    }

    public static Fetched fetch(Connector connector, List<byte[]> rawFallback) throws ProbeException {
        ProbeException jdkFailure;
        try {
            return viaJdk(connector);
        } catch (ProbeException e) {
            if (e.kind() == ProbeException.Kind.REFUSED || e.kind() == ProbeException.Kind.BUDGET
                    || e.kind() == ProbeException.Kind.STARTTLS) {
                throw e;
            }
            jdkFailure = e;
        }
        if (!rawFallback.isEmpty()) {
            try {
                return new Fetched(parse(rawFallback), "handshake", "");
            } catch (CertificateException e) {
                throw unparsable(connector, e);
            }
        }
        throw jdkFailure;
    }

    private static Fetched viaJdk(Connector connector) throws ProbeException {
        String label = connector.endpoint().label();
        try (Connector.Connection c = connector.open()) {
            SSLSocket s = UncheckedTls.wrap(c.socket(), connector.endpoint());
            c.refreshTimeout();
            s.startHandshake();
            Certificate[] peer = s.getSession().getPeerCertificates();
            String protocol = s.getSession().getProtocol();
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate cert : peer) {
                if (cert instanceof X509Certificate x && out.size() < MAX_CHAIN) {
                    out.add(x);
                }
            }
            if (peer.length > MAX_CHAIN) {
                throw new ProbeException(ProbeException.Kind.TOO_LARGE, label + ": " + AuditTexts.get("probe.tls.chain-long", peer.length, MAX_CHAIN));
            }
            try {
                s.close();
            } catch (IOException e) {
                // closing is best effort
            }
            return new Fetched(out, "jdk", protocol);
        } catch (SocketTimeoutException e) {
            throw new ProbeException(ProbeException.Kind.TIMEOUT, label + ": " + AuditTexts.get("probe.tls.handshake-timeout"));
        } catch (SSLException e) {
            throw new ProbeException(ProbeException.Kind.IO, label + ": " + AuditTexts.get("probe.tls.handshake", String.valueOf(e.getMessage())), e);
        } catch (IOException e) {
            throw new ProbeException(ProbeException.Kind.IO, label + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new ProbeException(ProbeException.Kind.IO, label + ": " + AuditTexts.get("probe.tls.unavailable", String.valueOf(e.getMessage())), e);
        }
    }

    private static ProbeException unparsable(Connector connector, CertificateException e) {
        return new ProbeException(ProbeException.Kind.GARBAGE, connector.endpoint().label()
                + ": " + AuditTexts.get("probe.tls.bad-certificate", String.valueOf(e.getMessage())));
    }

    static List<X509Certificate> parse(List<byte[]> ders) throws CertificateException {
        CertificateFactory f = CertificateFactory.getInstance("X.509");
        List<X509Certificate> out = new ArrayList<>();
        for (byte[] der : ders.subList(0, Math.min(ders.size(), MAX_CHAIN))) {
            out.add((X509Certificate) f.generateCertificate(new ByteArrayInputStream(der)));
        }
        return out;
    }

}
