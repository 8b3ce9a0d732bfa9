package de.tomaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import de.tomaudit.audit.AuditOptions;
import de.tomaudit.audit.TargetAuditor;
import de.tomaudit.facts.Evidence;
import de.tomaudit.i18n.GermanRun;
import de.tomaudit.report.JsonRenderer;
import de.tomaudit.result.Finding;
import de.tomaudit.result.TargetResult;
import de.tomaudit.rules.RuleLoader;
import de.tomaudit.target.DirTarget;
import de.tomaudit.target.Limits;
import de.tomaudit.testsupport.TestPaths;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code --lang de} the texts the host collectors and the network probes write (evidence,
 * not-applicable and error reasons, why-lines) are German: each of the project's dir: fixtures is
 * audited in both languages, and a text of a host, tls, http or xmpp finding that is the same in
 * both runs must be purely technical (an option line, a path, a value). "English" is told by
 * common English words; the few technical texts that contain one are allowed explicitly.
 */
class HostEvidenceLanguageTest {
    static final Path FIXTURES = TestPaths.repo().resolve("agent/src/test/resources/de/tomaudit/report");
    static final Set<String> PACKS = Set.of("host", "tls", "http", "xmpp");
    static final Set<String> ENGLISH = Set.of("the", "is", "are", "not", "no", "none", "of", "on", "by", "and", "or",
            "with", "without", "found", "unset", "installed", "running", "present", "missing", "exists", "exist",
            "does", "cannot", "never", "every", "only", "from", "kept", "rotated", "enabled", "configured", "device",
            "plain", "looked", "jobs", "has", "nothing", "unknown", "refused", "connection", "offers", "days", "until",
            "trusted", "lines", "rules", "chains", "processes", "packages", "would", "based", "signatures",
            "syntax", "problems", "reachable", "address", "probes", "network", "switched", "defined", "rotates", "forever");
    /** Technical texts that contain an English word: dpkg's status words, an option set to yes or no. */
    static final List<Pattern> TECHNICAL = List.of(Pattern.compile("\\S+ install ok installed"),
            Pattern.compile("[A-Za-z]+ (yes|no)"));

    @TempDir Path tmp;

    static TargetResult audit(String variant, String lang) throws Exception {
        DirTarget target = new DirTarget(FIXTURES.resolve(variant), Limits.DEFAULT);
        AuditOptions options = new AuditOptions(Set.of(), RuleLoader.loadBuiltIn(), List.of(), lang, 1, Limits.DEFAULT);
        return new TargetAuditor().audit(target, options);
    }

    static boolean english(String text) {
        if (TECHNICAL.stream().anyMatch(p -> p.matcher(text).matches())) {
            return false;
        }
        return Arrays.stream(text.split("[^A-Za-z]+")).anyMatch(ENGLISH::contains);
    }

    @Test
    void hostAndProbeTextsOfTheFixturesAreGermanUnderLangDe() throws Exception {
        List<String> left = new ArrayList<>();
        int translated = 0;
        for (String variant : List.of("weak", "hardened", "nologrotate")) {
            Map<String, Finding> en = audit(variant, "en").findings().stream()
                    .collect(Collectors.toMap(Finding::ruleId, Function.identity()));
            for (Finding de : audit(variant, "de").findings()) {
                if (!PACKS.contains(de.ruleId().substring(0, de.ruleId().indexOf('.')))) {
                    continue;
                }
                Finding other = en.get(de.ruleId());
                assertEquals(other.evidence().size(), de.evidence().size(), variant + " " + de.ruleId() + ": evidence lines");
                List<String[]> pairs = new ArrayList<>();
                for (int i = 0; i < de.evidence().size(); i++) {
                    Evidence d = de.evidence().get(i);
                    pairs.add(new String[] {d.source() + "  " + d.value(), other.evidence().get(i).value(), d.value()});
                }
                pairs.add(new String[] {"reason", other.reason(), de.reason()});
                pairs.add(new String[] {"why", other.why(), de.why()});
                for (String[] p : pairs) {
                    if (p[1].equals(p[2]) && english(p[2])) {
                        left.add(variant + " " + de.ruleId() + " " + p[0] + ": " + p[2]);
                    } else if (!p[1].equals(p[2])) {
                        translated++;
                    }
                }
            }
        }
        assertEquals(List.of(), left, "texts still English under --lang de");
        assertTrue(translated > 40, "texts that differ between the languages: " + translated);
    }

    @Test
    void aRefusedProbeIsGermanUnderLangDeAndStillOneCause() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        for (String lang : List.of("de", "en")) {
            Path out = tmp.resolve("probe-" + lang + ".json");
            CliTest.Run r = CliTest.run("audit", "--probe-only", "--probe", "127.0.0.1:" + port + "/tls", "--no-history",
                    "--lang", lang, "--format", "json", "--output", out.toString());
            assertTrue(r.code() <= 3, r.err());
            JsonNode target = JsonRenderer.mapper().readTree(out.toFile()).get("targets").get(0);
            String refused = lang.equals("de") ? "Verbindung abgelehnt" : "connection refused";
            List<String> reasons = new ArrayList<>();
            target.get("findings").forEach(f -> {
                if (f.get("status").asText().equals("error")) {
                    reasons.add(f.get("reason").asText());
                }
            });
            assertTrue(!reasons.isEmpty() && reasons.stream().allMatch(x -> x.contains(refused)), lang + ": " + reasons);
            assertEquals(1, target.get("errors").size(), lang + ": one cause for the refusing endpoint: " + target.get("errors"));
            String message = target.get("errors").get(0).get("message").asText();
            assertTrue(lang.equals("en") || !english(message), "de cause: " + message);
        }
    }

    /**
     * Probe failures and notes under {@code --lang de}: a self-signed TLS server probed as TLS, and
     * servers that close at once or answer garbage probed as HTTP, XMPP and TLS.
     * Every text of the console, the Markdown report and the JSON result that stays English is listed.
     */
    @Test
    void probeFailuresAndTrustNotesAreGermanUnderLangDe() throws Exception {
        // one server per probe: the probes of one port are one endpoint
        try (LoopbackTlsServer tls = LoopbackTlsServer.start();
             ServerSocket closingHttp = loopback(); ServerSocket closingXmpp = loopback();
             ServerSocket garbageHttp = loopback(); ServerSocket garbageXmpp = loopback(); ServerSocket garbageTls = loopback()) {
            List<Thread> servers = List.of(answer(closingHttp, ""), answer(closingXmpp, ""), answer(garbageHttp, "220 no\r\n"),
                    answer(garbageXmpp, "<x>"), answer(garbageTls, "garbage"));
            List<String> args = List.of("--probe-only", "--probe", "localhost:" + tls.port() + "/tls",
                    "--probe", "127.0.0.1:" + closingHttp.getLocalPort() + "/http",
                    "--probe", "127.0.0.1:" + closingXmpp.getLocalPort() + "/xmpp-client",
                    "--probe", "127.0.0.1:" + garbageHttp.getLocalPort() + "/http",
                    "--probe", "127.0.0.1:" + garbageXmpp.getLocalPort() + "/xmpp-server",
                    "--probe", "127.0.0.1:" + garbageTls.getLocalPort() + "/tls",
                    "--probe-read-timeout", "2");
            GermanRun.Output german = GermanRun.run(tmp, "de", args);
            GermanRun.Output english = GermanRun.run(tmp, "en", args);
            servers.forEach(Thread::interrupt);
            assertTrue(german.json().get("targets").get(0).get("findings").size() > 0, german.err());
            assertEquals(List.of(), GermanRun.english(german, english, t -> false), "English under --lang de");
        }
    }

    private static ServerSocket loopback() throws java.io.IOException {
        return new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
    }

    /** Accepts every connection on {@code server}, writes {@code text} and closes it. */
    private static Thread answer(ServerSocket server, String text) {
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try (java.net.Socket s = server.accept()) {
                    s.getOutputStream().write(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                } catch (java.io.IOException e) {
                    return;
                }
            }
        }, "answer");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
