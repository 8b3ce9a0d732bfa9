package de.tomaudit.probe.tls;

import de.tomaudit.probe.Endpoint;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's TLS client with a trust manager that accepts any certificate, for looking at what a
 * server offers (its chain, its XMPP features inside TLS). Trust is judged separately by
 * {@link CertificateInspector}; nothing confidential is ever sent over these connections.
 */
public final class UncheckedTls {

    private UncheckedTls() { }

    /** Wraps an open (and, where needed, STARTTLS-upgraded) socket; SNI is the endpoint's name when it is a host name. */
    public static SSLSocket wrap(Socket plain, Endpoint endpoint) throws IOException, GeneralSecurityException {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new AcceptAll()}, null);
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(plain, endpoint.address(), endpoint.port(), false);
        SSLParameters p = s.getSSLParameters();
        String name = endpoint.name();
        if (ClientHello.isHostName(name)) {
            p.setServerNames(List.of(new SNIHostName(name.replaceAll("\\.$", ""))));
        }
        p.setEndpointIdentificationAlgorithm(null);
        s.setSSLParameters(p);
        return s;
    }

    /** Accepts every chain: the probe wants to see the certificate, not to trust it. */
    private static final class AcceptAll extends X509ExtendedTrustManager {
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) { }
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType) { }
        @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    }
}
