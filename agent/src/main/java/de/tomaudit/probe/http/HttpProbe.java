package de.tomaudit.probe.http;

import de.tomaudit.i18n.AuditTexts;
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
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * {@code GET /} on an HTTP or HTTPS endpoint with OkHttp, without following redirects, to see
 * the redirect to HTTPS, HSTS, the security headers and what the Server header discloses. The
 * URL carries the service name (Host header and SNI) while the connection always goes to the
 * endpoint's probe address. Certificates are not checked here (that is the TLS probe's job).
 */
public final class HttpProbe implements AutoCloseable {
    private final ProbeSettings settings;
    private final ProbeBudget budget;
    private final String userAgent;
    /** Made on the first request: a run whose web endpoints all refuse (or that has none) builds no client. */
    private OkHttpClient client;

    public HttpProbe(ProbeSettings settings, ProbeBudget budget, String userAgent) {
        this.settings = settings;
        this.budget = budget;
        this.userAgent = userAgent;
    }

    private synchronized OkHttpClient client() {
        if (client == null) {
            // pinned per call (repinned) to the endpoint's probe address; the loopback is never used as such
            client = AuditHttpClient.pinned(InetAddress.getLoopbackAddress(), settings.connectTimeout(),
                    settings.readTimeout(), settings.connectTimeout().plus(settings.readTimeout()), userAgent);
        }
        return client;
    }

    public HttpObservation probe(Endpoint e) throws ProbeException {
        String host = AuditHttpClient.urlHost(e.name().isEmpty() ? e.address() : e.name());
        String url = (e.tls() ? "https://" : "http://") + host + ":" + e.port() + "/";
        InetAddress target;
        try {
            target = InetAddress.getByName(e.address());
        } catch (UnknownHostException ex) {
            throw new ProbeException(ProbeException.Kind.IO, AuditTexts.get("probe.unknown-address", e.label(), e.address()));
        }
        int timeout = budget.cap(settings.connectTimeout().plus(settings.readTimeout()), e.label());
        OkHttpClient c = AuditHttpClient.repinned(client(), target, Duration.ofMillis(timeout));
        Request request = new Request.Builder().url(url).get().build();
        try (Response r = c.newCall(request).execute()) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (String name : r.headers().names()) {
                headers.put(name.toLowerCase(Locale.ROOT), String.join(", ", r.headers(name)));
            }
            return new HttpObservation(e, url, r.code(), headers);
        } catch (ConnectException ex) {
            throw new ProbeException(ProbeException.Kind.REFUSED, AuditTexts.get("evidence.probe.refused", e.label()));
        } catch (SocketTimeoutException ex) {
            throw new ProbeException(ProbeException.Kind.TIMEOUT, e.label() + ": " + AuditTexts.get("probe.http.timeout"));
        } catch (SSLException ex) {
            throw new ProbeException(ProbeException.Kind.IO, e.label() + ": " + AuditTexts.get("probe.http.handshake", String.valueOf(ex.getMessage())), ex);
        } catch (ProtocolException ex) {
            // OkHttp quotes the status line or header the server sent: not repeated (issue 13)
            throw new ProbeException(ProbeException.Kind.GARBAGE, e.label() + ": " + AuditTexts.get("probe.http.garbage"), ex);
        } catch (IOException ex) {
            String m = String.valueOf(ex.getMessage());
            ProbeException.Kind kind = m.contains("unexpected end of stream") ? ProbeException.Kind.CLOSED
                    : m.contains("timeout") || m.contains("Canceled") ? ProbeException.Kind.TIMEOUT
                    : m.contains("Unexpected status line") ? ProbeException.Kind.GARBAGE
                    : m.contains("reset") ? ProbeException.Kind.RESET : ProbeException.Kind.IO;
            throw new ProbeException(kind, e.label() + ": " + switch (kind) {
                case CLOSED -> AuditTexts.get("probe.http.closed");
                case TIMEOUT -> AuditTexts.get("probe.http.timeout");
                case GARBAGE -> AuditTexts.get("probe.http.garbage");
                case RESET -> AuditTexts.get("probe.reset");
                default -> AuditTexts.get("probe.read-error", ex.getClass().getSimpleName());
            }, ex);
        }
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            AuditHttpClient.close(client);
        }
    }
}
