package de.tomaudit.collect.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Retention;
import de.tomaudit.facts.Unavailable;
import de.tomaudit.target.DirTarget;
import de.tomaudit.target.Limits;
import de.tomaudit.testsupport.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournaldCollectorTest {

    @TempDir
    Path root;

    private static FactSet collect(Path root) {
        FactSet.Builder b = FactSet.builder();
        new JournaldCollector().collect(new DirTarget(root, Limits.DEFAULT), b);
        return b.build();
    }

    private static Object value(FactSet f, String key) {
        return f.get(key).orElseThrow(() -> new AssertionError(key + ": " + f.whyMissing(key))).value();
    }

    @Test
    void debianDefaultsKeepTheJournalInMemoryWithoutVarLogJournal() {
        FactSet f = collect(TestPaths.debianRoot());
        assertEquals(true, value(f, "journald.installed"));
        assertEquals("auto", value(f, "journald.storage"));
        assertEquals("volatile", value(f, "journald.storage_effective"));
        assertEquals(0L, value(f, "journald.max_retention_sec"));
        assertEquals(false, value(f, "journald.retention_bounded"));
        assertTrue(value(f, "journald.system_max_use").toString().startsWith("default"));
        assertTrue(f.get("journald.max_retention_sec").orElseThrow().evidence().get(0).source().startsWith("default:"));
        Retention r = f.retentions().get(0);
        assertEquals(Optional.empty(), r.period());
        assertTrue(r.isDefault());
        assertTrue(r.subject().contains("until reboot"), r.subject());
    }

    @Test
    void autoIsPersistentWhenVarLogJournalExists() throws IOException {
        HostRoots.debian12(root);
        Files.createDirectories(root.resolve("var/log/journal"));
        FactSet f = collect(root);
        assertEquals("persistent", value(f, "journald.storage_effective"));
        assertEquals(true, value(f, "journald.persistent"));
        assertEquals("/var/log/journal", f.get("journald.storage_effective").orElseThrow().evidence().get(1).source());
    }

    @Test
    void dropInsAreAppliedByFileNameAcrossDirectoriesAndEtcHidesUsrLib() {
        HostRoots.debian12(root);
        HostRoots.write(root, "/usr/lib/systemd/journald.conf.d/10-vendor.conf", "[Journal]\nStorage=persistent\nMaxRetentionSec=1year\n");
        HostRoots.write(root, "/usr/lib/systemd/journald.conf.d/60-hidden.conf", "[Journal]\nMaxRetentionSec=1y\n");
        HostRoots.write(root, "/etc/systemd/journald.conf.d/60-hidden.conf", "[Journal]\nSystemMaxUse=2G\n");
        HostRoots.write(root, "/run/systemd/journald.conf.d/50-retention.conf", "[Journal]\nMaxRetentionSec=2weeks\n");
        FactSet f = collect(root);
        assertEquals("persistent", value(f, "journald.storage"));
        assertEquals(14L * 86_400, value(f, "journald.max_retention_sec"));
        assertEquals("/run/systemd/journald.conf.d/50-retention.conf:2",
                f.get("journald.max_retention_sec").orElseThrow().evidence().get(0).source());
        assertEquals("2G", value(f, "journald.system_max_use"));
        assertEquals(2L * 1024 * 1024 * 1024, value(f, "journald.system_max_use_bytes"));
        assertEquals(List.of("/etc/systemd/journald.conf", "/usr/lib/systemd/journald.conf.d/10-vendor.conf",
                "/run/systemd/journald.conf.d/50-retention.conf", "/etc/systemd/journald.conf.d/60-hidden.conf"),
                value(f, "journald.config_files"));
        assertEquals(true, value(f, "journald.retention_bounded"));
        Retention r = f.retentions().get(0);
        assertEquals(Optional.of("P14D"), r.period());
        assertEquals("/run/systemd/journald.conf.d/50-retention.conf:2", r.source());
    }

    @Test
    void aDropInLinkedToDevNullIsMasked() {
        HostRoots.debian12(root);
        HostRoots.write(root, "/usr/lib/systemd/journald.conf.d/10-vendor.conf", "[Journal]\nStorage=none\n");
        HostRoots.symlink(root, "/etc/systemd/journald.conf.d/10-vendor.conf", "/dev/null");
        assertEquals("auto", value(collect(root), "journald.storage"));
    }

    @Test
    void storageNoneKeepsNothing() {
        HostRoots.write(root, "/etc/systemd/journald.conf", "[Journal]\nStorage=none\n");
        FactSet f = collect(root);
        assertEquals("none", value(f, "journald.storage_effective"));
        assertEquals(true, value(f, "journald.retention_bounded"));
        assertEquals(Optional.of("P0D"), f.retentions().get(0).period());
    }

    @Test
    void invalidValuesAreReportedAndTheDefaultStays() {
        HostRoots.write(root, "/etc/systemd/journald.conf", "[Journal]\nMaxRetentionSec=a while\nStorage=disk\n");
        FactSet f = collect(root);
        assertEquals(0L, value(f, "journald.max_retention_sec"));
        assertEquals("auto", value(f, "journald.storage"));
        assertEquals(2, ((List<?>) value(f, "journald.config_problems")).size());
    }

    @Test
    void nothingThereMeansNotInstalled() {
        FactSet f = collect(root);
        assertEquals(false, value(f, "journald.installed"));
        assertEquals(Unavailable.Kind.NOT_APPLICABLE, f.whyMissing("journald.storage").orElseThrow().kind());
    }

    @Test
    void anUnreadableDropInIsAnErrorNamingTheFile() {
        HostRoots.debian12(root);
        HostRoots.writeBytes(root, "/etc/systemd/journald.conf.d/bad.conf", new byte[] {0, 0, 0});
        FactSet f = collect(root);
        Unavailable u = f.whyMissing("journald.max_retention_sec").orElseThrow();
        assertEquals(Unavailable.Kind.ERROR, u.kind());
        assertTrue(u.reason().contains("/etc/systemd/journald.conf.d/bad.conf"), u.reason());
        assertEquals(true, value(f, "journald.installed"));
    }

    @Test
    void anAbsurdLimitIsIgnoredAsJournaldDoesAndNamedAtItsLineWithoutItsValue() throws IOException {
        HostRoots.debian12(root);
        HostRoots.write(root, "/etc/systemd/journald.conf.d/90-absurd.conf",
                "[Journal]\nMaxRetentionSec=99999999999999999999y\nMaxFileSec=soon\nSystemMaxUse=9999999999999E\n");
        FactSet f = collect(root);
        assertEquals(0L, value(f, "journald.max_retention_sec"), "journald ignores the value: no time limit, as it runs");
        @SuppressWarnings("unchecked")
        List<String> problems = (List<String>) value(f, "journald.config_problems");
        assertEquals(3, problems.size(), problems.toString());
        for (String p : problems) {
            assertTrue(p.startsWith("/etc/systemd/journald.conf.d/90-absurd.conf:"), p);
            assertFalse(p.contains("99999") || p.contains("soon"), "the value is not quoted: " + p);
        }
    }
}
