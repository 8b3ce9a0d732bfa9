package de.tomaudit.collect.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Retention;
import de.tomaudit.facts.Unavailable;
import de.tomaudit.target.DirTarget;
import de.tomaudit.target.Limits;
import de.tomaudit.testsupport.TestPaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogrotateCollectorTest {

    @TempDir
    Path root;

    /** /etc/logrotate.conf of Debian 12's logrotate 3.21.0-1, byte for byte. */
    static String debianLogrotateConf() {
        try (InputStream in = LogrotateCollectorTest.class.getResourceAsStream("logrotate.conf")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path debianWithNginxAndLogrotate() {
        HostRoots.debian12(root);
        HostRoots.symlink(root, "/etc/nginx/sites-enabled/default", "/etc/nginx/sites-available/default");
        HostRoots.write(root, "/etc/logrotate.conf", debianLogrotateConf());
        return root;
    }

    private static FactSet collect(Path root) {
        FactSet.Builder b = FactSet.builder();
        new LogrotateCollector().collect(new DirTarget(root, Limits.DEFAULT), b);
        return b.build();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(FactSet f, String key) {
        return (List<Map<String, Object>>) f.get(key).orElseThrow(() -> new AssertionError(key + ": " + f.whyMissing(key))).value();
    }

    private static Map<String, Object> stanza(FactSet f, String glob) {
        return list(f, "logrotate.stanzas").stream().filter(s -> ((List<?>) s.get("globs")).contains(glob)).findFirst()
                .orElseThrow(() -> new AssertionError("no stanza for " + glob));
    }

    @Test
    void debianPackagesDefinitionsWithTheirRetention() {
        FactSet f = collect(debianWithNginxAndLogrotate());
        assertEquals(true, f.get("logrotate.installed").orElseThrow().value());
        assertEquals(List.of("/var/log/ejabberd/*.log", "/var/log/nginx/*.log", "/var/log/prosody/prosody.log"),
                list(f, "logrotate.stanzas").stream().map(s -> ((List<?>) s.get("globs")).get(0)).toList());

        Map<String, Object> nginx = stanza(f, "/var/log/nginx/*.log");
        assertEquals("daily", nginx.get("interval"));
        assertEquals(14L, nginx.get("rotate"));
        assertEquals(14L, nginx.get("retention_days"));
        assertEquals(15L, nginx.get("max_entry_age_days"));
        assertEquals("/etc/logrotate.d/nginx:1", nginx.get("source"));

        Map<String, Object> prosody = stanza(f, "/var/log/prosody/prosody.err");
        assertEquals(364L, prosody.get("retention_days"));
        assertEquals("/etc/logrotate.d/prosody:2", prosody.get("interval_source"));

        Map<String, Object> ejabberd = stanza(f, "/var/log/ejabberd/*.log");
        assertEquals("size", ejabberd.get("interval"), "size 1M comes after weekly in Debian's ejabberd file");
        assertEquals(false, ejabberd.get("bounded"));
        assertFalse(ejabberd.containsKey("retention_days"));
    }

    @Test
    void theNginxAccessLogIsCoveredAndItsRetentionGoesIntoTheTable() {
        FactSet f = collect(debianWithNginxAndLogrotate());
        List<Map<String, Object>> ip = list(f, "logrotate.ip_logs").stream().filter(l -> "nginx".equals(l.get("product"))).toList();
        assertEquals(1, ip.size());
        Map<String, Object> log = ip.get(0);
        assertEquals("/var/log/nginx/access.log", log.get("path"));
        assertEquals("nginx", log.get("product"));
        assertEquals(true, log.get("covered"));
        assertEquals(true, log.get("bounded"));
        assertEquals(14L, log.get("retention_days"));
        assertEquals("/etc/logrotate.d/nginx:1", log.get("rotation_source"));
        assertEquals("/etc/nginx/nginx.conf:40", log.get("source"));

        Retention r = f.retentions().stream().filter(x -> x.subject().startsWith("nginx access log")).findFirst().orElseThrow();
        assertEquals("nginx access log /var/log/nginx/access.log", r.subject());
        assertEquals(Optional.of("P14D"), r.period());
        assertEquals("/etc/logrotate.d/nginx:1", r.source());
        assertFalse(r.isDefault());
        Retention ejabberd = f.retentions().stream().filter(x -> x.subject().contains("ejabberd")).findFirst().orElseThrow();
        assertTrue(ejabberd.period().isEmpty(), "size-based rotation keeps a quiet log forever");
    }

    @Test
    void ejabberdsOwnLogsHoldIpsUnlessHiddenAndDebiansSizeRotationDoesNotBoundThem() {
        FactSet f = collect(debianWithNginxAndLogrotate());
        List<Map<String, Object>> ej = list(f, "logrotate.ip_logs").stream().filter(l -> "ejabberd".equals(l.get("product"))).toList();
        assertEquals(List.of("/var/log/ejabberd/ejabberd.log", "/var/log/ejabberd/error.log"), ej.stream().map(l -> l.get("path")).toList());
        for (Map<String, Object> log : ej) {
            assertEquals(true, log.get("covered"), log.toString());
            assertEquals(false, log.get("bounded"), "weekly followed by size 1M rotates by size only: " + log);
            assertEquals("/etc/logrotate.d/ejabberd:1", log.get("rotation_source"));
        }
        String yml;
        try {
            yml = java.nio.file.Files.readString(root.resolve("etc/ejabberd/ejabberd.yml"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        HostRoots.write(root, "/etc/ejabberd/ejabberd.yml", yml + "\nhide_sensitive_log_data: true\n");
        assertTrue(list(collect(root), "logrotate.ip_logs").stream().noneMatch(l -> "ejabberd".equals(l.get("product"))),
                "with hide_sensitive_log_data ejabberd's logs hold no client IPs");
    }

    @Test
    void withoutLogrotateTheAccessLogIsNotCovered() {
        HostRoots.debian12(root);
        HostRoots.symlink(root, "/etc/nginx/sites-enabled/default", "/etc/nginx/sites-available/default");
        FactSet f = collect(root);
        assertEquals(false, f.get("logrotate.installed").orElseThrow().value());
        assertEquals(Unavailable.Kind.NOT_APPLICABLE, f.whyMissing("logrotate.stanzas").orElseThrow().kind());
        Map<String, Object> log = list(f, "logrotate.ip_logs").get(0);
        assertEquals(false, log.get("covered"));
        assertEquals(false, log.get("bounded"));
        Retention r = f.retentions().get(0);
        assertTrue(r.period().isEmpty());
        assertEquals("/etc/nginx/nginx.conf:40", r.source());
    }

    @Test
    void theSharedFixtureAsIsHasNoLogrotateAndNoServingNginx() {
        FactSet f = collect(TestPaths.debianRoot());
        assertEquals(false, f.get("logrotate.installed").orElseThrow().value());
        List<Map<String, Object>> ip = list(f, "logrotate.ip_logs");
        assertTrue(ip.stream().noneMatch(l -> "nginx".equals(l.get("product"))), ip.toString());
        // its ejabberd logs client IPs (hide_sensitive_log_data unset) and nothing rotates them (log_rotate_count: 0)
        assertEquals(2, ip.stream().filter(l -> "ejabberd".equals(l.get("product")) && Boolean.FALSE.equals(l.get("covered"))).count());
    }

    @Test
    void ejabberdsOwnRotationCountsAsRotationButNotAsABoundInTimeAndNoneWhenSwitchedOff() {
        HostRoots.debian12(root);
        String yml;
        try {
            yml = java.nio.file.Files.readString(root.resolve("etc/ejabberd/ejabberd.yml"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // Debian's log_rotate_count: 0 turned into ejabberd's own default rotation, and the package's logrotate file gone
        yml = yml.replace("log_rotate_count: 0", "log_rotate_count: 1");
        HostRoots.write(root, "/etc/ejabberd/ejabberd.yml", yml + "\nlog_rotate_size: 10485760\n");
        try {
            Files.deleteIfExists(root.resolve("etc/logrotate.d/ejabberd"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<Map<String, Object>> ej = list(collect(root), "logrotate.ip_logs").stream()
                .filter(l -> "ejabberd".equals(l.get("product"))).toList();
        assertEquals(2, ej.size());
        ej.forEach(l -> assertEquals(List.of(true, false, "ejabberd"), List.of(l.get("covered"), l.get("bounded"), l.get("rotated_by")), l.toString()));
        assertTrue(String.valueOf(ej.get(0).get("rotation_source")).startsWith("/etc/ejabberd/ejabberd.yml:"), ej.toString());
        assertTrue(String.valueOf(ej.get(0).get("reason")).startsWith("ejabberd rotates it itself: rotated by size only (10485760 bytes, 1 old file)"),
                ej.toString());
        HostRoots.write(root, "/etc/ejabberd/ejabberd.yml", yml + "\nlog_rotate_size: infinity\n");
        list(collect(root), "logrotate.ip_logs").stream().filter(l -> "ejabberd".equals(l.get("product")))
                .forEach(l -> assertEquals(List.of(false, false), List.of(l.get("covered"), l.get("bounded")),
                        "log_rotate_size infinity: nothing rotates it: " + l));
    }

    @Test
    void aDefinitionFileWritableByGroupIsIgnoredAsLogrotateDoes() throws IOException {
        debianWithNginxAndLogrotate();
        Files.setPosixFilePermissions(root.resolve("etc/logrotate.d/nginx"), PosixFilePermissions.fromString("rw-rw-r--"));
        FactSet f = collect(root);
        assertEquals(false, list(f, "logrotate.ip_logs").get(0).get("covered"));
        List<?> problems = (List<?>) f.get("logrotate.config_problems").orElseThrow().value();
        assertTrue(problems.stream().anyMatch(p -> p.toString().startsWith("/etc/logrotate.d/nginx: ignored by logrotate")),
                problems.toString());
    }

    @Test
    void logPathsWithVariablesAreMatchedByTheirPattern() {
        debianWithNginxAndLogrotate();
        HostRoots.write(root, "/etc/nginx/conf.d/vhosts.conf", "access_log /var/log/nginx/$host.access.log;\n");
        List<Map<String, Object>> ip = list(collect(root), "logrotate.ip_logs");
        Map<String, Object> templated = ip.stream().filter(l -> l.get("path").toString().contains("$host")).findFirst().orElseThrow();
        assertEquals(true, templated.get("covered"));
        assertEquals(true, templated.get("path_has_variables"));
    }

    @Test
    void aLogOutsideEveryPatternIsNotCovered() {
        debianWithNginxAndLogrotate();
        HostRoots.write(root, "/etc/nginx/conf.d/other.conf", "access_log /srv/logs/access.log;\n");
        Map<String, Object> other = list(collect(root), "logrotate.ip_logs").stream()
                .filter(l -> l.get("path").equals("/srv/logs/access.log")).findFirst().orElseThrow();
        assertEquals(false, other.get("covered"));
        assertEquals("no logrotate definition matches this path", other.get("reason"));
    }

    @Test
    void aBrokenNginxConfigMakesTheIpLogsAnError() {
        debianWithNginxAndLogrotate();
        HostRoots.write(root, "/etc/nginx/conf.d/broken.conf", "server {\n");
        FactSet f = collect(root);
        Unavailable u = f.whyMissing("logrotate.ip_logs").orElseThrow();
        assertEquals(Unavailable.Kind.ERROR, u.kind());
        assertTrue(u.reason().contains("/etc/nginx/conf.d/broken.conf"), u.reason());
        assertTrue(f.get("logrotate.stanzas").isPresent(), "the stanzas themselves are still known");
    }

    @Test
    void binaryLogrotateConfigIsAnErrorInTheProblemsNotACrash() {
        debianWithNginxAndLogrotate();
        HostRoots.writeBytes(root, "/etc/logrotate.d/nginx", new byte[] {0, 1, 2, 3});
        FactSet f = collect(root);
        List<?> problems = (List<?>) f.get("logrotate.config_problems").orElseThrow().value();
        assertTrue(problems.stream().anyMatch(p -> p.toString().contains("binary")), problems.toString());
        assertEquals(false, list(f, "logrotate.ip_logs").get(0).get("covered"));
    }

    @Test
    void planNamesEveryFileAndTheNginxDump() {
        List<String> what = new LogrotateCollector().plan().stream().map(p -> p.type() + " " + p.what()).toList();
        assertTrue(what.contains("READ /etc/logrotate.conf"), what.toString());
        assertTrue(what.contains("READ /etc/logrotate.d/*"), what.toString());
        assertTrue(what.contains("RUN nginx -T"), what.toString());
    }
}
