package de.tomaudit.collect.ejabberd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.Fact;
import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Retention;
import de.tomaudit.parse.ejabberd.EjValue;
import de.tomaudit.parse.ejabberd.EjabberdConfig;
import de.tomaudit.parse.ejabberd.EjabberdConfigReader;
import de.tomaudit.parse.source.ConfigSource;
import de.tomaudit.result.Status;
import de.tomaudit.rules.Evaluation;
import de.tomaudit.rules.Rule;
import de.tomaudit.rules.RuleEvaluator;
import de.tomaudit.rules.RuleLoader;
import de.tomaudit.rules.Severity;
import de.tomaudit.target.Command;
import de.tomaudit.target.CommandResult;
import de.tomaudit.target.DirEntry;
import de.tomaudit.target.FileContent;
import de.tomaudit.target.FileStat;
import de.tomaudit.target.Limits;
import de.tomaudit.target.LocalTarget;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import de.tomaudit.testsupport.TestPaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against the test bed's two real ejabberd 23.01 servers (scripts/testbed.d/ejabberd.sh), started once for
 * the whole run. The audit reads their real files in place (their ejabberdctl.cfg stands in for
 * /etc/ejabberd/ejabberdctl.cfg, everything else is read where it is); the configuration it computes must
 * equal what ejabberd itself dumps ({@code ejabberdctl dump_config}); the live c2s/s2s stream features and
 * the listening sockets, taken here on the wire, feed the rules' optional live facts; and the findings
 * must match each configuration.
 */
class EjabberdIT {
    private static final String CTL = "/usr/sbin/ejabberdctl";
    private static List<Rule> rules;

    @BeforeAll
    static void bed() throws Exception {
        for (String variant : List.of("hardened", "weak")) {
            TestPaths.testbed("ejabberd/" + variant + "/conf/ejabberdctl.cfg");
        }
        for (int port : List.of(35222, 45222)) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            } catch (IOException e) {
                throw new IllegalStateException("ejabberd does not answer on 127.0.0.1:" + port
                        + ": start the test bed with scripts/testbed start ejabberd", e);
            }
        }
        rules = RuleLoader.loadDirectory(TestPaths.repo().resolve("rules/ejabberd"));
    }

    private static Path dir(String variant) {
        return TestPaths.testbed("ejabberd/" + variant);
    }

    // --- the configuration ejabberd itself computed ---------------------------------------------------

    @Test
    void effectiveConfigurationEqualsEjabberdsOwnDump() throws Exception {
        for (String variant : List.of("hardened", "weak")) {
            Path d = dir(variant);
            Path dump = d.resolve("spool/dump_config.yml");
            Files.deleteIfExists(dump);
            try {
                ProcessResult r = run(List.of(CTL, "--config-dir", d.resolve("conf").toString(), "--ctl-config",
                        d.resolve("conf/ejabberdctl.cfg").toString(), "--spool", d.resolve("spool").toString(),
                        "--logs", d.resolve("logs").toString(), "dump_config", dump.toString()));
                assertEquals(0, r.exit, variant + " dump_config: " + r.output);
                ConfigSource local = new LocalFiles();
                EjabberdConfig ours = EjabberdConfigReader.read(d.resolve("conf/ejabberd.yml").toString(), List.of(),
                        d.resolve("spool").toString(), local);
                EjabberdConfig theirs = EjabberdConfigReader.read(dump.toString(), List.of(), "/", local);
                assertTrue(theirs.problems().isEmpty(), theirs.problems().toString());
                assertEquals(theirs.globalOptions().keySet(), ours.globalOptions().keySet(), variant + ": option names");
                for (String key : theirs.globalOptions().keySet()) {
                    assertEquals(plain(theirs.global(key).orElseThrow().value()), plain(ours.global(key).orElseThrow().value()),
                            variant + ": " + key);
                }
            } finally {
                Files.deleteIfExists(dump);
            }
        }
    }

    /** Values compared as ejabberd holds them: scalars by text, maps without order, {} the same as []. */
    private static Object plain(EjValue v) {
        if (v instanceof EjValue.Scalar s) {
            return s.text();
        }
        if (v instanceof EjValue.Mapping m && !m.entries().isEmpty()) {
            Map<String, Object> out = new TreeMap<>();
            m.entries().forEach(e -> out.put(e.key().text(), plain(e.value())));
            return out;
        }
        return v.items().stream().map(EjValue.class::cast).map(EjabberdIT::plain).toList();
    }

    // --- findings --------------------------------------------------------------------------------------

    @Test
    void hardenedInstancePasses() throws Exception {
        FactSet facts = facts("hardened", 35222, 35269);
        Map<String, Evaluation> got = evaluate(facts);
        expect(got, Map.ofEntries(
                Map.entry("c2s-starttls-required", Status.PASS), Map.entry("s2s-starttls-required", Status.PASS),
                Map.entry("password-format", Status.PASS), Map.entry("sensitive-log-data", Status.PASS),
                Map.entry("log-level", Status.PASS), Map.entry("log-rotation", Status.PASS),
                Map.entry("mam-retention", Status.NOT_APPLICABLE), Map.entry("mam-default", Status.NOT_APPLICABLE),
                Map.entry("upload-retention", Status.PASS), Map.entry("registration", Status.PASS),
                Map.entry("web-admin-exposure", Status.PASS), Map.entry("api-exposure", Status.PASS),
                Map.entry("erlang-distribution", Status.PASS), Map.entry("tls-options", Status.PASS),
                Map.entry("config-unparseable", Status.PASS)));
        String cfg = dir("hardened").resolve("conf/ejabberd.yml").toString();
        String tls = dir("hardened").resolve("spool/tls.yml").toString();
        assertTrue(got.get("tls-options").evidence().stream().anyMatch(e -> e.source().startsWith(tls + ":") && e.value().contains("protocol_options")),
                "c2s_protocol_options from the relatively included file: " + got.get("tls-options").evidence());
        assertTrue(got.get("c2s-starttls-required").evidence().stream().anyMatch(e -> e.source().startsWith(cfg + ":")
                && e.value().contains("127.0.0.1:35222") && e.value().contains("starttls_required=true")),
                "port and starttls_required through macros: " + got.get("c2s-starttls-required").evidence());
        assertTrue(got.get("c2s-starttls-required").evidence().stream().anyMatch(e -> e.source().equals("probe: 127.0.0.1:35222")));
        assertEquals("info", facts.get("ejabberd.loglevel").orElseThrow().value(), "tls.yml's loglevel is not in allow_only");
        assertEquals(35210L, facts.get("ejabberd.dist.port").orElseThrow().value());
        assertEquals("127.0.0.1", facts.get("ejabberd.dist.interface").orElseThrow().value());
        assertEquals("23.01", facts.get("ejabberd.version").orElseThrow().value());
    }

    @Test
    void weakInstanceFailsWhereItIsWeak() throws Exception {
        FactSet facts = facts("weak", 45222, 45269);
        Map<String, Evaluation> got = evaluate(facts);
        expect(got, Map.ofEntries(
                Map.entry("c2s-starttls-required", Status.FAIL), Map.entry("s2s-starttls-required", Status.FAIL),
                Map.entry("password-format", Status.FAIL), Map.entry("sensitive-log-data", Status.FAIL),
                Map.entry("log-level", Status.FAIL), Map.entry("log-rotation", Status.PASS),
                Map.entry("mam-retention", Status.FAIL), Map.entry("mam-default", Status.FAIL),
                Map.entry("upload-retention", Status.FAIL), Map.entry("registration", Status.FAIL),
                // both served on 127.0.0.1 only (the test bed binds nothing else): not public, so these pass
                Map.entry("web-admin-exposure", Status.PASS), Map.entry("api-exposure", Status.PASS),
                Map.entry("erlang-distribution", Status.PASS), Map.entry("tls-options", Status.FAIL),
                Map.entry("config-unparseable", Status.FAIL)));
        assertEquals(Severity.CRITICAL, got.get("password-format").severity());
        String cfg = dir("weak").resolve("conf/ejabberd.yml").toString();
        assertTrue(got.get("config-unparseable").evidence().stream().anyMatch(e -> e.source().startsWith(cfg + ":")
                && e.value().contains("upload_name")), got.get("config-unparseable").evidence().toString());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> perms = (List<Map<String, Object>>) facts.get("ejabberd.api_permissions").orElseThrow().value();
        assertEquals(true, perms.get(0).get("public_caller"), "who: all is recorded even where the listener is loopback only");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> listeners = (List<Map<String, Object>>) facts.get("ejabberd.listeners").orElseThrow().value();
        assertTrue(listeners.stream().anyMatch(l -> l.get("port").equals(45280L) && l.get("tls").equals(false)
                && ((List<?>) l.get("handler_modules")).contains("ejabberd_web_admin")));
    }

    @Test
    void uploadStoreOlderThanTheExpiryFailsAlthoughTheConfigurationLooksRight() throws Exception {
        Path store = dir("hardened").resolve("spool/upload/it-" + ProcessHandle.current().pid());
        Path old = store.resolve("slot/old.bin");
        Files.createDirectories(old.getParent());
        Files.writeString(old, "x");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofDays(10))));
        try {
            FactSet facts = collect("hardened");
            Evaluation e = evaluate(facts).get("upload-retention");
            assertEquals(Status.FAIL, e.status(), e.evidence().toString());
            Retention r = facts.retentions().stream().filter(x -> x.subject().contains("uploads")).findFirst().orElseThrow();
            assertEquals("P7D", r.period().orElseThrow());
            assertEquals("P10D", r.verified().orElseThrow().oldest());
            assertFalse(r.verified().get().holds());
        } finally {
            Files.deleteIfExists(old);
            Files.deleteIfExists(old.getParent());
            Files.deleteIfExists(store);
        }
        assertEquals(Status.PASS, evaluate(collect("hardened")).get("upload-retention").status());
    }

    @Test
    void distributionListensOnLoopbackOnlyAndNoEpmd() throws Exception {
        List<Map<String, Object>> sockets = sockets();
        assertTrue(sockets.stream().noneMatch(s -> s.get("port").equals(4369L)), "no EPMD: " + sockets);
        for (long port : List.of(35210L, 45210L)) {
            assertTrue(sockets.stream().anyMatch(s -> s.get("port").equals(port) && s.get("address").equals("127.0.0.1")),
                    port + " " + sockets);
        }
        assertTrue(sockets.stream().filter(s -> String.valueOf(s.get("process")).contains("beam"))
                .noneMatch(s -> (Boolean) s.get("public")), "every beam socket on loopback: " + sockets);
    }

    // --- plumbing ------------------------------------------------------------------------------------------

    private static void expect(Map<String, Evaluation> got, Map<String, Status> want) {
        StringBuilder wrong = new StringBuilder();
        want.forEach((id, s) -> {
            Evaluation e = got.get(id);
            if (e.status() != s) {
                wrong.append('\n').append(id).append(": ").append(e.status()).append(" (").append(e.reason()).append(") ")
                        .append(e.evidence());
            }
        });
        assertEquals(want.keySet(), got.keySet());
        assertTrue(wrong.isEmpty(), wrong.toString());
    }

    private static Map<String, Evaluation> evaluate(FactSet facts) {
        Map<String, Evaluation> out = new LinkedHashMap<>();
        for (Rule r : rules) {
            out.put(r.id().substring("ejabberd.".length()), RuleEvaluator.evaluate(r, facts));
        }
        return out;
    }

    private static FactSet collect(String variant) {
        FactSet.Builder b = FactSet.builder();
        new EjabberdCollector().collect(new TestbedTarget(dir(variant).resolve("conf/ejabberdctl.cfg")), b);
        return b.build();
    }

    /** The collected facts plus what is seen on the wire: stream features and listening sockets. */
    private static FactSet facts(String variant, int c2s, int s2s) throws Exception {
        FactSet collected = collect(variant);
        FactSet.Builder b = FactSet.builder().addAll(collected);
        for (Object[] e : new Object[][] {{c2s, "xmpp-client", "jabber:client"}, {s2s, "xmpp-server", "jabber:server"}}) {
            String features = streamFeatures((Integer) e[0], (String) e[2]);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("port", (long) (Integer) e[0]);
            m.put("starttls", e[1]);
            m.put("starttls_offered", features.contains("<starttls"));
            m.put("starttls_required", Pattern.compile("<starttls[^>]*>\\s*<required/>").matcher(features).find());
            // the shape of the network probe's xmpp.c2s / xmpp.s2s facts: one entry per probed port
            b.put(e[1].equals("xmpp-client") ? "xmpp.c2s" : "xmpp.s2s", List.of(m),
                    Evidence.probe("127.0.0.1:" + e[0], features.substring(Math.max(0, features.indexOf("<stream:features>")))));
        }
        b.put("sockets.listening", sockets(), Evidence.command("ss -H -tln", "listening TCP sockets"));
        return b.build();
    }

    /** What an XMPP server offers before TLS, read from a real connection (bounded). */
    private static String streamFeatures(int port, String ns) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 3000);
            s.setSoTimeout(5000);
            String header = "<?xml version='1.0'?><stream:stream to='localhost' "
                    + (ns.equals("jabber:server") ? "from='example.net' xmlns:db='jabber:server:dialback' " : "")
                    + "xmlns='" + ns + "' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>";
            OutputStream out = s.getOutputStream();
            out.write(header.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder b = new StringBuilder();
            byte[] buf = new byte[4096];
            try {
                int n;
                while (b.length() < 65536 && (n = in.read(buf)) > 0) {
                    b.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    if (b.indexOf("</stream:features>") >= 0) {
                        break;
                    }
                }
            } catch (SocketTimeoutException e) {
                // what arrived is what was offered
            }
            assertTrue(b.indexOf("<stream:features>") >= 0, "no stream features from 127.0.0.1:" + port + ": " + b);
            return b.toString();
        }
    }

    private static final Pattern SS_LINE = Pattern.compile("\\S+\\s+\\d+\\s+\\d+\\s+(\\S+):(\\d+)\\s+\\S+(?:\\s+(.*))?");

    /** {proto, address, port, process, public} from ss, as the host pack's sockets.listening has them. */
    private static List<Map<String, Object>> sockets() throws Exception {
        ProcessResult r = run(List.of("ss", "-H", "-tlnp"));
        assertEquals(0, r.exit, r.output);
        List<Map<String, Object>> out = new ArrayList<>();
        for (String line : r.output.split("\n")) {
            Matcher m = SS_LINE.matcher(line.strip());
            if (!m.matches()) {
                continue;
            }
            String addr = m.group(1).replace("[", "").replace("]", "");
            addr = addr.contains("%") ? addr.substring(0, addr.indexOf('%')) : addr;
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("proto", "tcp");
            s.put("address", addr);
            s.put("port", Long.parseLong(m.group(2)));
            s.put("process", m.group(3) == null ? "" : m.group(3));
            s.put("public", !(addr.startsWith("127.") || addr.equals("::1")));
            out.add(s);
        }
        return out;
    }

    private record ProcessResult(int exit, String output) { }

    private static ProcessResult run(List<String> argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readNBytes(1 << 20);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + argv);
        return new ProcessResult(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static final class LocalFiles implements ConfigSource {
        @Override
        public String read(String path) throws SourceException {
            try {
                return Files.readString(Path.of(path));
            } catch (IOException e) {
                throw new SourceException(path + ": " + e, e instanceof java.nio.file.NoSuchFileException);
            }
        }

        @Override
        public List<String> glob(String pattern) {
            return List.of();
        }
    }

    /** This machine, except that /etc/ejabberd/ejabberdctl.cfg is the test-bed instance's file. */
    private static final class TestbedTarget implements Target {
        private static final String CFG = "/etc/ejabberd/ejabberdctl.cfg";
        private final LocalTarget local = new LocalTarget(Limits.DEFAULT);
        private final String cfg;

        TestbedTarget(Path cfg) {
            this.cfg = cfg.toString();
        }

        private String map(String path) {
            return path.equals(CFG) ? cfg : path;
        }

        @Override public String name() { return "testbed"; }
        @Override public String address() { return "local"; }
        @Override public boolean canRunCommands() { return true; }
        @Override public FileContent read(String path) throws TargetException { return local.read(map(path)); }
        @Override public Optional<FileStat> stat(String path) throws TargetException { return local.stat(map(path)); }
        @Override public List<DirEntry> list(String dir) throws TargetException { return local.list(dir); }
        @Override public CommandResult run(Command command) throws TargetException { return local.run(command); }
    }

    @SuppressWarnings("unused")
    private static Object value(FactSet f, String key) {
        return f.get(key).map(Fact::value).orElseThrow();
    }
}
