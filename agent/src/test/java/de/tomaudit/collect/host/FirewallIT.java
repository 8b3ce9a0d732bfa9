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

    @Test
    void thisMachinesFirewallIsReadWithoutError() {
        FactSet.Builder b = FactSet.builder();
        new FirewallCollector().collect(new LocalTarget(Limits.DEFAULT), b);
        FactSet f = b.build();
        assertTrue(f.get("firewall.active").isPresent(), () -> String.valueOf(f.whyMissing("firewall.active")));
        assertTrue(f.get("firewall.source").orElseThrow().value().toString().startsWith("command: ")
                || !new LocalTarget(Limits.DEFAULT).canRunCommands());
    }
}
