package de.tomaudit.collect.host;

import de.tomaudit.testsupport.CannedTarget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Unavailable;
import de.tomaudit.target.DirTarget;
import de.tomaudit.target.Limits;
import de.tomaudit.target.TargetException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessesCollectorTest {

    @TempDir Path root;

    private FactSet collect(de.tomaudit.target.Target t) {
        FactSet.Builder b = FactSet.builder();
        new ProcessesCollector().collect(t, b);
        return b.build();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(FactSet f) {
        return (List<Map<String, Object>>) f.get(ProcessesCollector.KEY).orElseThrow().value();
    }

    @Test
    void readsRealPsOutputOfDebian12() {
        HostFixtures.write(root, "/etc/passwd", "root:x:0:0:root:/root:/bin/bash\n"
                + "systemd-network:x:998:998:systemd Network Management:/:/usr/sbin/nologin\n"
                + "systemd-timesync:x:997:997:systemd Time Synchronization:/:/usr/sbin/nologin\n");
        FactSet f = collect(new CannedTarget(root).answer("processes", HostFixtures.resource("processes/ps-debian12-real.txt")));
        List<Map<String, Object>> procs = list(f);
        assertEquals(14, procs.size());
        assertEquals(Map.of("user", "root", "comm", "kthreadd", "args", "[kthreadd]"), procs.get(1));
        assertEquals("kworker/R-rcu_g", procs.get(3).get("comm"));
        assertEquals("[kworker/R-rcu_gp]", procs.get(3).get("args"));
        // two accounts start with "systemd": the cut name stays as ps printed it
        assertEquals("systemd+", procs.get(12).get("user"));
        assertEquals("sleep 5", procs.get(12).get("args"));
        assertEquals("command: ps -e -o user=,comm=,args=", f.get(ProcessesCollector.KEY).orElseThrow().evidence().get(0).source());
    }

    @Test
    void restoresACutUserNameWhenOnlyOneAccountFits() {
        HostFixtures.write(root, "/etc/passwd", "bigbluebutton:x:999:999::/home/bigbluebutton:/bin/false\n");
        FactSet f = collect(new CannedTarget(root).answer("processes",
                "bigblue+ java            java -jar bbb-web.jar\n"));
        assertEquals("bigbluebutton", list(f).get(0).get("user"));
    }

    @Test
    void redactsSecretsOnCommandLinesAndKeepsTheRest() {
        FactSet f = collect(new CannedTarget(root).answer("processes", HostFixtures.resource("processes/ps-services-crafted.txt")));
        List<Map<String, Object>> procs = list(f);
        String all = procs.toString() + f.get(ProcessesCollector.KEY).orElseThrow().evidence();
        for (String secret : List.of("S3cr3tPass", "hunter2", "dbpass123", "myredispass", "pw1", "tok2",
                "topsecret", "two words", "ABCDEFCOOKIE")) {
            assertFalse(all.contains(secret), secret + " leaked: " + all);
        }
        assertEquals("_chrony", procs.get(0).get("user"));
        assertEquals("systemd-timesyn", procs.get(5).get("comm"));
        assertEquals("Web Content", procs.get(14).get("comm"));
        assertEquals("/usr/lib/firefox-esr/firefox-esr -contentproc -childID 1", procs.get(14).get("args"));
        assertTrue(((String) procs.get(7).get("args")).startsWith("mysqldump -u backup -predacted (sha256:"));
        assertTrue(((String) procs.get(12).get("args")).endsWith("--password-file /etc/app/pw"), "file names of secrets stay");
        assertEquals("pg_dumpall -p 5432 -h localhost", procs.get(10).get("args"), "a port after -p is not a password");
    }

    @Test
    void notApplicableOnADirTarget() {
        FactSet f = collect(new DirTarget(root, Limits.DEFAULT));
        Unavailable u = f.whyMissing(ProcessesCollector.KEY).orElseThrow();
        assertEquals(Unavailable.Kind.NOT_APPLICABLE, u.kind());
        assertTrue(u.reason().contains("not a live system"), u.reason());
    }

    @Test
    void fallsBackToProcWhenPsIsMissing() {
        HostFixtures.write(root, "/etc/passwd", "root:x:0:0:root:/root:/bin/bash\n_chrony:x:104:110::/var/lib/chrony:/usr/sbin/nologin\n");
        HostFixtures.write(root, "/proc/1/status", "Name:\tinit\nUmask:\t0022\nState:\tS (sleeping)\nUid:\t0\t0\t0\t0\n");
        HostFixtures.write(root, "/proc/1/cmdline", "/sbin/init\0");
        HostFixtures.write(root, "/proc/812/status", "Name:\tchronyd\nUid:\t104\t104\t104\t104\n");
        HostFixtures.write(root, "/proc/2/status", "Name:\tkthreadd\nUid:\t0\t0\t0\t0\n");
        HostFixtures.write(root, "/proc/2/cmdline", "");
        HostFixtures.write(root, "/proc/self/status", "Name:\tself\n");
        FactSet f = collect(new CannedTarget(root));
        List<Map<String, Object>> procs = list(f);
        assertEquals(3, procs.size());
        assertEquals(Map.of("user", "root", "comm", "init", "args", "init"), procs.get(0));
        assertEquals(Map.of("user", "root", "comm", "kthreadd", "args", "[kthreadd]"), procs.get(1));
        assertEquals(Map.of("user", "_chrony", "comm", "chronyd", "args", "chronyd"), procs.get(2));
    }

    @Test
    void theCollectorsOfOneTargetShareOneReadingOfTheProcesses() {
        CannedTarget t = new CannedTarget(root).answer("processes", "root chronyd /usr/sbin/chronyd -F 1\n");
        FactSet processes = collect(t);
        FactSet.Builder b = FactSet.builder();
        new TimeSyncCollector().collect(t, b);
        FactSet timesync = b.build();
        assertEquals(1, t.ran().size(), "ps ran once for both collectors: " + t.ran());
        assertEquals("chronyd", list(processes).get(0).get("comm"));
        assertEquals(List.of("chronyd"), timesync.get("timesync.daemons").orElseThrow().value());
        CannedTarget failing = new CannedTarget(root).answer("processes", 1, "", "error: garbage option\n");
        collect(failing);
        FactSet.Builder fb = FactSet.builder();
        new TimeSyncCollector().collect(failing, fb);
        assertEquals(1, failing.ran().size());
        assertTrue(collect(failing).whyMissing(ProcessesCollector.KEY).isPresent(),
                "a shared failure is reported under each collector's own key");
    }

    @Test
    void psFailingIsAnError() {
        FactSet f = collect(new CannedTarget(root).answer("processes", 1, "", "error: garbage option\n"));
        Unavailable u = f.whyMissing(ProcessesCollector.KEY).orElseThrow();
        assertEquals(Unavailable.Kind.ERROR, u.kind());
        assertTrue(u.reason().contains("exited with 1: error: garbage option"), u.reason());
    }

    @Test
    void garbageOutputIsAnError() {
        FactSet f = collect(new CannedTarget(root).answer("processes", "\u0001\u0002\u0003\n\u0000\u0000"));
        assertEquals(Unavailable.Kind.ERROR, f.whyMissing(ProcessesCollector.KEY).orElseThrow().kind());
    }

    @Test
    void timeoutIsAnError() {
        FactSet f = collect(new CannedTarget(root).fail("processes", TargetException.Reason.TIMEOUT));
        assertEquals(Unavailable.Kind.ERROR, f.whyMissing(ProcessesCollector.KEY).orElseThrow().kind());
    }

    @Test
    void planNamesTheCommandAndTheFallbackFiles() {
        var plan = new ProcessesCollector().plan().stream().map(p -> p.what()).toList();
        assertTrue(plan.contains("ps -e -o user=,comm=,args="));
        assertTrue(plan.contains("/proc/*/status"));
    }
}
