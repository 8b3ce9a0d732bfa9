package de.tomaudit.probe.http;

import de.tomaudit.probe.Endpoint;
import de.tomaudit.probe.ProbeBudget;
import de.tomaudit.probe.ProbeException;
import de.tomaudit.probe.ProbeSettings;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;

/**
 * {@code GET /} on an HTTP or HTTPS endpoint with OkHttp, without following redirects, to see
 * the redirect to HTTPS, HSTS, the security headers and what the Server header discloses. The
 * URL carries the service name (Host header and SNI) while the connection always goes to the
 * endpoint's probe address. Certificates are not checked here (that is the TLS probe's job).
 */
public final class HttpProbe implements AutoCloseable {
    private final OkHttpClient client;
    private final ProbeSettings settings;
    private final ProbeBudget budget;
    private final String userAgent;

    public HttpProbe(ProbeSettings settings, ProbeBudget budget, String userAgent) {
        this.settings = settings;
        this.budget = budget;
        this.userAgent = userAgent;
        X509TrustManager trustAll = new AcceptAll();
        OkHttpClient.Builder b = new OkHttpClient.Builder()
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .protocols(List.of(Protocol.HTTP_1_1))
                .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .writeTimeout(settings.readTimeout())
                .hostnameVerifier((host, session) -> true);
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {trustAll}, null);
            b.sslSocketFactory(ctx.getSocketFactory(), trustAll);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is part of every Java runtime", e);
        }
        this.client = b.build();
    }

    public HttpObservation probe(Endpoint e) throws ProbeException {
        String host = e.name().isEmpty() ? e.address() : e.name();
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        String url = (e.tls() ? "https://" : "http://") + host + ":" + e.port() + "/";
        InetAddress target;
        try {
            target = InetAddress.getByName(e.address());
        } catch (UnknownHostException ex) {
            throw new ProbeException(ProbeException.Kind.IO, e.label() + ": unknown probe address " + e.address());
        }
        int timeout = budget.cap(settings.connectTimeout().plus(settings.readTimeout()), e.label());
        OkHttpClient c = client.newBuilder()
                .dns(name -> List.of(target))
                .callTimeout(Duration.ofMillis(timeout))
                .build();
        Request request = new Request.Builder().url(url).header("User-Agent", userAgent).get().build();
        try (Response r = c.newCall(request).execute()) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (String name : r.headers().names()) {
                headers.put(name.toLowerCase(Locale.ROOT), String.join(", ", r.headers(name)));
            }
            return new HttpObservation(e, url, r.code(), headers);
        } catch (ConnectException ex) {
            throw new ProbeException(ProbeException.Kind.REFUSED, e.label() + ": connection refused");
        } catch (SocketTimeoutException ex) {
            throw new ProbeException(ProbeException.Kind.TIMEOUT, e.label() + ": no HTTP answer in time");
        } catch (SSLException ex) {
            throw new ProbeException(ProbeException.Kind.IO, e.label() + ": TLS handshake for HTTPS failed: " + ex.getMessage(), ex);
        } catch (ProtocolException ex) {
            throw new ProbeException(ProbeException.Kind.GARBAGE, e.label() + ": not an HTTP answer: " + ex.getMessage(), ex);
        } catch (IOException ex) {
            String m = String.valueOf(ex.getMessage());
            ProbeException.Kind kind = m.contains("unexpected end of stream") ? ProbeException.Kind.CLOSED
                    : m.contains("timeout") || m.contains("Canceled") ? ProbeException.Kind.TIMEOUT
                    : m.contains("Unexpected status line") ? ProbeException.Kind.GARBAGE
                    : m.contains("reset") ? ProbeException.Kind.RESET : ProbeException.Kind.IO;
            throw new ProbeException(kind, e.label() + ": " + m, ex);
        }
    }

    @Override
    public void close() {
        client.connectionPool().evictAll();
        client.dispatcher().executorService().shutdown();
    }

    private static final class AcceptAll implements X509TrustManager {
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType) { }
        @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    }
}
