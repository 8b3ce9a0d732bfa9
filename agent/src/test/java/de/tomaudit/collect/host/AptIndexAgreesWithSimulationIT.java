package de.tomaudit.collect.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import de.tomaudit.facts.FactSet;
import de.tomaudit.parse.apt.AptSimulationParser;
import de.tomaudit.parse.apt.PendingUpdate;
import de.tomaudit.target.CommandCatalog;
import de.tomaudit.target.Limits;
import de.tomaudit.target.LocalTarget;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * On this machine: the pending security updates read from the security indexes are the ones
 * apt's own simulation lists (which the collector no longer runs where the indexes are readable).
 */
class AptIndexAgreesWithSimulationIT {

    @Test
    void indexesAndSimulationNameTheSamePackages() throws Exception {
        LocalTarget local = new LocalTarget(Limits.DEFAULT);
        assumeTrue(local.exists("/usr/bin/apt-get"), "not a Debian or Ubuntu machine");
        FactSet.Builder b = FactSet.builder();
        new AptCollector().collect(local, b);
        FactSet f = b.build();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> pending = (List<Map<String, Object>>) f.get("apt.security_pending").orElseThrow().value();
        // the collector took its answer from the indexes, not from running the simulation itself
        assertTrue(f.get("apt.security_pending").orElseThrow().evidence().stream()
                .allMatch(e -> e.source().replaceFirst("^decompressed: ", "").startsWith("/var/lib/apt/lists/")),
                f.get("apt.security_pending").toString());
        TreeSet<String> fromIndexes = new TreeSet<>();
        pending.forEach(p -> fromIndexes.add((String) p.get("package")));

        var sim = local.run(CommandCatalog.command("apt-simulate-upgrade"));
        TreeSet<String> fromApt = new TreeSet<>();
        for (PendingUpdate u : AptSimulationParser.parse("apt-get -s", sim.stdout()).security()) {
            fromApt.add(u.pkg());
        }
        assertEquals(fromApt, fromIndexes);
    }
}
