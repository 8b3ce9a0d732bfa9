package de.tomaudit.parse.sshd;

import de.tomaudit.parse.source.ConfigSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.target.DirTarget;
import de.tomaudit.target.FileContent;
import de.tomaudit.target.Limits;
import de.tomaudit.target.TargetException;
import de.tomaudit.testsupport.TestPaths;
import java.util.List;
import org.junit.jupiter.api.Test;

class SshdConfigResolverTest {

    private static final String MAIN = "/etc/ssh/sshd_config";

    private static SshdSettings resolve(String text, MatchContext ctx) throws Exception {
        return SshdConfigResolver.resolve(SshdConfigParser.parse(MAIN, new MapSource().put(MAIN, text)), ctx);
    }

    private static Setting get(SshdSettings s, String k) {
        return s.get(k).orElseThrow();
    }

    @Test
    void debian12DefaultConfigLeavesPasswordsOn() throws Exception {
        DirTarget fixture = new DirTarget(TestPaths.debianRoot(), Limits.DEFAULT);
        ConfigSource src = new ConfigSource() {
            @Override public String read(String path) throws SourceException {
                try {
                    FileContent c = fixture.read(path);
                    return c.text();
                } catch (TargetException e) {
                    throw new SourceException(e.getMessage(), e.reason() == TargetException.Reason.NOT_FOUND);
                }
            }
            @Override public List<String> glob(String pattern) throws SourceException {
                try {
                    return fixture.glob(pattern);
                } catch (TargetException e) {
                    throw new SourceException(e.getMessage(), false);
                }
            }
        };
        SshdConfig c = SshdConfigParser.parse(MAIN, src);
        assertTrue(c.problems().isEmpty(), c.problems().toString());
        SshdSettings s = SshdConfigResolver.resolve(c, MatchContext.none());
        Setting pw = get(s, "passwordauthentication");
        assertEquals("yes", pw.value());
        assertTrue(pw.isDefault());
        Setting kbd = get(s, "kbdinteractiveauthentication");
        assertEquals("no", kbd.value());
        assertEquals(MAIN + ":62", kbd.sources().get(0).location());
        assertEquals("prohibit-password", get(s, "permitrootlogin").value());
        assertEquals("yes", get(s, "usepam").value());
        assertEquals(List.of("LANG", "LC_*"), get(s, "acceptenv").values());
        assertEquals(List.of("sftp /usr/lib/openssh/sftp-server"), get(s, "subsystem").values());
        assertEquals(List.of("[::]:22", "0.0.0.0:22"), get(s, "listenaddress").values());
        assertEquals(OpenSsh92Defaults.KEX, get(s, "kexalgorithms").values());
        assertEquals(OpenSsh92Defaults.HOST_KEYS, get(s, "hostkey").values());
    }

    @Test
    void firstValueWinsAndDropInAtTheTopOverridesLaterLines() throws Exception {
        SshdConfig c = SshdConfigParser.parse(MAIN, new MapSource()
                .put(MAIN, "Include /etc/ssh/sshd_config.d/*.conf\nPasswordAuthentication yes\nPasswordAuthentication no\n")
                .put("/etc/ssh/sshd_config.d/50-cloud-init.conf", "PasswordAuthentication no\n"));
        Setting pw = get(SshdConfigResolver.resolve(c, MatchContext.none()), "passwordauthentication");
        assertEquals("no", pw.value());
        assertEquals("/etc/ssh/sshd_config.d/50-cloud-init.conf:1", pw.sources().get(0).location());

        Setting first = get(resolve("PasswordAuthentication yes\nPasswordAuthentication no\n", MatchContext.none()),
                "passwordauthentication");
        assertEquals("yes", first.value());
        assertEquals(MAIN + ":1", first.sources().get(0).location());
    }

    @Test
    void aliasesAndValueSpellings() throws Exception {
        SshdSettings s = resolve("ChallengeResponseAuthentication Yes\nKbdInteractiveAuthentication no\n"
                + "PermitRootLogin without-password\n", MatchContext.none());
        assertEquals("yes", get(s, "kbdinteractiveauthentication").value(), "the alias came first, so it wins");
        assertEquals("prohibit-password", get(s, "permitrootlogin").value());
    }

    @Test
    void matchBlockOverridesGlobalValueForItsConnectionsOnly() throws Exception {
        String cfg = "PasswordAuthentication no\nPermitRootLogin no\n"
                + "Match User alice Address 192.0.2.0/24\n  PasswordAuthentication yes\n"
                + "Match User alice\n  PasswordAuthentication no\n  PermitRootLogin yes\n";
        SshdSettings global = resolve(cfg, MatchContext.none());
        assertEquals("no", get(global, "passwordauthentication").value());
        SshdSettings alice = resolve(cfg, MatchContext.of("alice", "h", "192.0.2.9"));
        assertEquals("yes", get(alice, "passwordauthentication").value(), "first matching block wins");
        assertEquals(MAIN + ":4", get(alice, "passwordauthentication").sources().get(0).location());
        assertEquals("yes", get(alice, "permitrootlogin").value());
        SshdSettings aliceElsewhere = resolve(cfg, MatchContext.of("alice", "h", "198.51.100.1"));
        assertEquals("no", get(aliceElsewhere, "passwordauthentication").value());
        assertEquals(MAIN + ":6", get(aliceElsewhere, "passwordauthentication").sources().get(0).location());
    }

    @Test
    void matchAllAppliesEverywhere() throws Exception {
        SshdSettings s = resolve("X11Forwarding no\nMatch User bob\n X11Forwarding yes\nMatch all\n X11Forwarding yes\n",
                MatchContext.none());
        assertEquals("yes", get(s, "x11forwarding").value());
        assertEquals(MAIN + ":5", get(s, "x11forwarding").sources().get(0).location());
    }

    @Test
    void accumulatingKeywordsAndListenAddresses() throws Exception {
        SshdSettings s = resolve("Port 22\nPort 2222\nListenAddress 192.0.2.1\nListenAddress [2001:db8::1]:2200\n"
                + "ListenAddress 2001:db8::2\nAcceptEnv LANG\nAcceptEnv LC_* TZ\nAllowUsers a b\nAllowUsers c\n"
                + "AuthorizedKeysFile .ssh/one\nAuthorizedKeysFile .ssh/two\nHostKey /k1\nHostKey /k2\n", MatchContext.none());
        assertEquals(List.of("22", "2222"), get(s, "port").values());
        assertEquals(List.of("192.0.2.1:22", "192.0.2.1:2222", "[2001:db8::1]:2200", "[2001:db8::2]:22", "[2001:db8::2]:2222"),
                get(s, "listenaddress").values());
        assertEquals(List.of("LANG", "LC_*", "TZ"), get(s, "acceptenv").values());
        assertEquals(List.of("a", "b", "c"), get(s, "allowusers").values());
        assertEquals(List.of(".ssh/one"), get(s, "authorizedkeysfile").values());
        assertEquals(List.of("/k1", "/k2"), get(s, "hostkey").values());
    }

    @Test
    void addressFamilyDecidesTheWildcardAddresses() throws Exception {
        assertEquals(List.of("0.0.0.0:22"), get(resolve("AddressFamily inet\n", MatchContext.none()), "listenaddress").values());
        assertEquals(List.of("[::]:2222"), get(resolve("AddressFamily inet6\nPort 2222\n", MatchContext.none()),
                "listenaddress").values());
    }

    @Test
    void algorithmListsWithPrefixes() throws Exception {
        SshdSettings s = resolve("Ciphers +aes128-cbc,3des-cbc\nMACs -hmac-sha1*,umac-64*\n"
                + "KexAlgorithms ^diffie-hellman-group14-sha1\nHostKeyAlgorithms ssh-ed25519,rsa-sha2-512\n", MatchContext.none());
        List<String> ciphers = get(s, "ciphers").values();
        assertEquals(OpenSsh92Defaults.CIPHERS, ciphers.subList(0, OpenSsh92Defaults.CIPHERS.size()));
        assertEquals(List.of("aes128-cbc", "3des-cbc"), ciphers.subList(OpenSsh92Defaults.CIPHERS.size(), ciphers.size()));
        assertEquals(List.of("umac-128-etm@openssh.com", "hmac-sha2-256-etm@openssh.com", "hmac-sha2-512-etm@openssh.com",
                "umac-128@openssh.com", "hmac-sha2-256", "hmac-sha2-512"), get(s, "macs").values());
        assertEquals("diffie-hellman-group14-sha1", get(s, "kexalgorithms").values().get(0));
        assertEquals(List.of("ssh-ed25519", "rsa-sha2-512"), get(s, "hostkeyalgorithms").values());
        assertFalse(get(s, "hostkeyalgorithms").isDefault());
    }

    @Test
    void timeValuesInSeconds() throws Exception {
        assertEquals("90", get(resolve("LoginGraceTime 1m30s\n", MatchContext.none()), "logingracetime").value());
        assertEquals("7200", get(resolve("ClientAliveInterval 2h\n", MatchContext.none()), "clientaliveinterval").value());
        assertEquals("120", get(resolve("", MatchContext.none()), "logingracetime").value());
    }

    @Test
    void oneKeywordResolvesAsTheWholeConfiguration() throws Exception {
        String text = "PasswordAuthentication no\nPort 22\nPort 2222\nAcceptEnv LANG\n"
                + "Match User alice,!bob Address 10.0.0.0/8\n  PasswordAuthentication yes\n  AcceptEnv LC_*\n"
                + "Match User alice\n  PasswordAuthentication no\n  PermitRootLogin yes\n"
                + "Match all\n  PermitEmptyPasswords yes\n  Banner /etc/issue\n"
                + "Match Host *.example.org\n  KbdInteractiveAuthentication yes\n  Ciphers aes128-ctr\n";
        SshdConfig c = SshdConfigParser.parse(MAIN, new MapSource().put(MAIN, text));
        List<MatchContext> contexts = List.of(MatchContext.none(), MatchContext.of("alice", "a.example.org", "10.1.2.3"),
                MatchContext.of("alice", "x", "192.0.2.1"), MatchContext.of("bob", "b.example.org", "10.0.0.1"));
        for (MatchContext ctx : contexts) {
            SshdSettings whole = SshdConfigResolver.resolve(c, ctx);
            for (String k : List.of("passwordauthentication", "permitrootlogin", "permitemptypasswords", "acceptenv",
                    "port", "banner", "kbdinteractiveauthentication", "ciphers", "logingracetime", "listenaddress")) {
                assertEquals(whole.get(k), SshdConfigResolver.resolve(c, ctx, k), k + " for " + ctx.testSpec());
            }
        }
        assertEquals("yes", SshdConfigResolver.resolve(c, MatchContext.of("alice", "x", "10.1.2.3"), "passwordauthentication")
                .orElseThrow().value(), "the first Match block that applies wins");
    }
}
