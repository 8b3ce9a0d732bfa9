package de.tomaudit.hostile;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.probe.Endpoint;
import de.tomaudit.probe.MisbehavingServer;
import de.tomaudit.probe.ProbeBudget;
import de.tomaudit.probe.ProbeException;
import de.tomaudit.probe.ProbeSettings;
import de.tomaudit.probe.http.HttpProbe;
import de.tomaudit.probe.mastodon.MastodonApiClient;
import de.tomaudit.probe.mastodon.MastodonApiException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, point 4, for what servers answer: a canary in a broken HTTP status line, in a header
 * line without a colon, and in invalid JSON of the Mastodon API is not repeated in the error (the
 * kind of problem is named, and where). Loopback servers of this test only.
 */
class CanaryRepliesTest {
    private static final String CANARY = "CnryReplyZq";
    private static final ProbeSettings SETTINGS = new ProbeSettings(true, Duration.ofMillis(800), Duration.ofMillis(1500), 2, 2,
            Duration.ofSeconds(10), List.of());

    private static MisbehavingServer.Behaviour answer(String raw) {
        return (s, in, out) -> {
            in.read(new byte[4096]);
            out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        };
    }

    private static List<String> garbage() {
        return List.of("HTTP/1.1 2" + CANARY + " OK\r\n\r\n", CANARY + " 200 OK\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: " + CANARY + "\r\n\r\n");
    }

    @Test
    void aBrokenHttpAnswerIsNamedNotRepeated() throws Exception {
        for (String raw : garbage()) {
            try (HttpProbe probe = new HttpProbe(SETTINGS, new ProbeBudget(SETTINGS.budget()), "tomaudit-test");
                 MisbehavingServer server = new MisbehavingServer(answer(raw))) {
                Endpoint e = new Endpoint("127.0.0.1", server.port(), Endpoint.Protocol.HTTP, Endpoint.StartTls.NONE, false,
                        "www.example.org", "test", "test", Endpoint.Origin.OPTION);
                try {
                    probe.probe(e);
                } catch (ProbeException ex) {
                    assertFalse(ex.getMessage().contains(CANARY), raw.strip() + " -> " + ex.getMessage());
                }
            }
        }
    }

    @Test
    void brokenAnswersOfTheMastodonApiAreNamedNotRepeated() throws Exception {
        List<String> answers = new java.util.ArrayList<>(garbage());
        String json = "{\"uri\": " + CANARY + "}";
        answers.add("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + json.length()
                + "\r\nConnection: close\r\n\r\n" + json);
        for (String raw : answers) {
            try (MisbehavingServer server = new MisbehavingServer(answer(raw));
                 MastodonApiClient c = new MastodonApiClient("http", "example.org", server.port(), "127.0.0.1",
                         Duration.ofSeconds(2), Duration.ofSeconds(2), "tomaudit-test")) {
                MastodonApiException ex = assertThrows(MastodonApiException.class, () -> c.get("/api/v1/instance"));
                assertFalse(ex.getMessage().contains(CANARY), raw.strip() + " -> " + ex.getMessage());
                assertTrue(ex.getMessage().contains("/api/v1/instance"), "names the request: " + ex.getMessage());
            }
        }
    }
}
