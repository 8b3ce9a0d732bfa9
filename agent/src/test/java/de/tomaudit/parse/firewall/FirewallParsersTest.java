package de.tomaudit.parse.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FirewallParsersTest {

    static String capture(String name) throws Exception {
        return Files.readString(Path.of(FirewallParsersTest.class.getResource("/de/tomaudit/capture/" + name).toURI()));
    }

    @Test
    void nftServerRuleset() throws Exception {
        FwRuleset rs = NftParser.parseOutput(capture("nft-ruleset-server.txt"), "nft list ruleset");
        assertTrue(rs.problems().isEmpty(), rs.problems().toString());
        assertEquals(4, rs.chains().size());
        FwChain input = rs.inputFilters().get(0);
        assertEquals("inet", input.family());
        assertEquals(Optional.of("drop"), input.policy());
        assertEquals("nft list ruleset:7", input.origin());
        List<FwRule> r = input.rules();
        assertEquals(11, r.size());
        assertTrue(r.get(0).otherMatches(), "ct state established,related");
        assertEquals("lo", r.get(2).inInterface());
        assertEquals(List.of("22"), r.get(4).dports());
        assertEquals("tcp", r.get(4).proto());
        assertEquals(List.of("80", "443"), r.get(5).dports(), "@web_ports resolved from the table's set");
        assertEquals(List.of("5222", "5269"), r.get(6).dports());
        assertEquals("udp", r.get(7).proto());
        assertEquals(List.of("49152-65535"), r.get(8).dports());
        assertEquals("10.0.0.0/8", r.get(9).saddr());
        assertEquals("jump", r.get(10).verdict());
        assertEquals("extra", r.get(10).jumpTarget());
        assertEquals("nft list ruleset:13", r.get(4).origin());
        assertTrue(rs.chain("inet", "filter", "extra").orElseThrow().hook().isEmpty());
    }

    @Test
    void nftDebianDefaultAndEmptyAndIptablesNft() throws Exception {
        FwRuleset deb = NftParser.parseOutput(capture("nft-ruleset-debian-default.txt"), "nft");
        assertEquals(Optional.of("accept"), deb.inputFilters().get(0).policy());
        assertTrue(deb.inputFilters().get(0).rules().isEmpty());
        FwRuleset empty = NftParser.parseOutput(capture("nft-ruleset-empty.txt"), "nft");
        assertTrue(empty.chains().isEmpty() && empty.problems().isEmpty());
        FwRuleset ipt = NftParser.parseOutput(capture("nft-ruleset-iptables-nft.txt"), "nft");
        assertTrue(ipt.problems().isEmpty(), ipt.problems().toString());
        assertEquals(2, ipt.inputFilters().size());
        FwChain v6 = ipt.chain("ip6", "filter", "INPUT").orElseThrow();
        FwRule last = v6.rules().get(v6.rules().size() - 1);
        assertTrue(last.catchAll() && last.isDropOrReject(), "counter packets 0 bytes 0 reject");
        assertEquals(List.of("80", "443"), ipt.chain("ip", "filter", "INPUT").orElseThrow().rules().get(4).dports());
    }

    @Test
    void nftConfigFilesWithDefinesIncludesAndOneLineChains() throws Exception {
        FwRuleset own = NftParser.parseFile("/etc/nftables.conf", capture("nft-server.nft"), p -> List.of());
        assertTrue(own.problems().isEmpty(), own.problems().toString());
        assertEquals("10.0.0.0/8", own.inputFilters().get(0).rules().get(9).saddr(), "$mgmt substituted");
        FwRuleset deb = NftParser.parseFile("/etc/nftables.conf", capture("nftables-debian12.conf"), p -> List.of());
        assertTrue(deb.problems().isEmpty(), deb.problems().toString());
        assertTrue(deb.inputFilters().get(0).policy().isEmpty());

        String main = "include \"/etc/nftables.d/*.nft\"\n"
                + "table inet f { chain input { type filter hook input priority 0; policy drop; }\n}\n"
                + "add rule inet f input tcp dport { 22,\n   443 } ct state new accept\n"
                + "add chain inet f extra\n"
                + "bogus statement here\n";
        FwRuleset rs = NftParser.parseFile("/etc/nftables.conf", main,
                p -> List.of(new NftParser.Includes.Included("/etc/nftables.d/a.nft", "define x = 1\n")));
        FwChain in = rs.inputFilters().get(0);
        assertEquals(Optional.of("drop"), in.policy());
        assertEquals(List.of("22", "443"), in.rules().get(0).dports());
        assertFalse(in.rules().get(0).otherMatches(), "ct state new keeps the port open");
        assertEquals("/etc/nftables.conf:4", in.rules().get(0).origin());
        assertEquals(1, rs.problems().size());
        assertEquals("/etc/nftables.conf:7", rs.problems().get(0).origin());

        FwRuleset loop = NftParser.parseFile("/a", "include \"/a\"\n",
                p -> List.of(new NftParser.Includes.Included("/a", "include \"/a\"\n")));
        assertTrue(loop.problems().get(0).message().contains("loop"));
    }

    @Test
    void iptablesSaveServerAndUfw() throws Exception {
        FwRuleset v4 = IptablesSaveParser.parse(capture("iptables-save-server.txt"), "ip", "iptables-save");
        assertTrue(v4.problems().isEmpty(), v4.problems().toString());
        FwChain in = v4.inputFilters().get(0);
        assertEquals(Optional.of("drop"), in.policy());
        assertEquals(8, in.rules().size());
        assertEquals(List.of("80", "443"), in.rules().get(4).dports());
        assertEquals("10.0.0.0/8", in.rules().get(5).saddr());
        assertEquals(List.of("16384-32768"), in.rules().get(7).dports());
        assertTrue(in.rules().get(1).otherMatches());
        assertEquals("iptables-save:6", in.rules().get(0).origin());

        FwRuleset ufw = IptablesSaveParser.parse(capture("iptables-save-ufw.txt"), "ip", "iptables-save");
        assertTrue(ufw.problems().isEmpty(), ufw.problems().toString());
        assertEquals("jump", ufw.inputFilters().get(0).rules().get(0).verdict());
        FwRuleset user = IptablesSaveParser.parse(capture("ufw-etc/user.rules"), "ip", "/etc/ufw/user.rules");
        assertTrue(user.problems().isEmpty(), user.problems().toString());
        assertEquals(List.of("5432"), user.chain("ip", "filter", "ufw-user-input").orElseThrow().rules().get(3).dports());
        assertEquals(0, IptablesSaveParser.parse(capture("iptables-save-empty.txt"), "ip", "x").chains().size());
    }

    @Test
    void ufwStatus() throws Exception {
        UfwStatus on = UfwStatusParser.parse(capture("ufw-status-active.txt"), "ufw status verbose");
        assertTrue(on.active());
        assertEquals(Optional.of("deny"), on.incomingPolicy());
        assertEquals(5, on.rules().size());
        assertEquals("5432/tcp", on.rules().get(2).to());
        assertEquals("10.0.0.0/8", on.rules().get(2).from());
        assertTrue(on.rules().get(3).v6());
        assertEquals("ufw status verbose:8", on.rules().get(0).origin());
        UfwStatus off = UfwStatusParser.parse(capture("ufw-status-inactive.txt"), "ufw");
        assertFalse(off.active());
        assertTrue(off.problems().isEmpty());
        assertFalse(UfwStatusParser.parse("garbage\n", "ufw").problems().isEmpty());
    }

    @Test
    void garbageNeverThrows() {
        FwRuleset nft = NftParser.parseOutput("}}}\n{{{\n\u0000\u0001 table\nchain x {\n", "nft");
        assertTrue(nft.chains().isEmpty());
        assertFalse(nft.problems().isEmpty());
        FwRuleset ipt = IptablesSaveParser.parse("-A INPUT -j ACCEPT\n*filter\nrandom words\n:INPUT\n-A\n", "ip", "x");
        assertEquals(3, ipt.problems().size(), ipt.problems().toString());
    }
}
