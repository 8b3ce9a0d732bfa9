package de.tomaudit.collect.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Unavailable;
import de.tomaudit.target.DirTarget;
import de.tomaudit.target.Limits;
import de.tomaudit.testsupport.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresCollectorTest {

    @TempDir
    Path root;

    private static FactSet collect(Path root) {
        FactSet.Builder b = FactSet.builder();
        new PostgresCollector().collect(new DirTarget(root, Limits.DEFAULT), b);
        return b.build();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> clusters(FactSet facts) {
        return (List<Map<String, Object>>) facts.get("postgres.clusters").orElseThrow(
                () -> new AssertionError(facts.whyMissing("postgres.clusters"))).value();
    }

    @Test
    void debianDefaultClusterIsLocalOnlyScramWithoutTrust() {
        FactSet facts = collect(TestPaths.debianRoot());
        assertEquals(true, facts.get("postgres.installed").orElseThrow().value());
        List<Map<String, Object>> cs = clusters(facts);
        assertEquals(1, cs.size());
        Map<String, Object> c = cs.get(0);
        assertEquals("15", c.get("version"));
        assertEquals("main", c.get("name"));
        assertEquals("localhost", c.get("listen_addresses"));
        assertEquals(true, c.get("listen_local_only"));
        assertEquals(false, c.get("ssl"));
        assertEquals("scram-sha-256", c.get("password_encryption"));
        assertEquals(5432L, c.get("port"));
        assertEquals(List.of(), c.get("trust_remote"));
        assertEquals(List.of(), c.get("trust_local"));
        assertEquals(List.of(), c.get("remote_weak"));
        List<Map<String, Object>> hba = (List<Map<String, Object>>) c.get("hba");
        assertEquals(7, hba.size());
        assertTrue(hba.stream().allMatch(h -> (Boolean) h.get("loopback")));
        assertTrue(((String) hba.get(2).get("source")).startsWith("/etc/postgresql/15/main/pg_hba.conf:"));
        Map<String, Object> sources = (Map<String, Object>) c.get("sources");
        assertEquals("default", sources.get("listen_addresses"));
        assertTrue(((String) sources.get("ssl")).startsWith("/etc/postgresql/15/main/postgresql.conf:"));
        assertTrue(facts.get("postgres.clusters").orElseThrow().evidence().stream()
                .anyMatch(e -> e.source().equals("default: listen_addresses (cluster 15/main)")));
    }

    @Test
    void trustOnPublicNetworkAndListenStarWithoutSsl() throws IOException {
        cluster("16", "main", "listen_addresses = '*'\nssl = off\n",
                "local all postgres peer\nhost all all 127.0.0.1/32 trust\nhost all all 0.0.0.0/0 trust\n"
                        + "hostssl all all ::/0 scram-sha-256\nhost all all 10.0.0.0 255.0.0.0 reject\n");
        Map<String, Object> c = clusters(collect(root)).get(0);
        assertEquals(false, c.get("listen_local_only"));
        assertEquals(List.of("/etc/postgresql/16/main/pg_hba.conf:3"), c.get("trust_remote"));
        assertEquals(List.of("/etc/postgresql/16/main/pg_hba.conf:2"), c.get("trust_local"));
        assertEquals(List.of("/etc/postgresql/16/main/pg_hba.conf:3"), c.get("remote_weak"),
                "hostssl+scram and reject lines are not weak");
    }

    @Test
    void trustOnlyOnLocalSocketsAndLoopback() throws IOException {
        cluster("15", "main", "", "local all all trust\nhost all all ::1/128 trust\nhost all all samehost trust\n"
                + "host all all 127.0.0.1 255.255.255.255 trust\nhost all all localhost trust\n");
        Map<String, Object> c = clusters(collect(root)).get(0);
        assertEquals(List.of(), c.get("trust_remote"));
        assertEquals(5, ((List<?>) c.get("trust_local")).size());
    }

    @Test
    void olderVersionsDefaultToMd5AndOnMeansMd5() throws IOException {
        cluster("13", "main", "", "local all all peer\n");
        cluster("15", "other", "password_encryption = on\nport = 5433\nssl = true\n", "local all all peer\n");
        List<Map<String, Object>> cs = clusters(collect(root));
        assertEquals("md5", cs.get(0).get("password_encryption"));
        assertEquals("md5", cs.get(1).get("password_encryption"));
        assertEquals(5433L, cs.get(1).get("port"));
        assertEquals(true, cs.get(1).get("ssl"));
    }

    @Test
    void autoConfFromTheDataDirectoryOverrides() throws IOException {
        cluster("15", "main", "data_directory = '/var/lib/postgresql/15/main'\nlisten_addresses = 'localhost'\n",
                "local all all peer\n");
        write("var/lib/postgresql/15/main/postgresql.auto.conf", "# Do not edit\nlisten_addresses = '0.0.0.0'\n");
        Map<String, Object> c = clusters(collect(root)).get(0);
        assertEquals("0.0.0.0", c.get("listen_addresses"));
        assertEquals(false, c.get("listen_local_only"));
        assertEquals(true, c.get("auto_conf_read"));
        assertEquals("/var/lib/postgresql/15/main/postgresql.auto.conf:2",
                ((Map<?, ?>) c.get("sources")).get("listen_addresses"));
    }

    @Test
    void includeLoopIsAnErrorNamingFileAndLine() throws IOException {
        cluster("15", "main", "port = 5432\ninclude 'extra.conf'\n", "local all all peer\n");
        write("etc/postgresql/15/main/extra.conf", "include 'postgresql.conf'\n");
        FactSet facts = collect(root);
        assertTrue(facts.get("postgres.clusters").isEmpty());
        Unavailable u = facts.whyMissing("postgres.clusters").orElseThrow();
        assertEquals(Unavailable.Kind.ERROR, u.kind());
        assertTrue(u.reason().contains("/etc/postgresql/15/main/extra.conf:1"), u.reason());
        assertTrue(u.reason().contains("include loop"), u.reason());
    }

    @Test
    void garbageInHbaIsAnErrorNamingTheLine() throws IOException {
        cluster("15", "main", "", "local all all peer\nhost all all\n");
        Unavailable u = collect(root).whyMissing("postgres.clusters").orElseThrow();
        assertEquals(Unavailable.Kind.ERROR, u.kind());
        assertTrue(u.reason().contains("/etc/postgresql/15/main/pg_hba.conf:2"), u.reason());
    }

    @Test
    void binaryOrInvalidValuesAreErrorsNotCrashes() throws IOException {
        cluster("15", "main", "ssl = maybe\n", "local all all peer\n");
        Unavailable u = collect(root).whyMissing("postgres.clusters").orElseThrow();
        assertTrue(u.reason().contains("ssl"), u.reason());

        Path other = root.resolve("b");
        Files.createDirectories(other.resolve("etc/postgresql/15/main"));
        Files.write(other.resolve("etc/postgresql/15/main/postgresql.conf"), new byte[] {0, 1, 2, (byte) 0xff});
        FactSet facts = collect(other);
        assertEquals(Unavailable.Kind.ERROR, facts.whyMissing("postgres.clusters").orElseThrow().kind());
        assertTrue(facts.whyMissing("postgres.clusters").orElseThrow().reason().contains("binary"));
    }

    @Test
    void symlinkLoopInAnIncludeIsAnErrorNamingTheIncludingLine() throws IOException {
        cluster("15", "main", "port = 5432\ninclude 'loop.conf'\n", "local all all peer\n");
        Path dir = root.resolve("etc/postgresql/15/main");
        Files.createSymbolicLink(dir.resolve("loop.conf"), Path.of("loop2.conf"));
        Files.createSymbolicLink(dir.resolve("loop2.conf"), Path.of("loop.conf"));
        Unavailable u = collect(root).whyMissing("postgres.clusters").orElseThrow();
        assertEquals(Unavailable.Kind.ERROR, u.kind());
        assertTrue(u.reason().contains("postgresql.conf:2"), u.reason());
        assertTrue(u.reason().contains("symbolic link"), u.reason());
    }

    @Test
    void latin1ConfigIsReadNotRejected() throws IOException {
        Path conf = root.resolve("etc/postgresql/15/main/postgresql.conf");
        Files.createDirectories(conf.getParent());
        Files.write(conf, "# Gr\u00fc\u00dfe aus K\u00f6ln\nlisten_addresses = '*'\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        Files.writeString(conf.resolveSibling("pg_hba.conf"), "local all all peer\n");
        assertEquals("*", clusters(collect(root)).get(0).get("listen_addresses"));
    }

    @Test
    void notInstalledIsDefinitive() {
        FactSet facts = collect(root);
        assertEquals(false, facts.get("postgres.installed").orElseThrow().value());
        assertEquals(Unavailable.Kind.NOT_APPLICABLE, facts.whyMissing("postgres.clusters").orElseThrow().kind());
    }

    @Test
    void planNamesEveryFileKind() {
        List<String> what = new PostgresCollector().plan().stream().map(p -> p.what()).toList();
        assertTrue(what.contains(PostgresCollector.CONF_GLOB));
        assertTrue(what.contains("/etc/postgresql/*/*/pg_hba.conf"));
        assertTrue(what.contains("/var/lib/postgresql/*/*/postgresql.auto.conf"));
        assertFalse(what.isEmpty());
    }

    private void cluster(String version, String name, String conf, String hba) throws IOException {
        write("etc/postgresql/" + version + "/" + name + "/postgresql.conf", conf);
        write("etc/postgresql/" + version + "/" + name + "/pg_hba.conf", hba);
    }

    private void write(String rel, String text) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }
}
