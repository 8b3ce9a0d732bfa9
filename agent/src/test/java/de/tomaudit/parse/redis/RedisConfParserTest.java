package de.tomaudit.parse.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.facts.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RedisConfParserTest {

    static final class MapFiles implements RedisFiles {
        final Map<String, String> files = new TreeMap<>();

        MapFiles put(String path, String text) {
            files.put(path, text);
            return this;
        }

        @Override
        public String read(String path) throws Failure {
            if (!files.containsKey(path)) {
                throw new Failure(path + " does not exist", true);
            }
            String t = files.get(path);
            if (t == null) {
                throw new Failure(path + ": permission denied", false);
            }
            return t;
        }

        @Override
        public List<String> list(String dir) throws Failure {
            List<String> names = files.keySet().stream().filter(p -> p.startsWith(dir + "/"))
                    .map(p -> p.substring(dir.length() + 1)).filter(n -> !n.contains("/")).toList();
            if (names.isEmpty()) {
                throw new Failure(dir + " does not exist", true);
            }
            return names;
        }
    }

    static String debianConf() throws Exception {
        return Files.readString(Path.of(RedisConfParserTest.class.getResource("/de/tomaudit/capture/redis-debian12.conf").toURI()));
    }

    @Test
    void debianPackageConfig() throws Exception {
        String text = debianConf();
        RedisConfig c = new RedisConfParser(new MapFiles().put("/etc/redis/redis.conf", text)).parse("/etc/redis/redis.conf");
        assertTrue(c.problems().isEmpty(), c.problems().toString());
        RedisDirective bind = c.last("bind").orElseThrow();
        assertEquals(87, bind.line());
        assertEquals(List.of("127.0.0.1", "-::1"), bind.args().stream().map(RedisArg::text).toList());
        assertEquals("yes", c.last("protected-mode").orElseThrow().first());
        assertEquals("6379", c.last("port").orElseThrow().first());
        assertTrue(c.last("requirepass").isEmpty());
        assertEquals("{title} {listen-addr} {server-mode}", c.last("proc-title-template").orElseThrow().first());
        assertEquals("", c.last("notify-keyspace-events").orElseThrow().first());
    }

    @Test
    void quotingLikeSdssplitargs() {
        assertEquals(List.of("a", "b c", "d\ne", "A", "it's", "x#y"),
                RedisArgs.split("a \"b c\" \"d\\ne\" \"\\x41\" 'it\\'s' x#y"));
        assertThrows(IllegalArgumentException.class, () -> RedisArgs.split("a \"unterminated"));
        assertThrows(IllegalArgumentException.class, () -> RedisArgs.split("a \"closed\"glued"));
    }

    @Test
    void secretsAreSecretsFromTheStart() {
        RedisConfig c = new RedisConfParser(new MapFiles().put("/r.conf",
                "requirepass \"s3cr#t pass\"\nuser alice on >alicepw ~* +@all\nmasterauth m4ster\n")).parse("/r.conf");
        RedisDirective rp = c.last("requirepass").orElseThrow();
        assertEquals(Secret.of("s3cr#t pass"), rp.args().get(0).secret().orElseThrow());
        assertFalse(rp.display().contains("s3cr"));
        RedisDirective user = c.last("user").orElseThrow();
        assertFalse(user.display().contains("alicepw"), user.display());
        assertEquals(">", user.args().get(2).text());
        assertFalse(c.last("masterauth").orElseThrow().display().contains("m4ster"));
    }

    @Test
    void includesWithWildcardsInNameOrderLaterWins() {
        MapFiles files = new MapFiles()
                .put("/etc/redis/redis.conf", "bind 127.0.0.1\ninclude /etc/redis/conf.d/*.conf\ninclude local.conf\n")
                .put("/etc/redis/conf.d/b.conf", "bind 0.0.0.0\n")
                .put("/etc/redis/conf.d/a.conf", "port 7000\nbind 10.0.0.1\n")
                .put("/etc/redis/local.conf", "protected-mode no\n");
        RedisConfig c = new RedisConfParser(files).parse("/etc/redis/redis.conf");
        assertTrue(c.problems().isEmpty(), c.problems().toString());
        assertEquals("/etc/redis/conf.d/b.conf:1", c.last("bind").orElseThrow().where());
        assertEquals("no", c.last("protected-mode").orElseThrow().first());
        assertEquals(List.of("/etc/redis/redis.conf", "/etc/redis/conf.d/a.conf", "/etc/redis/conf.d/b.conf",
                "/etc/redis/local.conf"), c.files());
    }

    @Test
    void wildcardMatchingNothingIsIgnoredButMissingFileAndLoopsAreProblems() {
        MapFiles files = new MapFiles()
                .put("/etc/redis/redis.conf", "include /nowhere/*.conf\ninclude /etc/redis/missing.conf\ninclude a.conf\n")
                .put("/etc/redis/a.conf", "port 1\ninclude redis.conf\n");
        RedisConfig c = new RedisConfParser(files).parse("/etc/redis/redis.conf");
        assertEquals(2, c.problems().size(), c.problems().toString());
        assertEquals("/etc/redis/redis.conf:2", c.problems().get(0).where());
        assertEquals("/etc/redis/a.conf:2", c.problems().get(1).where());
        assertTrue(c.problems().get(1).message().contains("loop"));
    }

    @Test
    void garbageQuotingIsAProblemWithItsLine() {
        RedisConfig c = new RedisConfParser(new MapFiles().put("/r.conf", "port 6379\nbind \"127.0.0.1\n")).parse("/r.conf");
        assertEquals(1, c.problems().size());
        assertEquals("/r.conf:2", c.problems().get(0).where());
    }

    @Test
    void aclUsersApplyRulesLeftToRight() {
        RedisConfig acl = new RedisConfParser(new MapFiles()).parseAclText("/etc/redis/users.acl", String.join("\n",
                "user default on nopass ~* &* +@all",
                "user app on >p1 >p2 <p1 ~app:* +@read",
                "user old on >x resetpass",
                "user gone >pw reset",
                "user hashed on #5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8 ~*"));
        assertTrue(acl.problems().isEmpty());
        List<RedisUser> users = acl.directives().stream().map(RedisUser::fromDirective).toList();
        assertTrue(users.get(0).opensWithoutPassword());
        assertEquals(1, users.get(1).passwords().size());
        assertFalse(users.get(1).nopass());
        assertEquals(0, users.get(2).passwords().size());
        assertFalse(users.get(2).opensWithoutPassword());
        assertFalse(users.get(3).enabled());
        assertEquals(1, users.get(4).passwords().size());
        RedisConfig bad = new RedisConfParser(new MapFiles()).parseAclText("/a.acl", "requirepass x\nuser\n");
        assertEquals(2, bad.problems().size());
    }
}
