package de.tomaudit.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.audit.TargetSpec;
import de.tomaudit.testsupport.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryLoaderTest {
    @TempDir Path tmp;

    private static final String HOME = System.getProperty("user.home");

    private static Path example(String name) {
        return TestPaths.repo().resolve("examples/inventory").resolve(name);
    }

    private static FleetTarget byName(List<FleetTarget> targets, String name) {
        return targets.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no " + name));
    }

    @Test
    void tomauditsOwnFormatWithDefaultsKindsSudoTagsAndVariables() throws Exception {
        List<FleetTarget> all = InventoryLoader.load(example("tomaudit.yaml"));
        assertEquals(List.of("social", "chat", "meet", "archive", "image", "this-machine"), all.stream().map(FleetTarget::name).toList());
        FleetTarget social = all.get(0);
        assertEquals(TargetSpec.Type.SSH, social.spec().type());
        assertEquals(Optional.of("audit"), social.spec().user());
        assertEquals("social.example.org", social.spec().host());
        assertEquals(22, social.spec().port());
        assertEquals(Set.of("mastodon", "host"), social.kinds());
        assertEquals(Optional.of(true), social.sudo());
        assertEquals(List.of("managed", "prod", "fediverse"), social.tags());
        assertEquals(Map.of("owner", "Beispielverein e.V.", "contact", "admin@example.org"), social.variables());
        assertEquals(Optional.of(HOME + "/.ssh/tomaudit_ed25519"), social.identity(), "defaults apply, ~ is the home directory");
        assertTrue(social.source().endsWith("tomaudit.yaml:8"), social.source());
        FleetTarget chat = byName(all, "chat");
        assertEquals(2222, chat.spec().port());
        assertEquals(Optional.of(false), chat.sudo());
        assertEquals(Optional.of(HOME + "/.ssh/meet_ed25519"), byName(all, "meet").identity(), "a target's own value wins");
        assertEquals(TargetSpec.Type.BUNDLE, byName(all, "archive").spec().type());
        assertEquals(TargetSpec.Type.DIR, byName(all, "image").spec().type());
        assertEquals(TargetSpec.Type.LOCAL, byName(all, "this-machine").spec().type());
        assertEquals(Set.of(), byName(all, "image").kinds());
    }

    @Test
    void ansibleIniWithGroupsChildrenVarsRangesPortsAndPrecedence() throws Exception {
        List<FleetTarget> all = InventoryLoader.load(example("ansible-hosts.ini"));
        assertEquals(List.of("mail.example.org", "social.example.org", "chat.example.org", "xmpp01.example.org",
                "xmpp02.example.org", "xmpp03.example.org"), all.stream().map(FleetTarget::name).toList());
        FleetTarget mail = all.get(0);
        assertEquals("ssh://mail.example.org", mail.spec().text(), "no port: ~/.ssh/config or 22 decides");
        assertEquals(List.of(), mail.tags(), "ungrouped");
        assertEquals(Optional.empty(), mail.identity());
        FleetTarget social = byName(all, "social.example.org");
        assertEquals("ssh://audit@social.example.org", social.spec().text());
        assertEquals(Optional.of(true), social.sudo());
        assertEquals(Set.of("mastodon", "host"), social.kinds());
        assertEquals(List.of("fediverse", "prod"), social.tags());
        assertEquals(Optional.of(HOME + "/.ssh/tomaudit_ed25519"), social.identity(), "from [prod:vars] through children");
        FleetTarget chat = byName(all, "chat.example.org");
        assertEquals("ssh://audit@chat.example.org:2222", chat.spec().text(), "the host's own port beats [xmpp:vars]");
        assertEquals(Set.of("prosody"), chat.kinds());
        FleetTarget x2 = byName(all, "xmpp02.example.org");
        assertEquals("ssh://audit@192.0.2.10:5022", x2.spec().text(), "ansible_host and the group's ansible_port");
        assertTrue(x2.source().endsWith("ansible-hosts.ini:11"), x2.source());
    }

    @Test
    void ansibleYamlGivesTheSameTargetsAsTheSameInventoryInIni() throws Exception {
        List<FleetTarget> ini = InventoryLoader.load(example("ansible-hosts.ini"));
        List<FleetTarget> yaml = InventoryLoader.load(example("ansible-hosts.yaml"));
        assertEquals(ini.size(), yaml.size());
        for (int i = 0; i < ini.size(); i++) {
            FleetTarget a = ini.get(i);
            FleetTarget b = yaml.get(i);
            assertEquals(a.name(), b.name());
            assertEquals(a.spec(), b.spec(), a.name());
            assertEquals(a.kinds(), b.kinds(), a.name());
            assertEquals(a.sudo(), b.sudo(), a.name());
            assertEquals(a.identity(), b.identity(), a.name());
            assertEquals(a.tags(), b.tags(), a.name());
            assertEquals(a.variables(), b.variables(), a.name());
        }
    }

    @Test
    void innerGroupVariablesWinOverOuterOnesAndHostVariablesOverBoth() throws Exception {
        Path inv = write("hosts", """
                [web]
                w1 ansible_user=hostuser site="a b" # a comment
                w2
                [web:vars]
                ansible_user=webuser
                site = 'web site'
                [all:vars]
                ansible_user=alluser
                site=all
                ansible_connection=ssh
                [dc:children]
                web
                [dc:vars]
                site=dc
                ansible_port=2200
                [local]
                here ansible_connection=local
                """);
        List<FleetTarget> all = InventoryLoader.load(inv);
        assertEquals("ssh://hostuser@w1:2200", all.get(0).spec().text());
        assertEquals(Map.of("site", "a b"), all.get(0).variables());
        assertEquals("ssh://webuser@w2:2200", all.get(1).spec().text());
        assertEquals(Map.of("site", "web site"), all.get(1).variables());
        assertEquals(List.of("dc", "web"), all.get(1).tags());
        assertEquals(TargetSpec.Type.LOCAL, all.get(2).spec().type());
    }

    @Test
    void hostRangesExpandLikeAnsibles() {
        assertEquals(List.of("www01.x", "www02.x", "www03.x"), HostPattern.parse("www[01:03].x").hosts());
        assertEquals(List.of("db-a", "db-b", "db-c"), HostPattern.parse("db-[a:c]").hosts());
        assertEquals(List.of("n0", "n5", "n10"), HostPattern.parse("n[0:10:5]").hosts());
        assertEquals(List.of("a1b1", "a1b2", "a2b1", "a2b2"), HostPattern.parse("a[1:2]b[1:2]").hosts());
        assertEquals(Optional.of(2222), HostPattern.parse("h[1:2]:2222").port());
        assertEquals(List.of("2001:db8::1"), HostPattern.parse("[2001:db8::1]:22").hosts());
        assertEquals(List.of("2001:db8::1"), HostPattern.parse("2001:db8::1").hosts());
        assertEquals(Optional.empty(), HostPattern.parse("2001:db8::1").port());
        for (String bad : List.of("h[5:1]", "h[1:]", "h[a:5]", "h[1:3", "host:", "h[0:99999999]", "h:70000")) {
            assertThrows(IllegalArgumentException.class, () -> HostPattern.parse(bad), bad);
        }
    }

    @Test
    void malformedInventoriesNameFileAndLine() throws Exception {
        assertError("a.ini", "[web]\nhost1\n[web:kids]\nx\n", ":3: section [web:kids] has unknown type");
        assertError("b.ini", "[web servers]\nhost1\n", ":1: invalid section");
        assertError("c.ini", "[web]\nhost1 ansible_port\n", ":2: expected key=value after the host name");
        assertError("d.ini", "[web]\nhost1 note=\"open\n", ":2: host line");
        assertError("e.ini", "[web]\nh1\n[db:vars]\nx=1\n", ":3: section [db:vars] is for a group declared nowhere");
        assertError("f.ini", "[web]\nh1\n[prod:children]\nweb\nmissing\n", ":5: section [prod:children] names group 'missing'");
        assertError("g.ini", "[a:children]\nb\n[b:children]\na\n[a]\nh1\n", "is its own ancestor");
        assertError("h.ini", "[web]\nh[9:1]\n", ":2: host range start is after its end");
        assertError("i.ini", "[web]\nh1 ansible_port=ssh\n", ":2: host h1: ansible_port 'ssh' is not a port number");
        assertError("j.ini", "[web]\nh1 ansible_connection=winrm\n", "ansible_connection=winrm is not supported");
        assertError("k.ini", "[web]\nh1 tomaudit_kinds=nextcloud\n", "unknown kind in tomaudit_kinds");
        assertError("l.yaml", "targets:\n  - name: a\n    adress: ssh://x@y\n", ":3: unknown key (known: address,");
        assertError("m.yaml", "targets:\n  - name: a\n", ":2: target without an address");
        assertError("n.yaml", "targets:\n  - address: ftp://x\n", ":2: unknown target 'ftp://x'");
        assertError("o.yaml", "targets:\n  - address: local\n  - address: local\n", ":3: target name 'local' is used twice (first at line 2)");
        assertError("p.yaml", "targets:\n  - address: local\n    kinds: [wordpress]\n", ":3: unknown kind (known: ");
        assertError("q.yaml", "targets:\n  - address: local\n    sudo: yes\n", ":3: sudo must be true or false");
        assertError("r.yaml", "targets: []\n", ":1: the inventory lists no targets");
        assertError("s.yaml", "targets:\n  - address: local\n   name: x\n", ":3: not valid YAML");
        assertError("t.yaml", "all:\n  hosts:\n    - h1\n    - h2\n", ":3: hosts of group 'all' must be a mapping");
        assertError("u.yaml", "targets:\n  - address: local\nextra: 1\n", ":3: unknown key (known: targets, defaults)");
        assertError("v.yaml", "- just\n- a list\n", ":1: expected 'targets:'");
        assertError("w.ini", "", "the inventory is empty");
        assertError("x.ini", "# only comments\n", "names no hosts");
    }

    @Test
    void unreadableInputIsAnErrorNotACrash() throws Exception {
        InventoryException missing = assertThrows(InventoryException.class, () -> InventoryLoader.load(tmp.resolve("nope.yaml")));
        assertTrue(missing.getMessage().endsWith("nope.yaml: does not exist"), missing.getMessage());
        Path bin = Files.write(tmp.resolve("bin.ini"), new byte[] {'[', 'a', ']', '\n', 0, 1, 2});
        assertTrue(assertThrows(InventoryException.class, () -> InventoryLoader.load(bin)).getMessage().contains("binary"));
        Path latin = Files.write(tmp.resolve("latin.ini"), new byte[] {'h', (byte) 0xe4, '\n'});
        assertTrue(assertThrows(InventoryException.class, () -> InventoryLoader.load(latin)).getMessage().contains("not UTF-8"));
        assertTrue(assertThrows(InventoryException.class, () -> InventoryLoader.load(tmp)).getMessage().contains("is a directory"));
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(tmp.resolve(name), text);
    }

    private void assertError(String name, String text, String contains) throws Exception {
        Path p = write(name, text);
        InventoryException e = assertThrows(InventoryException.class, () -> InventoryLoader.load(p), name);
        assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(contains), name + ": " + e.getMessage());
    }
}
