package de.tomaudit.collect.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.collect.Collector;
import de.tomaudit.collect.PlannedAccess;
import de.tomaudit.facts.Fact;
import de.tomaudit.facts.FactSet;
import de.tomaudit.target.CommandCatalog;
import de.tomaudit.target.Limits;
import de.tomaudit.target.LocalTarget;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The host collectors of this slice against the live machine the build runs on (Debian 12): real
 * ps, apt-get -s, uname, /proc/mounts and /sys. Checks shape and cross-checks with what the JVM
 * itself knows, not values that differ between machines.
 */
class HostSysIT {

    private static FactSet facts;
    private static final List<Collector> COLLECTORS = List.of(new ProcessesCollector(), new AptCollector(),
            new RebootCollector(), new BackupCollector(), new TimeSyncCollector(), new DiskCollector(), new SecretFilesCollector());

    @BeforeAll
    static void collect() {
        FactSet.Builder b = FactSet.builder();
        try (LocalTarget t = new LocalTarget(Limits.DEFAULT)) {
            for (Collector c : COLLECTORS) {
                c.collect(t, b);
            }
        }
        facts = b.build();
    }

    private static Fact fact(String key) {
        return facts.get(key).orElseThrow(() -> new AssertionError(key + ": " + facts.whyMissing(key)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void thisJvmIsInTheProcessList() {
        List<Map<String, Object>> procs = (List<Map<String, Object>>) fact(ProcessesCollector.KEY).value();
        String pid = String.valueOf(ProcessHandle.current().pid());
        assertTrue(procs.size() > 5);
        assertTrue(procs.stream().anyMatch(p -> p.get("comm").equals("java") && ((String) p.get("args")).contains("java")),
                "pid " + pid + " (java) missing");
        assertTrue(procs.stream().allMatch(p -> p.keySet().equals(java.util.Set.of("user", "comm", "args"))));
    }

    @Test
    void runningKernelIsWhatTheJvmSees() {
        assertEquals(System.getProperty("os.version"), fact("reboot.running_kernel").value());
        assertTrue(fact("reboot.pending").value() instanceof Boolean);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aptFactsFromThisMachine() {
        assertEquals(true, fact("apt.present").value());
        List<Map<String, Object>> pending = (List<Map<String, Object>>) fact("apt.security_pending").value();
        pending.forEach(p -> assertEquals(java.util.Set.of("package", "current", "candidate", "origin"), p.keySet()));
        // read from the security indexes (AptIndexAgreesWithSimulationIT compares with apt-get -s)
        pending.forEach(p -> assertTrue(((String) p.get("origin")).contains("security"), p.toString()));
        assertTrue(fact("apt.lists_age_days").value() instanceof Long);
        assertTrue(fact("apt.last_unattended_run_days").value() instanceof Long);
    }

    /** Whether dpkg has the package installed, asked apart from the collectors (its status line). */
    private static boolean dpkgInstalled(String pkg) throws Exception {
        Process p = new ProcessBuilder("dpkg-query", "-W", "-f=${Status}", pkg).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        return out.contains("ok installed");
    }

    @Test
    void unattendedUpgradesAsInstalledOrNot() throws Exception {
        boolean installed = dpkgInstalled("unattended-upgrades");
        assertEquals(installed, fact("apt.unattended_upgrades_installed").value(), "dpkg says installed=" + installed);
        if (!installed) {
            assertTrue(fact("apt.unattended_upgrades_installed").evidence().toString().contains("not installed"));
        }
    }

    @Test
    void journaldAsInstalledOrNot() {
        FactSet.Builder b = FactSet.builder();
        try (LocalTarget t = new LocalTarget(Limits.DEFAULT)) {
            new JournaldCollector().collect(t, b);
        }
        FactSet j = b.build();
        boolean installed = JournaldCollector.BINARIES.stream().anyMatch(f -> java.nio.file.Files.exists(java.nio.file.Path.of(f)));
        assertEquals(installed, j.get("journald.installed").orElseThrow().value());
        if (installed) {
            assertTrue(j.get("journald.max_retention_sec").isPresent(), () -> String.valueOf(j.whyMissing("journald.max_retention_sec")));
        } else {
            assertTrue(j.whyMissing("journald").toString().contains("not installed"), () -> String.valueOf(j.whyMissing("journald")));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void rootFileSystemIsListed() {
        List<Map<String, Object>> mounts = (List<Map<String, Object>>) fact("disk.mounts").value();
        assertTrue(mounts.stream().anyMatch(m -> m.get("mountpoint").equals("/")), mounts.toString());
        assertTrue(fact("disk.all_data_encrypted").value() instanceof Boolean);
    }

    @Test
    void everyOtherFactIsKnown() {
        for (String key : List.of("timesync.active", "timesync.method", BackupCollector.KEY, SecretFilesCollector.KEY)) {
            fact(key);
        }
        assertEquals("processes", fact("timesync.method").value());
    }

    @Test
    void plansOnlyNameAllowListedCommands() {
        List<String> allowed = CommandCatalog.all().stream().map(s -> String.join(" ", s.template())).toList();
        for (Collector c : COLLECTORS) {
            List<PlannedAccess> plan = c.plan();
            assertFalse(plan.isEmpty(), c.id());
            plan.stream().filter(p -> p.type() == PlannedAccess.Type.RUN)
                    .forEach(p -> assertTrue(allowed.contains(p.what()), p.what()));
        }
    }
}
