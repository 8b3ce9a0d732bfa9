package de.tomaudit.collect.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import de.tomaudit.facts.FactSet;
import de.tomaudit.parse.firewall.FwRuleset;
import de.tomaudit.parse.firewall.NftParser;
import de.tomaudit.target.Limits;
import de.tomaudit.target.LocalTarget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The firewall parsers and collector against the real tools of this machine (read-only). */
class FirewallIT {

    @Test
    void liveNftOutputOfTheServerRulesetInAFreshNamespace() throws Exception {
        Path rules = Path.of(getClass().getResource("/de/tomaudit/capture/nft-server.nft").toURI());
        Process p;
        try {
            p = new ProcessBuilder("unshare", "-n", "sh", "-c", "nft -f \"$1\" && nft list ruleset", "sh", rules.toString())
                    .redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "unshare not available: " + e.getMessage());
            return;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assumeTrue(p.exitValue() == 0, "no network namespace or nft here: " + out);
        FwRuleset rs = NftParser.parseOutput(out, "nft list ruleset");
        assertTrue(rs.problems().isEmpty(), rs.problems().toString());
        var result = FirewallInputAnalysis.of(rs);
        assertTrue(result.active());
        assertEquals("drop", result.policy());
        assertTrue(result.open().stream().anyMatch(o -> o.port().equals("7443")), "the jumped-to chain");
        assertEquals(Captures.capture("nft-ruleset-server.txt"), out, "the committed capture is what nft prints");
    }

    /** Whether a packet-filter tool is installed here, looked up apart from the collector. */
    private static boolean installed(String tool) {
        return java.util.stream.Stream.of("/usr/sbin/", "/sbin/", "/usr/bin/", "/bin/")
                .anyMatch(d -> java.nio.file.Files.isExecutable(Path.of(d + tool)));
    }

    @Test
    void thisMachinesFirewallIsReadAsItIs() {
        FactSet.Builder b = FactSet.builder();
        LocalTarget local = new LocalTarget(Limits.DEFAULT);
        new FirewallCollector().collect(local, b);
        FactSet f = b.build();
        List<String> tools = List.of("ufw", "nft", "iptables-save", "ip6tables-save").stream()
                .filter(FirewallIT::installed).toList();
        if (tools.isEmpty() || !local.canRunCommands()) {
            // nothing to ask: the answer comes from the boot configuration, and says what was missing
            assertTrue(f.get("firewall.active").isPresent(), () -> String.valueOf(f.whyMissing("firewall.active")));
            assertTrue(f.get("firewall.source").orElseThrow().value().toString().startsWith("file"),
                    f.get("firewall.source").orElseThrow().toString());
            if (tools.isEmpty()) {
                assertEquals("none", f.get("firewall.backend").orElseThrow().value(), "no tool installed and none configured");
                assertEquals(false, f.get("firewall.active").orElseThrow().value());
                String why = f.get("firewall.active").orElseThrow().evidence().toString();
                assertTrue(why.contains("not installed") || why.contains("not found"), why);
            }
            return;
        }
        // a tool is installed: its live ruleset is read (as root), or the audit says why it could not be
        if (f.get("firewall.active").isPresent()) {
            assertTrue(f.get("firewall.source").orElseThrow().value().toString().startsWith("command: ")
                    || f.get("firewall.source").orElseThrow().value().toString().startsWith("file"), f.toString());
        } else {
            assertTrue(f.whyMissing("firewall.active").toString().contains("--sudo"), f.whyMissing("firewall.active").toString());
        }
    }
}
