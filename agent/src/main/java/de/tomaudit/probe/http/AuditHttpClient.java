package de.tomaudit.probe.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/**
 * The one place that builds the agent's OkHttp clients (the HTTP probe, the Mastodon API, the
 * BigBlueButton API). Every client it makes:
 * <ul>
 *   <li>connects only to the probe address it is pinned to: the URL keeps the service's name, which
 *       becomes the Host header and the TLS server name (SNI), while DNS is never asked, so a name
 *       that resolves elsewhere (or nowhere) never leads the agent to another machine;</li>
 *   <li>does not verify certificates or host names, deliberately: an audit must read a server whose
 *       certificate is expired or self-signed, and judging the certificate is the TLS probe's job
 *       ({@code probe.tls}), which reports it as a finding;</li>
 *   <li>follows no redirect itself (a caller that follows one does so explicitly, still pinned), does
 *       not retry, speaks HTTP/1.1 only, and has connect, read, write and whole-call timeouts;</li>
 *   <li>keeps no idle connection once {@link #close(OkHttpClient)} has run.</li>
 * </ul>
 */
public final class AuditHttpClient {
    private static final X509TrustManager NO_VERIFY = new NoVerify();
    private static final SSLContext NO_VERIFY_CONTEXT = noVerifyContext();

    private AuditHttpClient() { }

    /**
     * A client pinned to {@code probeAddress}. {@code callTimeout} bounds a whole call (connect,
     * TLS, request, answer); {@code userAgent}, when not blank, is sent on every request.
     */
    public static OkHttpClient pinned(InetAddress probeAddress, Duration connectTimeout, Duration readTimeout,
                                      Duration callTimeout, String userAgent) {
        OkHttpClient.Builder b = new OkHttpClient.Builder()
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .protocols(List.of(Protocol.HTTP_1_1))
                .connectionPool(new ConnectionPool(1, 5, TimeUnit.SECONDS))
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .writeTimeout(readTimeout)
                .callTimeout(callTimeout)
                .dns(name -> List.of(probeAddress))
                .hostnameVerifier((host, session) -> true)
                .sslSocketFactory(NO_VERIFY_CONTEXT.getSocketFactory(), NO_VERIFY);
        if (userAgent != null && !userAgent.isBlank()) {
            b.addNetworkInterceptor(chain -> chain.proceed(chain.request().newBuilder().header("User-Agent", userAgent).build()));
        }
        return b.build();
    }

    /**
     * The same client (its pool, threads, timeouts and trust) pinned to another probe address with
     * another whole-call timeout: for a probe that visits many endpoints.
     */
    public static OkHttpClient repinned(OkHttpClient client, InetAddress probeAddress, Duration callTimeout) {
        return client.newBuilder().dns(name -> List.of(probeAddress)).callTimeout(callTimeout).build();
    }

    /** {@code address} as the probe address (an IP literal or a name the agent's resolver knows). */
    public static InetAddress probeAddress(String address) throws UnknownHostException {
        return InetAddress.getByName(address);
    }

    /** {@code host} as it goes into a URL: an IPv6 literal in brackets. */
    public static String urlHost(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** Drops idle connections and stops the client's threads. */
    public static void close(OkHttpClient client) {
        client.connectionPool().evictAll();
        client.dispatcher().executorService().shutdown();
    }

    private static SSLContext noVerifyContext() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {NO_VERIFY}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is part of every Java runtime", e);
        }
    }

    /** Accepts every certificate: the audit reads, the TLS probe judges. */
    private static final class NoVerify implements X509TrustManager {
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType) { }
        @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    }
}
