package de.tomaudit.collect.prosody;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.collect.policy.PolicyCollector;
import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.parse.lua.ConfigOption;
import de.tomaudit.parse.lua.ProsodyConfig;
import de.tomaudit.parse.lua.ProsodyConfigEvaluator;
import de.tomaudit.parse.lua.SandboxLimits;
import de.tomaudit.policy.PolicyFile;
import de.tomaudit.result.Status;
import de.tomaudit.rules.Evaluation;
import de.tomaudit.rules.Rule;
import de.tomaudit.rules.RuleEvaluator;
import de.tomaudit.rules.RuleLoader;
import de.tomaudit.target.Limits;
import de.tomaudit.target.LocalTarget;
import de.tomaudit.testsupport.TestPaths;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against the test bed's two real Prosody 0.12 servers (scripts/testbed.d/prosody.sh): what the
 * sandbox makes of their configuration files must be what the running Prosody itself reports
 * (options, loaded modules, listening ports, asked through its admin shell), what their ports say
 * on the wire must match the configuration, and the prosody.* rules must pass the hardened and fail
 * the weak one; an upload older than the expiry placed in the real store makes the verification fail.
 */
class ProsodyIT {
    private static final String PROSODYCTL = "/usr/bin/prosodyctl";
    /** Global-only modules Prosody loads on "*", not on a host, so its per-host list omits them. */
    private static final Set<String> GLOBAL_ONLY = Set.of("posix", "admin_shell", "admin_telnet", "s2s_auth_certs");
    private static Path hardened;
    private static Path weak;
    private static List<Rule> prosodyRules;
    private static List<Rule> policyRules;

    @BeforeAll
    static void bed() throws Exception {
        hardened = TestPaths.testbed("prosody/hardened/prosody.cfg.lua");
        weak = TestPaths.testbed("prosody/weak/prosody.cfg.lua");
        assertTrue(Files.isExecutable(Path.of(PROSODYCTL)), PROSODYCTL + " missing: run scripts/testbed start prosody");
        prosodyRules = RuleLoader.loadDirectory(TestPaths.repo().resolve("rules/prosody"));
        policyRules = RuleLoader.loadDirectory(TestPaths.repo().resolve("rules/policy"));
    }

    // ------------------------------------------------------------ the real Prosody's own view

    /** A command of Prosody's admin shell against the running instance of a config (its answer lines). */
    private static List<String> shell(Path config, String command) throws Exception {
        Process p = new ProcessBuilder("runuser", "-u", "prosody", "--", PROSODYCTL, "--config", config.toString(),
                "shell", command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "prosodyctl shell did not finish");
        List<String> lines = new ArrayList<>();
        boolean banner = false;
        for (String l : out.split("\n")) {
            if (l.startsWith("****")) {
                banner = !banner;
                continue;
            }
            if (!banner && !l.isBlank()) {
                lines.add(l);
            }
        }
        return lines;
    }

    /** What config:get(host, option) prints for a value of ours: strings quoted, numbers and booleans bare. */
    private static String shellForm(Object v) {
        if (v instanceof String s) {
            return "\"" + s + "\"";
        }
        return String.valueOf(v);
    }

    @Test
    void optionsModulesAndPortsAreWhatTheRunningProsodyHas() throws Exception {
        for (Path config : List.of(hardened, weak)) {
            ProsodyConfig ours = new ProsodyConfigEvaluator(new ProsodyTargetSource(new LocalTarget(Limits.DEFAULT)))
                    .evaluate(config.toString()).config().orElseThrow();
            EffectiveConfig effective = new EffectiveConfig(ours, ProsodyVersion.V0_12);
            for (String host : List.of("*", "localhost")) {
                for (String option : List.of("authentication", "c2s_require_encryption", "s2s_require_encryption",
                        "s2s_secure_auth", "allow_unencrypted_plain_auth", "allow_registration", "archive_expires_after",
                        "tls_profile", "default_archive_policy", "data_path")) {
                    String real = shell(config, "config:get('" + host + "', '" + option + "')").stream()
                            .filter(l -> l.startsWith("OK: ")).findFirst().orElseThrow().substring(4);
                    String mine = ours.option(host, option).map(ConfigOption::value).map(ProsodyIT::shellForm).orElse("nil");
                    assertEquals(real, mine, config + " " + host + " " + option);
                }
            }
            for (var section : ours.hosts()) {
                Set<String> real = new TreeSet<>();
                for (String l : shell(config, "module:list('" + section.name() + "')")) {
                    if (l.startsWith("    ")) {
                        real.add(l.strip());
                    }
                }
                Set<String> mine = new TreeSet<>(effective.modules(section.name()));
                mine.removeAll(GLOBAL_ONLY);
                assertTrue(real.containsAll(mine), section.name() + ": Prosody loads " + real + ", we expect " + mine);
                for (String m : List.of("mam", "server_contact_info", "http_file_share", "register", "cloud_notify", "muc_mam")) {
                    assertEquals(real.contains(m), effective.modules(section.name()).contains(m), section.name() + " mod_" + m);
                }
            }
            Set<String> realPorts = new TreeSet<>();
            for (String l : shell(config, "port:list()")) {
                Matcher m = Pattern.compile("(\\w+): \\[([^]]+)]:(\\d+)").matcher(l);
                if (m.matches()) {
                    realPorts.add(m.group(1) + " " + m.group(2) + ":" + m.group(3));
                }
            }
            FactSet f = collect(config);
            Set<String> ourPorts = new TreeSet<>();
            for (Map<String, Object> e : ProsodyCollectorTest.list(f, "endpoints.prosody")) {
                ourPorts.add(e.get("service").toString().replace("prosody-", "") + " " + e.get("host") + ":" + e.get("port"));
            }
            assertEquals(realPorts, ourPorts, config + ": endpoints.prosody against port:list()");
        }
    }

    // ------------------------------------------------------------ the wire

    /** What a port says before TLS: stream features of jabber:client or jabber:server. */
    private static Map<String, Object> streamFeatures(int port, String ns) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 3000);
            s.setSoTimeout(3000);
            OutputStream out = s.getOutputStream();
            out.write(("<?xml version='1.0'?><stream:stream to='localhost' " + (ns.equals("jabber:server")
                    ? "from='probe.localhost' " : "") + "xmlns='" + ns
                    + "' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>").getBytes(StandardCharsets.UTF_8));
            out.flush();
            String text = readUntil(s.getInputStream(), "</stream:features>");
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("endpoint", "127.0.0.1:" + port);
            m.put("port", (long) port);
            boolean offered = text.contains("<starttls");
            boolean required = Pattern.compile("<starttls[^>]*>\\s*<required").matcher(text).find();
            List<String> mechanisms = new ArrayList<>();
            Matcher mech = Pattern.compile("<mechanism>([^<]+)</mechanism>").matcher(text);
            while (mech.find()) {
                mechanisms.add(mech.group(1));
            }
            m.put("starttls_offered", offered);
            m.put("starttls_required", required);
            m.put("tls_required", required);
            m.put("mechanisms_before_tls", mechanisms);
            m.put("plain_before_tls", mechanisms.contains("PLAIN"));
            return m;
        }
    }

    private static String readUntil(InputStream in, String end) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (b.size() < 65536) {
            int n = in.read(buf);
            if (n < 0) {
                break;
            }
            b.write(buf, 0, n);
            if (b.toString(StandardCharsets.UTF_8).contains(end)) {
                break;
            }
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    /** A direct-TLS port: the handshake succeeds before any XMPP is spoken. */
    private static Map<String, Object> directTls(int port) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] c, String a) { }
            public void checkServerTrusted(X509Certificate[] c, String a) { }
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 3000);
            s.setSoTimeout(3000);
            s.startHandshake();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("endpoint", "127.0.0.1:" + port);
            m.put("port", (long) port);
            m.put("starttls_offered", false);
            m.put("starttls_required", false);
            m.put("tls_required", true);
            m.put("protocol", s.getSession().getProtocol());
            return m;
        }
    }

    private static FactSet collect(Path config) {
        FactSet.Builder b = FactSet.builder();
        try (LocalTarget t = new LocalTarget(Limits.DEFAULT)) {
            new ProsodyCollector(List.of(config.toString()), Clock.systemUTC(), SandboxLimits.DEFAULT).collect(t, b);
        }
        return b.build();
    }

    /** The collected facts plus what the ports said, as the probe phase would add them. */
    private static FactSet audit(Path config, int c2s, int s2s, Integer directTls) throws Exception {
        FactSet.Builder b = FactSet.builder();
        b.addAll(collect(config));
        List<Map<String, Object>> clients = new ArrayList<>();
        clients.add(streamFeatures(c2s, "jabber:client"));
        if (directTls != null) {
            clients.add(directTls(directTls));
        }
        b.put("xmpp.c2s", clients, clients.stream().map(m -> Evidence.probe(m.get("endpoint").toString(), m)).toList());
        Map<String, Object> server = streamFeatures(s2s, "jabber:server");
        b.put("xmpp.s2s", List.of(server), Evidence.probe(server.get("endpoint").toString(), server));
        return b.build();
    }

    private static Map<String, Evaluation> judge(FactSet facts, List<Rule> rules) {
        Map<String, Evaluation> out = new LinkedHashMap<>();
        rules.forEach(r -> out.put(r.id(), RuleEvaluator.evaluate(r, facts)));
        return out;
    }

    private static void expect(Map<String, Evaluation> e, Status status, String... ids) {
        for (String id : ids) {
            assertEquals(status, e.get(id).status(), id + ": " + e.get(id).reason() + " " + e.get(id).evidence());
        }
    }

    @Test
    void theWireAgreesWithTheConfiguration() throws Exception {
        Map<String, Object> hard = streamFeatures(15222, "jabber:client");
        assertEquals(true, hard.get("starttls_required"), "c2s_require_encryption = true: " + hard);
        assertEquals(false, hard.get("plain_before_tls"), "no PLAIN before TLS on the hardened port: " + hard);
        Map<String, Object> soft = streamFeatures(25222, "jabber:client");
        assertEquals(true, soft.get("starttls_offered"));
        assertEquals(false, soft.get("starttls_required"), "c2s_require_encryption = false: " + soft);
        assertEquals(true, soft.get("plain_before_tls"), "allow_unencrypted_plain_auth = true: " + soft);
        assertEquals(true, streamFeatures(15269, "jabber:server").get("starttls_required"), "s2s_require_encryption = true");
        assertEquals(false, streamFeatures(25269, "jabber:server").get("starttls_required"), "s2s_require_encryption = false");
        assertTrue(directTls(15223).get("protocol").toString().startsWith("TLSv1."), "c2s_direct_tls_ports = { 15223 }");
    }

    @Test
    void hardenedPassesAndWeakFails() throws Exception {
        Map<String, Evaluation> h = judge(audit(hardened, 15222, 15269, 15223), prosodyRules);
        expect(h, Status.PASS, "prosody.config-unparseable", "prosody.c2s-encryption-required", "prosody.s2s-encryption-required",
                "prosody.s2s-secure-auth", "prosody.password-storage", "prosody.plain-auth-unencrypted", "prosody.registration",
                "prosody.mam-retention", "prosody.mam-default-policy", "prosody.upload-retention", "prosody.log-level",
                "prosody.tls-profile", "prosody.contact-info", "prosody.admin-console", "prosody.push-third-party");
        expect(h, Status.NOT_APPLICABLE, "prosody.muc-log-retention", "prosody.push-content");
        assertTrue(h.get("prosody.c2s-encryption-required").evidence().stream()
                .anyMatch(e -> e.source().equals("probe: 127.0.0.1:15222")), "the live port is part of the evidence");

        Map<String, Evaluation> w = judge(audit(weak, 25222, 25269, null), prosodyRules);
        expect(w, Status.FAIL, "prosody.c2s-encryption-required", "prosody.s2s-encryption-required", "prosody.s2s-secure-auth",
                "prosody.password-storage", "prosody.plain-auth-unencrypted", "prosody.registration", "prosody.mam-retention",
                "prosody.mam-default-policy", "prosody.log-level", "prosody.tls-profile", "prosody.contact-info");
        expect(w, Status.PASS, "prosody.config-unparseable", "prosody.admin-console");
        String weakCfg = weak.toString();
        assertTrue(w.get("prosody.password-storage").evidence().stream().anyMatch(e -> e.source().startsWith(weakCfg + ":")),
                w.get("prosody.password-storage").evidence()::toString);
    }

    @Test
    void anUploadOlderThanTheExpiryInTheRealStoreFails() throws Exception {
        Path store = TestPaths.testbed("prosody/hardened/data").resolve("upload%2elocalhost/http_file_share");
        Files.createDirectories(store);
        Path old = store.resolve("tomaudit-it-old.bin");
        try {
            Files.writeString(old, "an upload nobody deleted");
            Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofDays(30))));
            FactSet f = collect(hardened);
            Evaluation e = RuleEvaluator.evaluate(prosodyRules.stream()
                    .filter(r -> r.id().equals("prosody.upload-retention")).findFirst().orElseThrow(), f);
            assertEquals(Status.FAIL, e.status(), e.evidence().toString());
            assertTrue(e.evidence().stream().anyMatch(x -> x.source().equals(old.toString()) && x.value().contains("exceeds")));
            assertTrue(f.retentions().stream().anyMatch(r -> r.subject().contains("upload.localhost")
                    && r.period().orElseThrow().equals("P7D") && !r.verified().orElseThrow().holds()));
        } finally {
            Files.deleteIfExists(old);
        }
    }

    @Test
    void policyClaimsAgainstTheRealServers(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path claims = Files.writeString(tmp.resolve("notice.yaml"), """
                claims:
                  logs: { max_level: info, ip_addresses: false }
                  message_archive: { retention: 1 week, default: opt-in }
                  uploads: { retention: 7 days }
                  registration: closed
                  encryption: { c2s: required, s2s: required }
                  passwords: hashed
                """);
        for (boolean hard : List.of(true, false)) {
            FactSet.Builder b = FactSet.builder();
            b.addAll(hard ? audit(hardened, 15222, 15269, 15223) : audit(weak, 25222, 25269, null));
            new PolicyCollector(PolicyFile.load(claims)).collect(null, b);
            Map<String, Evaluation> e = judge(b.build(), policyRules);
            expect(e, hard ? Status.PASS : Status.FAIL, "policy.log-levels", "policy.ip-logging", "policy.archive-retention",
                    "policy.archive-default", "policy.registration", "policy.encryption", "policy.password-storage");
            expect(e, Status.PASS, "policy.upload-retention"); // the weak server keeps no uploads at all
        }
    }
}
