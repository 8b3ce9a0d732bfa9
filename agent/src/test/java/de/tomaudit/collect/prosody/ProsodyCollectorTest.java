package de.tomaudit.collect.prosody;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.Fact;
import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Retention;
import de.tomaudit.facts.Secret;
import de.tomaudit.facts.Unavailable;
import de.tomaudit.parse.lua.SandboxLimits;
import de.tomaudit.target.DirTarget;
import de.tomaudit.target.Limits;
import de.tomaudit.testsupport.TestPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProsodyCollectorTest {
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    static FactSet collect(Path root) {
        FactSet.Builder b = FactSet.builder();
        try (DirTarget t = new DirTarget(root, Limits.DEFAULT)) {
            new ProsodyCollector(Clock.fixed(NOW, ZoneOffset.UTC), SandboxLimits.DEFAULT).collect(t, b);
        }
        return b.build();
    }

    static Object value(FactSet f, String key) {
        return f.get(key).map(Fact::value).orElseThrow(() -> new AssertionError(key + " missing: " + f.whyMissing(key)));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(FactSet f, String key) {
        return (List<Map<String, Object>>) value(f, key);
    }

    static Map<String, Object> host(FactSet f, String key, String host) {
        return list(f, key).stream().filter(m -> host.equals(m.get("host"))).findFirst()
                .orElseThrow(() -> new AssertionError(key + " has no entry for " + host + ": " + value(f, key)));
    }

    static Path write(Path root, String path, String text) throws IOException {
        Path p = root.resolve(path.substring(1));
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void debian12Fixture() {
        FactSet f = collect(TestPaths.debianRoot());
        assertEquals(true, value(f, "prosody.installed"));
        assertEquals(true, value(f, "prosody.config_ok"));
        assertEquals("0.12", value(f, "prosody.defaults"), "no version file in the fixture: 0.12 assumed");
        assertTrue(f.get("prosody.defaults").orElseThrow().evidence().get(0).value().contains("assumed"));
        assertEquals("invite", host(f, "prosody.registration", "localhost").get("mode"),
                "mod_register without allow_registration, mod_invites_register loaded");
        assertEquals(true, host(f, "prosody.c2s_require_encryption", "localhost").get("value"));
        assertEquals(true, host(f, "prosody.c2s_require_encryption", "localhost").get("default"));
        assertEquals("/etc/prosody/prosody.cfg.lua:110", host(f, "prosody.s2s_secure_auth", "*").get("source"));
        assertEquals(List.of(), value(f, "prosody.mam"), "mod_mam is commented out in Debian's config");
        List<Map<String, Object>> sinks = list(f, "prosody.log_sinks");
        assertEquals(3, sinks.size());
        assertEquals("/var/log/prosody/prosody.log", sinks.get(0).get("target"));
        // the fixture has /etc/logrotate.d/prosody (weekly, rotate 52) but no logrotate: nothing runs it, as the host pack says
        assertEquals(-1L, sinks.get(0).get("retention_days"), "definition without logrotate");
        assertEquals("/etc/logrotate.d/prosody:1", sinks.get(0).get("rotation_source"));
        assertEquals(List.of("error"), sinks.get(2).get("levels"));
        assertEquals(false, ((Map<?, ?>) value(f, "prosody.admin_console")).get("telnet"));
        List<Map<String, Object>> endpoints = list(f, "endpoints.prosody");
        assertTrue(endpoints.stream().anyMatch(e -> e.get("port").equals(5222L) && e.get("starttls").equals("xmpp-client")
                && e.get("xmpp_domain").equals("localhost")), endpoints::toString);
        assertTrue(endpoints.stream().anyMatch(e -> e.get("port").equals(5269L) && e.get("starttls").equals("xmpp-server")));
        assertTrue(list(f, "prosody.config_warnings").get(0).get("message").toString().contains("conf.d does not exist"));
    }

    @Test
    void hardenedVariantWithRetentionsAndVerifiedUploads(@TempDir Path root) throws IOException {
        write(root, "/usr/lib/prosody/prosody.version", "13.0.1\n");
        write(root, "/etc/prosody/prosody.cfg.lua", """
                modules_enabled = { "roster", "saslauth", "tls", "mam", "register", "server_contact_info", "cloud_notify" }
                archive_expires_after = "2 weeks"
                default_archive_policy = false
                storage = { archive = "sql" }
                sql = { driver = "PostgreSQL", database = "prosody", username = "prosody", password = "pg-secret-42" }
                contact_info = { abuse = { "mailto:abuse@example.org" }, security = { "mailto:sec@example.org" } }
                log = { info = "/var/log/prosody/prosody.log" }
                tls_profile = "modern"
                c2s_ports = { 5222 }
                c2s_interfaces = { "192.0.2.10" }
                c2s_direct_tls_ports = { 5223 }
                VirtualHost "example.org"
                Component "upload.example.org" "http_file_share"
                  http_file_share_expires_after = "1w"
                Component "conference.example.org" "muc"
                  modules_enabled = { "muc_mam" }
                  muc_log_expires_after = "never"
                Include "conf.d/*.cfg.lua"
                """);
        write(root, "/etc/prosody/conf.d/other.cfg.lua", "VirtualHost \"other.example\"\n  allow_registration = true\n");
        Path store = root.resolve("var/lib/prosody/upload%2eexample%2eorg/http_file_share");
        Files.createDirectories(store);
        Path old = Files.writeString(store.resolve("old.bin"), "x");
        Files.setLastModifiedTime(old, FileTime.from(NOW.minus(Duration.ofDays(30))));
        Path fresh = Files.writeString(store.resolve("fresh.bin"), "y");
        Files.setLastModifiedTime(fresh, FileTime.from(NOW.minus(Duration.ofDays(2))));

        FactSet f = collect(root);
        assertEquals("13", value(f, "prosody.defaults"));
        assertEquals("13.0.1", value(f, "prosody.version"));
        Map<String, Object> mam = host(f, "prosody.mam", "example.org");
        assertEquals(14L * 86_400, mam.get("expires_seconds"), "13.0 reads \"2 weeks\"");
        assertEquals("false", mam.get("policy"));
        assertEquals("sql", mam.get("store"));
        assertEquals("yes", mam.get("store_deletes"));
        Map<String, Object> upload = host(f, "prosody.http_file_share", "upload.example.org");
        assertEquals(7L * 86_400, upload.get("expires_seconds"));
        assertEquals("exceeds", upload.get("verified"), "a 30-day-old upload under a 7-day expiry");
        assertEquals(2L, upload.get("files"));
        assertEquals("/var/lib/prosody/upload%2eexample%2eorg/http_file_share/old.bin", upload.get("oldest_file"));
        Retention r = f.retentions().stream().filter(x -> x.subject().contains("upload.example.org")).findFirst().orElseThrow();
        assertEquals("P7D", r.period().orElseThrow());
        assertEquals("P30D", r.verified().orElseThrow().oldest());
        assertFalse(r.verified().orElseThrow().holds());
        assertTrue(f.retentions().stream().anyMatch(x -> x.subject().contains("conference.example.org") && x.period().isEmpty()),
                "muc_log_expires_after = \"never\" is kept forever");
        assertTrue(f.retentions().stream().anyMatch(x -> x.subject().contains("(MAM) of example.org")
                && x.period().orElseThrow().equals("P14D") && x.source().equals("/etc/prosody/prosody.cfg.lua:2")));
        assertEquals(-1L, host(f, "prosody.muc_mam", "conference.example.org").get("expires_seconds"));
        assertEquals("open", host(f, "prosody.registration", "other.example").get("mode"), "from conf.d");
        assertEquals("closed", host(f, "prosody.registration", "example.org").get("mode"));
        assertEquals(true, host(f, "prosody.contact_info", "example.org").get("configured"));
        assertEquals(true, host(f, "prosody.push", "example.org").get("cloud_notify"));
        assertEquals("modern", ((Map<?, ?>) value(f, "prosody.tls_profile")).get("value"));
        List<Map<String, Object>> endpoints = list(f, "endpoints.prosody");
        assertTrue(endpoints.contains(Map.of("host", "192.0.2.10", "port", 5222L, "starttls", "xmpp-client", "tls", false,
                "service", "prosody-c2s", "xmpp_domain", "example.org", "source", "/etc/prosody/prosody.cfg.lua:9")),
                endpoints::toString);
        assertTrue(endpoints.stream().anyMatch(e -> e.get("port").equals(5223L) && e.get("tls").equals(true)));
        assertTrue(endpoints.stream().anyMatch(e -> e.get("port").equals(5281L)), "https for http_file_share: " + endpoints);
        Map<String, Object> secret = list(f, "prosody.secrets").get(0);
        assertEquals("sql.password", secret.get("option"));
        assertEquals(Secret.of("pg-secret-42"), secret.get("value"));
        for (Fact fact : f.all().values()) {
            for (Evidence e : fact.evidence()) {
                assertFalse(e.value().contains("pg-secret-42"), "secret leaked into evidence of " + fact.key());
            }
            assertFalse(String.valueOf(fact.value()).contains("pg-secret-42"), "secret leaked into " + fact.key());
        }
    }

    @Test
    void weakVariantDebugLogsTelnetAndPlainPasswords(@TempDir Path root) throws IOException {
        write(root, "/usr/lib/prosody/prosody.version", "0.12.3\n");
        write(root, "/etc/prosody/prosody.cfg.lua", """
                modules_enabled = { "roster", "saslauth", "mam", "admin_telnet", "register" }
                console_interfaces = { "*" }
                authentication = "internal_plain"
                allow_unencrypted_plain_auth = true
                c2s_require_encryption = false
                allow_registration = true
                archive_expires_after = "12h"
                log = { debug = "/var/log/prosody/debug.log"; "*syslog" }
                ssl = { protocol = "tlsv1+", ciphers = "HIGH:3DES:!aNULL" }
                VirtualHost "localhost"
                """);
        FactSet f = collect(root);
        assertEquals(12L, host(f, "prosody.mam", "localhost").get("expires_seconds"), "0.12 reads \"12h\" as 12 seconds");
        assertEquals("internal_plain", host(f, "prosody.authentication", "localhost").get("value"));
        assertEquals(true, host(f, "prosody.allow_unencrypted_plain_auth", "localhost").get("value"));
        assertEquals(false, host(f, "prosody.c2s_require_encryption", "localhost").get("value"));
        assertEquals("open", host(f, "prosody.registration", "localhost").get("mode"));
        List<Map<String, Object>> sinks = list(f, "prosody.log_sinks");
        assertTrue(sinks.stream().allMatch(s -> Boolean.TRUE.equals(s.get("debug"))), sinks::toString);
        Map<?, ?> console = (Map<?, ?>) value(f, "prosody.admin_console");
        assertEquals(true, console.get("exposed"));
        assertEquals(List.of(5582L), console.get("ports"));
        Map<String, Object> ssl = list(f, "prosody.ssl_overrides").get(0);
        assertEquals(true, ssl.get("legacy"));
        assertEquals(List.of("3DES"), ssl.get("weak_ciphers"));
    }

    @Test
    void hostileConfigBecomesAFindingAndTheCollectorGoesOn(@TempDir Path root) throws IOException {
        write(root, "/etc/prosody/prosody.cfg.lua", "admins = {}\n\nwhile true do end\n");
        long start = System.nanoTime();
        FactSet f = collect(root);
        assertTrue(System.nanoTime() - start < 2_000_000_000L, "stopped within 2 s");
        assertEquals(false, value(f, "prosody.config_ok"));
        Map<?, ?> error = (Map<?, ?>) value(f, "prosody.config_error");
        assertEquals("/etc/prosody/prosody.cfg.lua:3", error.get("source"));
        assertEquals("instruction_limit", error.get("kind"));
        Unavailable why = f.whyMissing("prosody.c2s_require_encryption").orElseThrow();
        assertEquals(Unavailable.Kind.ERROR, why.kind());
        assertTrue(why.reason().contains("/etc/prosody/prosody.cfg.lua:3"), why.reason());
        assertEquals(Unavailable.Kind.ERROR, f.whyMissing("endpoints.prosody").orElseThrow().kind());
        write(root, "/etc/prosody/prosody.cfg.lua", "x = 1\nos.execute('rm -rf /')\n");
        assertEquals("forbidden", ((Map<?, ?>) value(collect(root), "prosody.config_error")).get("kind"));
    }

    @Test
    void badFilesAreErrorsNamingTheFile(@TempDir Path root) throws IOException {
        Path cfg = root.resolve("etc/prosody/prosody.cfg.lua");
        Files.createDirectories(cfg.getParent());
        Files.write(cfg, new byte[] {'x', ' ', '=', ' ', 0, 1, 2});
        Map<?, ?> binary = (Map<?, ?>) value(collect(root), "prosody.config_error");
        assertTrue(binary.get("message").toString().contains("binary"), binary.toString());
        Files.write(cfg, "motd = \"gr\u00fc\u00dfe\"\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(true, value(collect(root), "prosody.config_ok"), "a Latin-1 file is read as such");
        write(root, "/etc/prosody/prosody.cfg.lua", "Include \"missing.cfg.lua\"\n");
        Map<?, ?> include = (Map<?, ?>) value(collect(root), "prosody.config_error");
        assertEquals("/etc/prosody/prosody.cfg.lua:1", include.get("source"));
        assertEquals("include", include.get("kind"));
    }

    @Test
    void notInstalledAndInstalledWithoutConfig(@TempDir Path root) throws IOException {
        FactSet none = collect(root);
        assertEquals(false, value(none, "prosody.installed"));
        assertEquals(Unavailable.Kind.NOT_APPLICABLE, none.whyMissing("prosody.mam").orElseThrow().kind());
        write(root, "/usr/bin/prosody", "#!/bin/sh\n");
        FactSet noConfig = collect(root);
        assertEquals(true, value(noConfig, "prosody.installed"));
        assertEquals(Unavailable.Kind.ERROR, noConfig.whyMissing("prosody.config_ok").orElseThrow().kind());
    }

    @Test
    void planNamesEveryPlaceRead() {
        List<String> what = new ProsodyCollector().plan().stream().map(p -> p.what()).toList();
        assertTrue(what.containsAll(List.of("/etc/prosody/prosody.cfg.lua", "/etc/prosody/conf.d/*.cfg.lua",
                "/usr/lib/prosody/prosody.version", "/etc/logrotate.d/prosody".replace("prosody", "*"),
                "/var/lib/prosody/*/http_file_share")), what::toString);
    }
}
