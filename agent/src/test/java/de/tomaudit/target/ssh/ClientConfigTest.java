package de.tomaudit.target.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ~/.ssh/config: aliases, first value wins, tokens, explicit user and port, ProxyJump hops. */
class ClientConfigTest {
    @TempDir Path home;

    private SshOptions options(String config) throws Exception {
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/config"), config);
        return SshOptions.fromEnvironment(Map.of("HOME", home.toString()));
    }

    private static final String CONFIG = String.join("\n",
            "Host web",
            "    HostName 192.0.2.10",
            "    User deploy",
            "    Port 2200",
            "    IdentityFile ~/.ssh/web_%r_%h",
            "    ProxyJump bastion, ops@jump2:2022",
            "    IdentitiesOnly yes",
            "Host bastion",
            "    HostName bastion.example.org",
            "    User jumper",
            "Host *.lan",
            "    HostName %h.example.net",
            "Host *",
            "    User fallback",
            "    IdentityFile %d/.ssh/common",
            "");

    @Test
    void aliasGetsHostNameUserPortKeysAndJumps() throws Exception {
        ClientConfig c = ClientConfig.load(options(CONFIG));
        ResolvedHost h = c.resolve(new SshDestination(Optional.empty(), "web", OptionalInt.empty()));
        assertEquals("192.0.2.10", h.hostName());
        assertEquals("deploy", h.user());
        assertEquals(2200, h.port());
        assertEquals(List.of(home.resolve(".ssh/web_deploy_192.0.2.10"), home.resolve(".ssh/common")), h.identityFiles());
        assertTrue(h.identitiesOnly());
        assertEquals(List.of("bastion", "ops@jump2:2022"), h.proxyJump());
        assertEquals("[192.0.2.10]:2200", h.knownHostsName());

        ResolvedHost b = c.resolveHop("bastion");
        assertEquals("jumper@bastion.example.org:22", b.display());
        ResolvedHost j = c.resolveHop("ops@jump2:2022");
        assertEquals("ops@jump2:2022", j.display());
        assertEquals("fallback", c.resolveHop("[2001:db8::1]:2201").user());
        assertEquals(2201, c.resolveHop("[2001:db8::1]:2201").port());
    }

    @Test
    void whatTheCommandLineSaysWins() throws Exception {
        ClientConfig c = ClientConfig.load(options(CONFIG));
        ResolvedHost h = c.resolve(new SshDestination(Optional.of("root"), "web", OptionalInt.of(22)));
        assertEquals("root@192.0.2.10:22", h.display());
        assertEquals("192.0.2.10", h.knownHostsName());
    }

    @Test
    void hostTokenAndDefaults() throws Exception {
        ClientConfig c = ClientConfig.load(options(CONFIG));
        ResolvedHost lan = c.resolve(new SshDestination(Optional.empty(), "printer.lan", OptionalInt.empty()));
        assertEquals("printer.lan.example.net", lan.hostName());
        assertEquals("fallback", lan.user());
        assertEquals(22, lan.port());
        assertFalse(lan.identitiesOnly());
        assertEquals(List.of(), lan.proxyJump());
    }

    @Test
    void withoutAConfigTheDestinationIsTakenAsItIs() throws Exception {
        ClientConfig c = ClientConfig.load(SshOptions.fromEnvironment(Map.of("HOME", home.toString())));
        ResolvedHost h = c.resolve(SshDestination.of("audit", "10.1.1.1", 0));
        assertEquals("audit@10.1.1.1:22", h.display());
        assertEquals(List.of(), h.identityFiles());
    }

    @Test
    void badHopsAndMissingExplicitConfigAreClearErrors() throws Exception {
        ClientConfig c = ClientConfig.load(options(CONFIG));
        SshConnectException e = assertThrows(SshConnectException.class, () -> c.resolveHop("a b@c"));
        assertTrue(e.getMessage().contains("ProxyJump hop 'a b@c'"), e.getMessage());
        SshOptions o = SshOptions.fromEnvironment(Map.of("HOME", home.toString())).withSshConfig(home.resolve("nope"));
        SshConnectException m = assertThrows(SshConnectException.class, () -> ClientConfig.load(o));
        assertTrue(m.getMessage().contains("cannot read the SSH client config"), m.getMessage());
        assertEquals("ssh", m.stage());
    }
}
