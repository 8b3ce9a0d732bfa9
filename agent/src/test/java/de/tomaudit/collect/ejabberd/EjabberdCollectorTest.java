package de.tomaudit.collect.ejabberd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.Fact;
import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Retention;
import de.tomaudit.facts.Secret;
import de.tomaudit.facts.Unavailable;
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

class EjabberdCollectorTest {
    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private static final String YML = "etc/ejabberd/ejabberd.yml";
    private static final String CTL = "etc/ejabberd/ejabberdctl.cfg";

    private static FactSet collect(Path root) {
        return collect(root, Limits.DEFAULT);
    }

    private static FactSet collect(Path root, Limits limits) {
        FactSet.Builder b = FactSet.builder();
        new EjabberdCollector(Clock.fixed(NOW, ZoneOffset.UTC)).collect(new DirTarget(root, limits), b);
        return b.build();
    }

    private static Object value(FactSet f, String key) {
        return f.get(key).map(Fact::value).orElseThrow(() -> new AssertionError("no fact " + key + "; missing: "
                + f.whyMissing(key) + "; facts: " + f.all().keySet()));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(FactSet f, String key) {
        return (List<Map<String, Object>>) value(f, key);
    }

    private static Path write(Path root, String path, String text) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private static List<String> sources(FactSet f, String key) {
        return f.get(key).orElseThrow().evidence().stream().map(Evidence::source).toList();
    }

    @Test
    void debianPackageFilesAsTheyAre() {
        FactSet f = collect(TestPaths.debianRoot());
        assertEquals(true, value(f, "ejabberd.installed"));
        assertEquals("23.01", value(f, "ejabberd.version"));
        assertEquals(List.of(), value(f, "ejabberd.config_problems"));
        List<Map<String, Object>> listeners = list(f, "ejabberd.listeners");
        assertEquals(7, listeners.size());
        assertEquals(5222L, listeners.get(0).get("port"));
        assertEquals(true, listeners.get(0).get("starttls_required"));
        assertEquals("/etc/ejabberd/ejabberd.yml:54", listeners.get(0).get("protocol_options_source"),
                "the global c2s_protocol_options replaces the listener's own");
        assertTrue(sources(f, "ejabberd.listeners").contains("/etc/ejabberd/ejabberd.yml:61"));
        assertEquals("required", value(f, "ejabberd.s2s_use_starttls"));
        Evidence s2sOpts = f.get("ejabberd.s2s_protocol_options").orElseThrow().evidence().get(0);
        assertEquals("/etc/ejabberd/ejabberd.yml:55", s2sOpts.source());
        assertTrue(s2sOpts.value().contains("macro TLS_OPTIONS defined at /etc/ejabberd/ejabberd.yml:43"), s2sOpts.value());
        Map<String, Object> auth = list(f, "ejabberd.auth").get(0);
        assertEquals("scram", auth.get("password_format"));
        assertEquals("sha", auth.get("scram_hash"), "23.01 default");
        assertEquals(false, value(f, "ejabberd.hide_sensitive_log_data"));
        assertEquals(0L, value(f, "ejabberd.log_rotate_count"));
        assertEquals(true, value(f, "ejabberd.dist.epmd_started"));
        assertEquals(false, value(f, "ejabberd.dist.interface_loopback"));
        assertEquals(false, list(f, "ejabberd.mam").get(0).get("enabled"));
        assertEquals(5, list(f, "endpoints.ejabberd").size(), "c2s, c2s TLS, s2s, two http; not stun/udp or mqtt");
        Retention log = f.retentions().get(0);
        assertTrue(log.subject().startsWith("ejabberd log files /var/log/ejabberd/ejabberd.log"), log.subject());
        assertTrue(log.period().isEmpty());
    }

    @Test
    void notInstalled(@TempDir Path root) {
        FactSet f = collect(root);
        assertEquals(false, value(f, "ejabberd.installed"));
        assertEquals(Unavailable.Kind.NOT_APPLICABLE, f.whyMissing("ejabberd.listeners").orElseThrow().kind());
        assertEquals(Unavailable.Kind.NOT_APPLICABLE, f.whyMissing("endpoints.ejabberd").orElseThrow().kind());
    }

    @Test
    void binaryHugeAndNonUtf8Files(@TempDir Path root) throws IOException {
        Path yml = root.resolve(YML);
        Files.createDirectories(yml.getParent());
        Files.write(yml, new byte[] {'h', 'o', 0, 1, 2});
        FactSet bin = collect(root);
        assertEquals(true, value(bin, "ejabberd.installed"));
        Unavailable u = bin.whyMissing("ejabberd.listeners").orElseThrow();
        assertEquals(Unavailable.Kind.ERROR, u.kind());
        assertTrue(u.reason().contains("binary"), u.reason());
        assertEquals(true, list(bin, "ejabberd.config_problems").get(0).get("fatal"));

        Files.writeString(yml, "hosts: [x]\n# " + "y".repeat(5000) + "\n");
        FactSet huge = collect(root, new Limits(1024, Duration.ofSeconds(5), 1024));
        assertTrue(huge.whyMissing("ejabberd.loglevel").orElseThrow().reason().contains("over the limit"));

        Files.write(yml, "hosts: [x]\n# gr\u00fc\u00dfe\nloglevel: warning\n".getBytes(StandardCharsets.ISO_8859_1));
        FactSet latin1 = collect(root);
        assertEquals("warning", value(latin1, "ejabberd.loglevel"));
    }

    @Test
    void includeThroughASymlinkLoopIsAnErrorAtTheIncludeLine(@TempDir Path root) throws IOException {
        write(root, YML, "hosts: [x]\ninclude_config_file: /etc/ejabberd/loop.yml\n");
        Files.createSymbolicLink(root.resolve("etc/ejabberd/loop.yml"), Path.of("loop2.yml"));
        Files.createSymbolicLink(root.resolve("etc/ejabberd/loop2.yml"), Path.of("loop.yml"));
        FactSet f = collect(root);
        Map<String, Object> p = list(f, "ejabberd.config_problems").get(0);
        assertEquals("/etc/ejabberd/ejabberd.yml:2", p.get("source"));
        assertTrue(String.valueOf(p.get("message")).contains("symbolic links"), p.toString());
        assertEquals(Unavailable.Kind.ERROR, f.whyMissing("ejabberd.auth").orElseThrow().kind());
    }

    @Test
    void relativeIncludeFromTheSpoolDirectoryOfEjabberdctlCfg(@TempDir Path root) throws IOException {
        write(root, CTL, "SPOOL_DIR=/srv/ejabberd/spool\n");
        write(root, YML, "hosts: [x]\ninclude_config_file: extra.yml\n");
        write(root, "srv/ejabberd/spool/extra.yml", "loglevel: debug\n");
        FactSet f = collect(root);
        assertEquals("debug", value(f, "ejabberd.loglevel"));
        assertEquals(List.of("/srv/ejabberd/spool/extra.yml:1"), sources(f, "ejabberd.loglevel"));
        assertEquals(List.of("/etc/ejabberd/ejabberd.yml", "/srv/ejabberd/spool/extra.yml"), value(f, "ejabberd.config_files"));
    }

    @Test
    void secretsAreOnlyEverHashes(@TempDir Path root) throws IOException {
        String sqlPw = "Sup3r-Secret-SQL";
        String component = "c0mponent-pass";
        String cookie = "COOKIEVALUE123";
        write(root, CTL, "ERL_OPTIONS=\"-setcookie " + cookie + "\"\n");
        write(root, YML, "define_macro:\n  DBPW: \"" + sqlPw + "\"\nhosts: [a.example]\nhost_config:\n  a.example:\n"
                + "    sql_password: DBPW\nlisten:\n  - port: 5275\n    module: ejabberd_service\n    password: \""
                + component + "\"\n");
        FactSet f = collect(root);
        List<Map<String, Object>> secrets = list(f, "ejabberd.secrets");
        assertEquals(2, secrets.size());
        assertEquals(Secret.of(component), secrets.get(0).get("value"));
        assertEquals(Secret.of(sqlPw), secrets.get(1).get("value"));
        assertEquals("/etc/ejabberd/ejabberd.yml:6", secrets.get(1).get("source"), "the use of the macro");
        assertEquals(Secret.of(cookie), value(f, "ejabberd.dist.cookie"));
        for (Fact fact : f.all().values()) {
            String text = fact.value() + " " + fact.evidence();
            for (String raw : List.of(sqlPw, component, cookie)) {
                assertFalse(text.contains(raw), fact.key() + " leaks a secret: " + text);
            }
        }
    }

    @Test
    void uploadStoreOlderThanMaxDaysFailsVerification(@TempDir Path root) throws IOException {
        write(root, YML, "hosts: [example.org]\nmodules:\n  mod_http_upload:\n    docroot: \"/srv/upload/@HOST@\"\n"
                + "  mod_http_upload_quota:\n    max_days: 7\n");
        Path old = write(root, "srv/upload/example.org/ab12/xy/old.jpg", "x");
        Path fresh = write(root, "srv/upload/example.org/cd34/zz/new.jpg", "y");
        Files.setLastModifiedTime(old, FileTime.from(NOW.minus(Duration.ofDays(40))));
        Files.setLastModifiedTime(fresh, FileTime.from(NOW.minus(Duration.ofHours(5))));
        FactSet f = collect(root);
        Map<String, Object> u = list(f, "ejabberd.upload").get(0);
        assertEquals("/srv/upload/example.org", u.get("docroot"));
        assertEquals(7L, u.get("max_days"));
        assertEquals(2L, u.get("files"));
        assertEquals(false, u.get("holds"));
        Retention r = f.retentions().stream().filter(x -> x.subject().contains("uploads")).findFirst().orElseThrow();
        assertEquals("P7D", r.period().orElseThrow());
        assertEquals("/etc/ejabberd/ejabberd.yml:6", r.source());
        assertEquals("P40D", r.verified().orElseThrow().oldest());
        assertEquals("/srv/upload/example.org/ab12/xy/old.jpg", r.verified().get().source());
        assertFalse(r.verified().get().holds());

        Files.delete(old);
        FactSet ok = collect(root);
        assertEquals(true, list(ok, "ejabberd.upload").get(0).get("holds"));
        assertEquals("PT5H", ok.retentions().stream().filter(x -> x.subject().contains("uploads")).findFirst()
                .orElseThrow().verified().orElseThrow().oldest());
    }

    @Test
    void uploadWithoutQuotaKeepsForeverAndDefaultDocrootIsTheUsersHome(@TempDir Path root) throws IOException {
        write(root, "etc/passwd", "root:x:0:0:root:/root:/bin/bash\nejabberd:x:106:108::/home/xmpp:/bin/sh\n");
        write(root, YML, "hosts: [x]\nmodules:\n  mod_http_upload: {}\n");
        FactSet f = collect(root);
        Map<String, Object> u = list(f, "ejabberd.upload").get(0);
        assertEquals("/home/xmpp/upload", u.get("docroot"));
        assertEquals(false, u.get("expires"));
        assertEquals(false, u.get("store_exists"));
        Retention r = f.retentions().stream().filter(x -> x.subject().contains("uploads")).findFirst().orElseThrow();
        assertTrue(r.period().isEmpty(), "kept forever");
        assertTrue(r.isDefault());
    }

    @Test
    void archiveExpiryJobFromCron(@TempDir Path root) throws IOException {
        write(root, YML, "hosts: [x]\nmodules:\n  mod_mam:\n    default: roster\n");
        write(root, "etc/cron.d/ejabberd-mam", "# expire the archive\n30 3 * * * ejabberd /usr/sbin/ejabberdctl"
                + " delete_old_mam_messages all 7\n# 0 4 * * * root ejabberdctl delete_old_mam_messages all 1\n");
        FactSet f = collect(root);
        List<Map<String, Object>> jobs = list(f, "ejabberd.mam_expiry_jobs");
        assertEquals(1, jobs.size());
        assertEquals(7L, jobs.get(0).get("days"));
        assertEquals("/etc/cron.d/ejabberd-mam:2", jobs.get(0).get("source"));
        assertEquals("roster", list(f, "ejabberd.mam").get(0).get("default"));
        Retention r = f.retentions().stream().filter(x -> x.subject().contains("MAM")).findFirst().orElseThrow();
        assertEquals("P7D", r.period().orElseThrow());
    }

    @Test
    void mamWithoutJobIsKeptForever(@TempDir Path root) throws IOException {
        write(root, YML, "hosts: [x]\nmodules:\n  mod_mam: {}\n");
        FactSet f = collect(root);
        assertEquals("never", list(f, "ejabberd.mam").get(0).get("default"), "mod_mam's 23.01 default");
        Retention r = f.retentions().stream().filter(x -> x.subject().contains("MAM")).findFirst().orElseThrow();
        assertTrue(r.period().isEmpty());
    }

    @Test
    void perHostAuthenticationAndNewerRelease(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("usr/lib/x86_64-linux-gnu/ejabberd-25.03"));
        write(root, YML, "hosts: [a.example, b.example]\nauth_password_format: scram\nauth_scram_hash: sha512\n"
                + "host_config:\n  b.example:\n    auth_method: [ldap, sql]\n    auth_stored_password_types: [plain]\n");
        FactSet f = collect(root);
        assertEquals("25.03", value(f, "ejabberd.version"));
        List<Map<String, Object>> auth = list(f, "ejabberd.auth");
        assertEquals(List.of("mnesia"), auth.get(0).get("methods"));
        assertEquals(List.of("ldap", "sql"), auth.get(1).get("methods"));
        assertEquals(List.of("plain"), auth.get(1).get("stored_password_types"));
        assertEquals(true, auth.get(1).get("stored_password_types_supported"));
        assertEquals(List.of(), value(f, "ejabberd.config_problems"));
    }

    @Test
    void storedPasswordTypesOnOldReleaseIsAProblem(@TempDir Path root) throws IOException {
        write(root, YML, "hosts: [x]\nauth_stored_password_types: [scram_sha256]\n");
        FactSet f = collect(root);
        assertEquals(false, list(f, "ejabberd.auth").get(0).get("stored_password_types_supported"));
        assertTrue(String.valueOf(list(f, "ejabberd.config_problems").get(0).get("message")).contains("25.03"));
    }

    @Test
    void invitationsCountOnlyFrom2601(@TempDir Path root) throws IOException {
        write(root, YML, "hosts: [x]\nmodules:\n  mod_register: {}\n  mod_invites: {}\n");
        Map<String, Object> old = list(collect(root), "ejabberd.register").get(0);
        assertEquals(false, old.get("invites"), "23.01 has no mod_invites");
        assertEquals(true, old.get("access_everyone"), "mod_register defaults: access all");
        assertEquals(true, old.get("ip_access_public"), "mod_register defaults: ip_access all");
        Files.createDirectories(root.resolve("opt/ejabberd-26.01"));
        assertEquals(true, list(collect(root), "ejabberd.register").get(0).get("invites"));
    }

    @Test
    void legacyErlangConfigIsNotEvaluated(@TempDir Path root) throws IOException {
        write(root, CTL, "EJABBERD_CONFIG_PATH=/etc/ejabberd/ejabberd.cfg\n");
        write(root, "etc/ejabberd/ejabberd.cfg", "{loglevel, 4}.\n");
        FactSet f = collect(root);
        assertTrue(String.valueOf(list(f, "ejabberd.config_problems").get(0).get("message")).contains("legacy"));
        assertEquals(Unavailable.Kind.ERROR, f.whyMissing("ejabberd.listeners").orElseThrow().kind());
    }

    @Test
    void planNamesEveryFileKind() {
        List<String> what = new EjabberdCollector().plan().stream().map(p -> p.what()).toList();
        assertTrue(what.contains("/etc/ejabberd/ejabberd.yml"));
        assertTrue(what.contains("/etc/ejabberd/ejabberdctl.cfg"));
        assertTrue(what.contains("/etc/cron.d/*"));
        assertTrue(what.stream().anyMatch(w -> w.contains("upload")));
    }
}
