package de.tomaudit.collect.bbb;

import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.parse.xml.SafeXml;
import de.tomaudit.parse.xml.XmlNode;
import de.tomaudit.parse.xml.XmlRefused;
import de.tomaudit.probe.http.AuditHttpClient;
import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Signed, read-only calls to bbb-web's API: {@code getMeetings} (meetings running now, and how many of
 * them record) and {@code getRecordings} (how many recordings the server lists and the oldest one's
 * age). The connection goes to the target's probe address only, whatever the server URL's host resolves
 * to elsewhere (the URL's host stays the TLS server name and Host header). Only counts and times are
 * taken from the responses: no meeting name, attendee, password or metadata is kept, logged or reported.
 */
final class BbbApi {
    static final int MAX_BODY = 8 * 1024 * 1024;
    private final OkHttpClient http;
    private final URI base;
    private final ApiSigner signer;
    private final String algorithm;

    /**
     * @param serverUrl bbb-web's {@code bigbluebutton.web.serverURL}
     * @param probeAddress where to connect (the target's probe host)
     */
    BbbApi(String serverUrl, String probeAddress, ApiSigner signer, String algorithm, Duration timeout) {
        this.base = URI.create(serverUrl.replaceAll("/+$", "") + "/bigbluebutton/api/");
        this.signer = signer;
        this.algorithm = algorithm;
        this.http = pinned(probeAddress, timeout);
    }

    private static OkHttpClient pinned(String probeAddress, Duration timeout) {
        try {
            return AuditHttpClient.pinned(AuditHttpClient.probeAddress(probeAddress), timeout, timeout, timeout.multipliedBy(2), "");
        } catch (UnknownHostException e) {
            // no client to pin: every call fails with this reason (put turns it into an error finding)
            return null;
        }
    }

    /** What {@code --dry-run} prints for the signed API calls of {@link #put}. */
    static List<de.tomaudit.collect.PlannedAccess> plan() {
        String url = "https://SERVER/bigbluebutton/api/";
        String host = " (SERVER: the host of bigbluebutton.web.serverURL, also Host and TLS server name; checksum: "
                + "sha256 or better where supportChecksumAlgorithms allows, of the call, query and securitySalt)";
        String when = "only when securitySalt and serverURL were read";
        return List.of(
                de.tomaudit.collect.PlannedAccess.connect("PROBE-ADDRESS:<serverURL's port, 443>", "bbb-web's API, signed; " + when),
                de.tomaudit.collect.PlannedAccess.request("GET " + url + "getMeetings?checksum=CHECKSUM" + host,
                        "meetings running and recording (counts only)"),
                de.tomaudit.collect.PlannedAccess.request("GET " + url + "getRecordings?state=any&checksum=CHECKSUM" + host,
                        "recordings listed and the oldest one's age (counts and times only)"));
    }

    String endpoint() {
        return base.getHost() + (base.getPort() > 0 ? ":" + base.getPort() : "");
    }

    /** The call's response root, or the reason it could not be had. */
    XmlNode call(String name, String query) throws ApiException {
        if (http == null) {
            throw new ApiException(name + ": the probe address does not resolve");
        }
        String checksum = signer.checksum(name, query, algorithm);
        String url = base + name + "?" + (query.isEmpty() ? "" : query + "&") + "checksum=" + checksum;
        Request request = new Request.Builder().url(url).get().header("Accept", "application/xml").build();
        try (Response response = http.newCall(request).execute()) {
            if (response.code() != 200) {
                throw new ApiException(name + ": HTTP " + response.code());
            }
            ResponseBody body = response.body();
            if (body == null) {
                throw new ApiException(name + ": empty response");
            }
            byte[] bytes;
            try (java.io.InputStream in = body.byteStream()) {
                bytes = in.readNBytes(MAX_BODY);
            }
            String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            XmlNode root;
            try {
                root = SafeXml.parse(name + " response", text);
            } catch (XmlRefused e) {
                // the parser's message can quote element names, never their text; drop quoted parts anyway
                throw new ApiException(e.getMessage().replaceAll("\"[^\"]*\"", "\"…\""));
            }
            String code = root.childText("returncode").orElse("");
            if (!code.equals("SUCCESS")) {
                throw new ApiException(name + ": returncode " + (code.isEmpty() ? "missing" : code) + ", messageKey "
                        + root.childText("messageKey").orElse("none"));
            }
            return root;
        } catch (IOException e) {
            throw new ApiException(name + ": " + e.getClass().getSimpleName() + " " + e.getMessage());
        } catch (java.io.UncheckedIOException | IllegalStateException e) {
            throw new ApiException(name + ": " + e.getMessage());
        }
    }

    static final class ApiException extends Exception {
        ApiException(String message) {
            super(message);
        }
    }

    /** Runs both calls and puts {@code bbb.api}; failures become an error on it, never an exception. */
    void put(Instant now, FactSet.Builder facts) {
        try {
            calls(now, facts);
        } finally {
            if (http != null) {
                AuditHttpClient.close(http);
            }
        }
    }

    private void calls(Instant now, FactSet.Builder facts) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("algorithm", algorithm);
        String where = "probe: " + endpoint() + " (signed with " + algorithm + ")";
        try {
            XmlNode meetings = call("getMeetings", "");
            List<XmlNode> list = meetings.child("meetings").map(x -> x.children("meeting")).orElse(List.of());
            m.put("meetings", (long) list.size());
            m.put("meetings_running", list.stream().filter(x -> "true".equals(x.childText("running").orElse(""))).count());
            m.put("meetings_recording", list.stream().filter(x -> "true".equals(x.childText("recording").orElse(""))).count());
        } catch (ApiException e) {
            facts.error("bbb.api", "probe", e.getMessage());
            return;
        }
        try {
            XmlNode recordings = call("getRecordings", "state=any");
            List<XmlNode> list = recordings.child("recordings").map(x -> x.children("recording")).orElse(List.of());
            m.put("recordings", (long) list.size());
            Optional<Long> oldest = list.stream().map(x -> x.childText("startTime").orElse(""))
                    .filter(s -> s.matches("\\d{1,15}")).map(Long::parseLong).min(Long::compare);
            m.put("recordings_oldest_age_seconds", oldest.map(ms -> Math.max(0,
                    Duration.between(Instant.ofEpochMilli(ms), now).getSeconds())).orElse(-1L));
            m.put("all_recordings_listable", true);
        } catch (ApiException e) {
            if (e.getMessage().contains("returncode FAILED")) {
                m.put("recordings", -1L);
                m.put("recordings_oldest_age_seconds", -1L);
                m.put("all_recordings_listable", false);
            } else {
                facts.error("bbb.api", "probe", e.getMessage());
                return;
            }
        }
        facts.put("bbb.api", m, new Evidence(where, "meetings " + m.get("meetings") + " (running "
                + m.get("meetings_running") + ", recording " + m.get("meetings_recording") + "); recordings "
                + m.get("recordings") + (((Long) m.get("recordings_oldest_age_seconds")) >= 0 ? ", oldest "
                + RecordingStore.days((Long) m.get("recordings_oldest_age_seconds")) + " old" : "")));
    }
}
