package de.tomaudit.probe.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.tomaudit.probe.http.AuditHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * GETs JSON from a Mastodon instance with OkHttp. The URL carries the instance's domain (Host
 * header and SNI) while every connection goes to the target's probe address, so nothing else is
 * ever contacted (redirects included). Certificates are not judged here (the TLS probe does that).
 * Bounded: timeouts per call, at most 5 redirects, at most 2 MB per answer.
 */
public final class MastodonApiClient implements AutoCloseable {
    static final int MAX_BODY = 2 * 1024 * 1024;
    static final int MAX_REDIRECTS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final OkHttpClient client;
    private final String base;

    /**
     * @param scheme  https in production, http for the test replay
     * @param domain  the instance's domain (WEB_DOMAIN, else LOCAL_DOMAIN)
     * @param port    443 in production
     * @param address the probe address every connection goes to
     */
    public MastodonApiClient(String scheme, String domain, int port, String address, Duration connectTimeout,
                             Duration readTimeout, String userAgent) throws MastodonApiException {
        InetAddress target;
        try {
            target = AuditHttpClient.probeAddress(address);
        } catch (UnknownHostException e) {
            throw new MastodonApiException("unknown probe address " + address, true, 0);
        }
        this.client = AuditHttpClient.pinned(target, connectTimeout, readTimeout, connectTimeout.plus(readTimeout), userAgent)
                .newBuilder()
                .addInterceptor(chain -> chain.proceed(chain.request().newBuilder().header("Accept", "application/json").build()))
                .build();
        this.base = scheme + "://" + AuditHttpClient.urlHost(domain) + ":" + port;
    }

    public String url(String path) {
        return base + path;
    }

    /** The JSON at path; a 404 gives empty so callers can tell "not there" from a failure. */
    public java.util.Optional<JsonNode> getOptional(String path) throws MastodonApiException {
        try {
            return java.util.Optional.of(get(path));
        } catch (MastodonApiException e) {
            if (e.status() == 404) {
                return java.util.Optional.empty();
            }
            throw e;
        }
    }

    /** The JSON at path, following at most {@link #MAX_REDIRECTS} redirects on the same server. */
    public JsonNode get(String path) throws MastodonApiException {
        String url = url(path);
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            Request request = new Request.Builder().url(url).get().build();
            try (Response r = client.newCall(request).execute()) {
                if (r.isRedirect()) {
                    String location = r.header("Location");
                    if (location == null) {
                        throw new MastodonApiException(url + ": HTTP " + r.code() + " without Location", false, r.code());
                    }
                    okhttp3.HttpUrl next = r.request().url().resolve(location);
                    if (next == null) {
                        throw new MastodonApiException(url + ": redirect to an invalid URL", false, r.code());
                    }
                    url = next.toString();
                    continue;
                }
                if (r.code() != 200) {
                    throw new MastodonApiException(url + ": HTTP " + r.code(), false, r.code());
                }
                String type = r.header("Content-Type", "");
                String body = body(r.body(), url);
                if (body.isBlank()) {
                    throw new MastodonApiException(url + ": empty answer", false, r.code());
                }
                String start = body.stripLeading();
                if (!(start.startsWith("{") || start.startsWith("["))) {
                    throw new MastodonApiException(url + ": not JSON (" + (type.isEmpty() ? "no Content-Type" : type)
                            + (start.toLowerCase(Locale.ROOT).startsWith("<") ? ", an HTML page" : "") + ")", false, r.code());
                }
                try {
                    return JSON.readTree(body);
                } catch (IOException e) {
                    // Jackson quotes the tokens of the answer: only where it broke is named (issue 13)
                    throw new MastodonApiException(url + ": invalid JSON" + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                            && j.getLocation() != null && j.getLocation().getLineNr() > 0
                            ? " at line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr() : ""), false, r.code());
                }
            } catch (ConnectException e) {
                throw new MastodonApiException(url + ": connection refused", true, 0);
            } catch (SocketTimeoutException e) {
                throw new MastodonApiException(url + ": no answer in time", true, 0);
            } catch (SSLException e) {
                throw new MastodonApiException(url + ": TLS handshake failed: " + firstLine(e.getMessage()), true, 0);
            } catch (ProtocolException e) {
                // OkHttp quotes the status line or header the server sent: not repeated (issue 13)
                throw new MastodonApiException(url + ": not an HTTP answer", false, 0);
            } catch (IOException e) {
                String m = String.valueOf(e.getMessage());
                boolean conn = m.contains("timeout") || m.contains("Canceled") || m.contains("reset") || m.contains("unexpected end");
                throw new MastodonApiException(url + ": " + (m.contains("unexpected end") ? "the server closed the connection without an answer"
                        : m.contains("Unexpected status line") ? "not an HTTP answer" : conn ? "the connection broke off"
                        : "read error (" + e.getClass().getSimpleName() + ")"), conn, 0);
            }
        }
        throw new MastodonApiException(url(path) + ": more than " + MAX_REDIRECTS + " redirects (a redirect loop?)", false, 0);
    }

    private static String body(ResponseBody body, String url) throws IOException, MastodonApiException {
        if (body == null) {
            return "";
        }
        try (InputStream in = body.byteStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new MastodonApiException(url + ": answer larger than " + MAX_BODY + " bytes", false, 200);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static String firstLine(String s) {
        String t = s == null ? "" : s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    @Override
    public void close() {
        AuditHttpClient.close(client);
    }
}
