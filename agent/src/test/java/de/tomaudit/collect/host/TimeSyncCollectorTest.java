package de.tomaudit.collect.host;

import de.tomaudit.testsupport.CannedTarget;

import static de.tomaudit.collect.host.HostFixtures.resource;
import static de.tomaudit.collect.host.HostFixtures.symlink;
import static de.tomaudit.collect.host.HostFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Unavailable;
import de.tomaudit.target.DirTarget;
import de.tomaudit.target.Limits;
import de.tomaudit.target.Target;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimeSyncCollectorTest {

    @TempDir Path root;

    private FactSet collect(Target t) {
        FactSet.Builder b = FactSet.builder();
        new TimeSyncCollector().collect(t, b);
        return b.build();
    }

    private static Object v(FactSet f, String key) {
        return f.get(key).orElseThrow(() -> new AssertionError(key + ": " + f.whyMissing(key))).value();
    }

    /** Debian 12's own link: sysinit.target.wants/systemd-timesyncd.service. */
    private void timesyncdEnabled() {
        write(root, "/lib/systemd/system/systemd-timesyncd.service", "[Unit]\nDescription=Network Time Synchronization\n");
        symlink(root, "/etc/systemd/system/sysinit.target.wants/systemd-timesyncd.service",
                "/lib/systemd/system/systemd-timesyncd.service");
    }

    @Test
    void runningDaemonsFromPs() {
        FactSet f = collect(new CannedTarget(root).answer("processes", resource("processes/ps-services-crafted.txt")));
        assertEquals(true, v(f, "timesync.active"));
        assertEquals(List.of("chronyd", "systemd-timesyncd"), v(f, "timesync.daemons"));
        assertEquals("processes", v(f, "timesync.method"));
    }

    @Test
    void thisBuildMachineRunsNoTimeDaemon() {
        timesyncdEnabled();
        FactSet f = collect(new CannedTarget(root).answer("processes", resource("processes/ps-debian12-real.txt")));
        assertEquals(false, v(f, "timesync.active"), "enabled but not running (no systemd here) is not active");
    }

    @Test
    void dirTargetFallsBackToEnabledServices() {
        timesyncdEnabled();
        FactSet f = collect(new DirTarget(root, Limits.DEFAULT));
        assertEquals(true, v(f, "timesync.active"));
        assertEquals(List.of("systemd-timesyncd"), v(f, "timesync.daemons"));
        assertEquals("enabled-services", v(f, "timesync.method"));
        assertEquals("/etc/systemd/system/sysinit.target.wants/systemd-timesyncd.service",
                f.get("timesync.active").orElseThrow().evidence().get(0).source());
    }

    @Test
    void maskedServiceDoesNotCount() {
        timesyncdEnabled();
        symlink(root, "/etc/systemd/system/systemd-timesyncd.service", "/dev/null");
        assertEquals(false, v(collect(new DirTarget(root, Limits.DEFAULT)), "timesync.active"));
    }

    @Test
    void sysvStartLink() {
        write(root, "/etc/init.d/chrony", "#!/bin/sh\n");
        symlink(root, "/etc/rc2.d/S01chrony", "../init.d/chrony");
        FactSet f = collect(new DirTarget(root, Limits.DEFAULT));
        assertEquals(List.of("chronyd"), v(f, "timesync.daemons"));
    }

    @Test
    void nothingEnabledOnADirTargetIsFalse() {
        HostFixtures.mkdir(root, "/etc/systemd/system/multi-user.target.wants");
        assertEquals(false, v(collect(new DirTarget(root, Limits.DEFAULT)), "timesync.active"));
    }

    @Test
    void aDirTargetWithoutInitConfigurationCannotTell() {
        HostFixtures.write(root, "/etc/ssh/sshd_config", "Port 22\n");
        assertEquals(Unavailable.Kind.NOT_APPLICABLE, collect(new DirTarget(root, Limits.DEFAULT)).whyMissing("timesync.active").orElseThrow().kind());
    }

    @Test
    void psBrokenAndNothingEnabledIsAnError() {
        FactSet f = collect(new CannedTarget(root).answer("processes", 1, "", "ps: garbage\n"));
        assertEquals(Unavailable.Kind.ERROR, f.whyMissing("timesync.active").orElseThrow().kind());
    }

    @Test
    void psBrokenButAServiceEnabled() {
        timesyncdEnabled();
        FactSet f = collect(new CannedTarget(root).answer("processes", 1, "", "ps: garbage\n"));
        assertEquals(true, v(f, "timesync.active"));
        assertEquals("enabled-services", v(f, "timesync.method"));
    }
}
