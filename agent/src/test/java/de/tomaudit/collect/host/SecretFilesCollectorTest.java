package de.tomaudit.collect.host;

import de.tomaudit.testsupport.CannedTarget;

import static de.tomaudit.collect.host.HostFixtures.chmod;
import static de.tomaudit.collect.host.HostFixtures.mkdir;
import static de.tomaudit.collect.host.HostFixtures.symlink;
import static de.tomaudit.collect.host.HostFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Unavailable;
import de.tomaudit.target.DirTarget;
import de.tomaudit.target.Limits;
import de.tomaudit.target.Target;
import de.tomaudit.testsupport.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilesCollectorTest {

    @TempDir Path root;

    private FactSet collect(Target t) {
        FactSet.Builder b = FactSet.builder();
        new SecretFilesCollector().collect(t, b);
        return b.build();
    }

    private FactSet collect() {
        return collect(new DirTarget(root, Limits.DEFAULT));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> files(FactSet f) {
        return (List<Map<String, Object>>) f.get(SecretFilesCollector.KEY)
                .orElseThrow(() -> new AssertionError(f.whyMissing(SecretFilesCollector.KEY))).value();
    }

    private static Map<String, Object> file(FactSet f, String path) {
        return files(f).stream().filter(m -> m.get("path").equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError(path + " not in " + files(f)));
    }

    private static boolean listed(FactSet f, String path) {
        return files(f).stream().anyMatch(m -> m.get("path").equals(path));
    }

    private static void group(Path p, String group) {
        try {
            PosixFileAttributeView v = Files.getFileAttributeView(p, PosixFileAttributeView.class);
            v.setGroup(p.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(group));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Mastodon installed as its documentation says: /home/mastodon made o+x for nginx, .env.production 0644. */
    @BeforeEach
    void mastodonAsDocumented() {
        write(root, "/etc/passwd", "root:x:0:0:root:/root:/bin/bash\nmastodon:x:991:991::/home/mastodon:/bin/bash\n"
                + "postgres:x:104:104::/var/lib/postgresql:/bin/bash\n");
        chmod(mkdir(root, "/home"), "rwxr-xr-x");
        chmod(mkdir(root, "/home/mastodon"), "rwx--x--x");
        chmod(mkdir(root, "/home/mastodon/live"), "rwxr-xr-x");
        chmod(write(root, "/home/mastodon/live/.env.production", "SECRET_KEY_BASE=abc\nOTP_SECRET=def\n"), "rw-r--r--");
        chmod(mkdir(root, "/etc"), "rwxr-xr-x");
    }

    @Test
    void documentedMastodonInstallExposesEnvProduction() {
        Map<String, Object> env = file(collect(), "/home/mastodon/live/.env.production");
        assertEquals("0644", env.get("mode"));
        assertEquals(true, env.get("world_readable"));
        assertEquals(true, env.get("exposed"));
        assertEquals("", env.get("blocked_by"));
    }

    @Test
    void aClosedHomeDirectoryProtectsIt() {
        chmod(root.resolve("home/mastodon"), "rwx------");
        Map<String, Object> env = file(collect(), "/home/mastodon/live/.env.production");
        assertEquals(false, env.get("world_readable"));
        assertEquals(false, env.get("exposed"));
        assertEquals("/home/mastodon", env.get("blocked_by"));
    }

    @Test
    void groupReadableByAForeignGroup() {
        Path env = chmod(root.resolve("home/mastodon/live/.env.production"), "rw-r-----");
        group(env, "adm");
        Map<String, Object> m = file(collect(), "/home/mastodon/live/.env.production");
        assertEquals(false, m.get("world_readable"));
        assertEquals(true, m.get("group_readable"));
        assertEquals(false, m.get("group_allowed"));
        assertEquals(true, m.get("exposed"));
        group(env, "root");
        assertEquals(false, file(collect(), "/home/mastodon/live/.env.production").get("exposed"));
    }

    @Test
    void debiansProsodyAndEjabberdConfigsHoldNoSecrets() throws IOException {
        Path fixture = TestPaths.debianRoot();
        write(root, "/etc/prosody/prosody.cfg.lua", Files.readString(fixture.resolve("etc/prosody/prosody.cfg.lua")));
        write(root, "/etc/ejabberd/ejabberd.yml", Files.readString(fixture.resolve("etc/ejabberd/ejabberd.yml")));
        FactSet f = collect();
        assertFalse(listed(f, "/etc/prosody/prosody.cfg.lua"), "only commented sql passwords");
        assertFalse(listed(f, "/etc/ejabberd/ejabberd.yml"));
    }

    @Test
    void configsWithPasswordsAreChecked() {
        chmod(write(root, "/etc/prosody/prosody.cfg.lua", "-- sql = { password = \"old\" }\n"
                + "sql = { driver = \"PostgreSQL\", database = \"prosody\", username = \"prosody\", password = \"s3cret\", host = \"localhost\" }\n"), "rw-r--r--");
        chmod(write(root, "/etc/ejabberd/ejabberd.yml", "sql_type: pgsql\nsql_server: localhost\nsql_password: \"s3cret\" # db\n"), "rw-r-----");
        chmod(write(root, "/etc/redis/redis.conf", "bind 127.0.0.1 -::1\n# requirepass foobared\nrequirepass Xy7\n"), "rw-r-----");
        FactSet f = collect();
        assertEquals(true, file(f, "/etc/prosody/prosody.cfg.lua").get("exposed"));
        assertEquals(false, file(f, "/etc/ejabberd/ejabberd.yml").get("exposed"));
        assertEquals("Redis password (requirepass)", file(f, "/etc/redis/redis.conf").get("why"));
        assertFalse(f.get(SecretFilesCollector.KEY).orElseThrow().toString().contains("s3cret"));
    }

    @Test
    void redisWithoutRequirepassIsNotASecretFile() {
        write(root, "/etc/redis/redis.conf", "bind 127.0.0.1 -::1\n# requirepass foobared\n");
        assertFalse(listed(collect(), "/etc/redis/redis.conf"));
    }

    @Test
    void bbbDefaultSaltIsPublicButAChangedOneIsASecret() throws IOException {
        String props = Files.readString(TestPaths.sharedFixture("bigbluebutton").resolve("bigbluebutton.properties"));
        write(root, SecretFilesCollector.BBB_DEFAULTS, props);
        assertFalse(listed(collect(), SecretFilesCollector.BBB_DEFAULTS));
        write(root, SecretFilesCollector.BBB_DEFAULTS, props.replace("securitySalt=330a8b08c3b4c61533e1d0c5ce1ac88f",
                "securitySalt=8f1a4ab1e2d6c3b4a5968778695a4b3c"));
        assertEquals(true, file(collect(), SecretFilesCollector.BBB_DEFAULTS).get("exposed"));
        chmod(write(root, "/etc/bigbluebutton/bbb-web.properties", "securitySalt=8f1a4ab1e2d6c3b4a5968778695a4b3c\n"), "rw-------");
        assertEquals(false, file(collect(), "/etc/bigbluebutton/bbb-web.properties").get("exposed"));
    }

    @Test
    void tlsAndSshKeys() {
        Path priv = chmod(mkdir(root, "/etc/ssl/private"), "rwx--x---");
        chmod(write(root, "/etc/ssl/private/ssl-cert-snakeoil.key", "key"), "rw-r-----");
        chmod(mkdir(root, "/etc/letsencrypt/archive/chat.example.org"), "rwx------");
        chmod(root.resolve("etc/letsencrypt/archive"), "rwx------");
        chmod(write(root, "/etc/letsencrypt/archive/chat.example.org/privkey1.pem", "key"), "rw-r--r--");
        chmod(mkdir(root, "/etc/letsencrypt/live/chat.example.org"), "rwxr-xr-x");
        chmod(root.resolve("etc/letsencrypt/live"), "rwxr-xr-x");
        chmod(root.resolve("etc/letsencrypt"), "rwxr-xr-x");
        symlink(root, "/etc/letsencrypt/live/chat.example.org/privkey.pem", "../../archive/chat.example.org/privkey1.pem");
        chmod(mkdir(root, "/etc/ssh"), "rwxr-xr-x");
        chmod(write(root, "/etc/ssh/ssh_host_ed25519_key", "key"), "rw-------");
        Path rsa = chmod(write(root, "/etc/ssh/ssh_host_rsa_key", "key"), "rw-r-----");
        group(rsa, "adm");
        write(root, "/etc/ssh/ssh_host_rsa_key.pub", "pub");
        chmod(mkdir(root, "/etc/prosody/certs"), "rwxr-xr-x");
        chmod(write(root, "/etc/prosody/certs/localhost.key", "key"), "rw-r--r--");
        FactSet f = collect();
        assertEquals(false, file(f, "/etc/ssl/private/ssl-cert-snakeoil.key").get("exposed"));
        assertEquals("/etc/ssl/private", file(f, "/etc/ssl/private/ssl-cert-snakeoil.key").get("blocked_by"));
        Map<String, Object> le = file(f, "/etc/letsencrypt/archive/chat.example.org/privkey1.pem");
        assertEquals(false, le.get("exposed"), "certbot's archive directory is 0700");
        assertTrue(listed(f, "/etc/letsencrypt/live/chat.example.org/privkey.pem"));
        assertEquals(false, file(f, "/etc/ssh/ssh_host_ed25519_key").get("exposed"));
        assertEquals(true, file(f, "/etc/ssh/ssh_host_rsa_key").get("exposed"), "group adm may read the host key");
        assertFalse(listed(f, "/etc/ssh/ssh_host_rsa_key.pub"));
        assertEquals(true, file(f, "/etc/prosody/certs/localhost.key").get("exposed"));
        assertTrue(priv.toFile().exists());
    }

    @Test
    void pgpassInPostgresHome() {
        chmod(mkdir(root, "/var/lib/postgresql"), "rwxr-xr-x");
        chmod(write(root, "/var/lib/postgresql/.pgpass", "localhost:5432:*:backup:pw\n"), "rw-r--r--");
        assertEquals(true, file(collect(), "/var/lib/postgresql/.pgpass").get("exposed"));
    }

    @Test
    void nothingThereIsAnEmptyList() throws IOException {
        Files.delete(root.resolve("home/mastodon/live/.env.production"));
        assertEquals(List.of(), files(collect()));
    }

    @Test
    void unreadableConfigIsStillChecked() {
        chmod(write(root, "/etc/redis/redis.conf", "requirepass x\n"), "rw-r-----");
        FactSet f = collect(new CannedTarget(root).offline().deny("/etc/redis/redis.conf"));
        assertTrue(f.whyMissing(SecretFilesCollector.KEY).isPresent(), "stat of a denied file fails too");
        assertEquals(Unavailable.Kind.ERROR, f.whyMissing(SecretFilesCollector.KEY).orElseThrow().kind());
    }

    @Test
    void unlistableSslPrivateThatIsClosedCountsAsProtected() {
        chmod(mkdir(root, "/etc/ssl/private"), "rwx--x---");
        FactSet f = collect(new CannedTarget(root).offline().denyList("/etc/ssl/private"));
        Map<String, Object> dir = file(f, "/etc/ssl/private");
        assertEquals(false, dir.get("exposed"));
        assertTrue(((String) dir.get("why")).contains("could not be listed"));
    }

    @Test
    void unlistableSslPrivateThatOthersMayListIsAnError() {
        chmod(mkdir(root, "/etc/ssl/private"), "rwxr-xr-x");
        FactSet f = collect(new CannedTarget(root).offline().denyList("/etc/ssl/private"));
        assertEquals(Unavailable.Kind.ERROR, f.whyMissing(SecretFilesCollector.KEY).orElseThrow().kind());
    }
}
