package de.tomaudit.collect.host;

import de.tomaudit.testsupport.CannedTarget;

import static de.tomaudit.collect.host.HostFixtures.mtime;
import static de.tomaudit.collect.host.HostFixtures.resource;
import static de.tomaudit.collect.host.HostFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Unavailable;
import de.tomaudit.target.DirTarget;
import de.tomaudit.target.Limits;
import de.tomaudit.target.Target;
import de.tomaudit.testsupport.TestPaths;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AptCollectorTest {

    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    static final String SECURITY_LIST = "/var/lib/apt/lists/deb.debian.org_debian-security_dists_bookworm-security_InRelease";

    @TempDir Path root;

    @BeforeEach
    void debianWithUnattendedUpgrades() {
        write(root, "/var/lib/dpkg/status", resource("apt/dpkg-status-excerpt"));
        write(root, "/etc/apt/apt.conf.d/20auto-upgrades", TestPaths.debianText("unattended-upgrades", "usr/share/unattended-upgrades/20auto-upgrades"));
        write(root, "/etc/apt/apt.conf.d/50unattended-upgrades", TestPaths.debianText("unattended-upgrades", "usr/share/unattended-upgrades/50unattended-upgrades"));
        write(root, "/etc/apt/apt.conf.d/01autoremove", "APT { NeverAutoRemove { \"^linux-image.*\"; }; };\n");
        mtime(write(root, SECURITY_LIST, "-----BEGIN PGP SIGNED MESSAGE-----\n"), NOW.minus(Duration.ofDays(3)));
        mtime(write(root, "/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease", "x\n"), NOW.minus(Duration.ofDays(130)));
        mtime(write(root, "/var/lib/apt/periodic/update-success-stamp", ""), NOW.minus(Duration.ofHours(30)));
        write(root, "/etc/timezone", "Europe/Berlin\n");
        write(root, "/var/log/unattended-upgrades/unattended-upgrades.log",
                "2026-11-20 06:25:13,123 INFO Starting unattended upgrades script\n"
                + "2026-11-20 06:25:13,124 INFO Allowed origins are: origin=Debian,codename=bookworm,label=Debian-Security\n"
                + "2026-11-20 06:25:20,001 INFO No packages found that can be upgraded unattended and no pending auto-removals\n");
    }

    private FactSet collect(Target t) {
        FactSet.Builder b = FactSet.builder();
        new AptCollector(Clock.fixed(NOW, ZoneOffset.UTC)).collect(t, b);
        return b.build();
    }

    private static Object v(FactSet f, String key) {
        return f.get(key).orElseThrow(() -> new AssertionError(key + " missing: " + f.whyMissing(key))).value();
    }

    @Test
    void liveDebianDefaultsWithPendingSecurityUpdates() {
        FactSet f = collect(new CannedTarget(root).answer("apt-simulate-upgrade", resource("apt/apt-get-s-dist-upgrade-real.txt")));
        assertEquals(true, v(f, "apt.present"));
        assertEquals(true, v(f, "apt.unattended_upgrades_installed"));
        assertEquals(true, v(f, "apt.unattended_upgrades_enabled"));
        assertEquals("/etc/apt/apt.conf.d/20auto-upgrades:2", f.get("apt.unattended_upgrades_enabled").orElseThrow().evidence().get(1).source());
        assertEquals(true, v(f, "apt.origins_include_security"));
        assertEquals(3, ((List<?>) v(f, "apt.origins_patterns")).size());
        assertEquals(81, ((List<?>) v(f, "apt.security_pending")).size());
        assertEquals(Map.of("package", "libgcrypt20-dev", "current", "1.10.1-3", "candidate", "1.10.1-3+deb12u1",
                "origin", "Debian:12.15/oldstable, Debian-Security:12/oldstable-security"),
                ((List<?>) v(f, "apt.security_pending")).get(0));
        assertEquals(136L, v(f, "apt.updates_pending"));
        assertEquals(3L, v(f, "apt.security_pending_days"));
        assertEquals(SECURITY_LIST, f.get("apt.security_pending_days").orElseThrow().evidence().get(0).source());
        assertEquals(1L, v(f, "apt.lists_age_days"), "update-success-stamp is the newest");
        assertEquals(1L, v(f, "apt.security_lists"));
        // 06:25 Berlin time is 05:25 UTC: 3 days and 6.5 hours before NOW
        assertEquals(3L, v(f, "apt.last_unattended_run_days"));
        assertEquals("/var/log/unattended-upgrades/unattended-upgrades.log:1",
                f.get("apt.last_unattended_run_days").orElseThrow().evidence().get(0).source());
    }

    @Test
    void nothingPendingIsZeroDays() {
        FactSet f = collect(new CannedTarget(root).answer("apt-simulate-upgrade", resource("apt/apt-get-s-no-security.crafted.txt")));
        assertEquals(List.of(), v(f, "apt.security_pending"));
        assertEquals(0L, v(f, "apt.security_pending_days"));
        assertEquals(5L, v(f, "apt.updates_pending"));
    }

    @Test
    void dirTargetComparesInstalledVersionsWithTheSecurityList() {
        write(root, "/var/lib/apt/lists/deb.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages",
                resource("apt/security-Packages-excerpt"));
        FactSet f = collect(new DirTarget(root, Limits.DEFAULT));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> pending = (List<Map<String, Object>>) v(f, "apt.security_pending");
        assertEquals(List.of("libssl3", "openssl", "unzip", "liblzma5"), pending.stream().map(m -> m.get("package")).toList());
        assertEquals("3.0.22-1~deb12u2", pending.get(0).get("candidate"));
        assertTrue(f.get("apt.security_pending").orElseThrow().evidence().get(0).source().endsWith("_Packages:"
                + (resource("apt/security-Packages-excerpt").lines().toList().indexOf("Version: 3.0.22-1~deb12u2") + 1)));
        assertEquals(Unavailable.Kind.NOT_APPLICABLE, f.whyMissing("apt.updates_pending").orElseThrow().kind());
        assertEquals(3L, v(f, "apt.security_pending_days"));
    }

    @Test
    void compressedSecurityIndexesAreReadOnADirTarget() throws Exception {
        String base = "/var/lib/apt/lists/deb.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages";
        java.io.ByteArrayOutputStream lz4 = new java.io.ByteArrayOutputStream();
        try (var out = new org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream(lz4)) {
            out.write(resource("apt/security-Packages-excerpt").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        java.nio.file.Path file = root.resolve(base.substring(1) + ".lz4");
        java.nio.file.Files.createDirectories(file.getParent());
        java.nio.file.Files.write(file, lz4.toByteArray());
        FactSet f = collect(new DirTarget(root, Limits.DEFAULT));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> pending = (List<Map<String, Object>>) v(f, "apt.security_pending");
        assertEquals(List.of("libssl3", "openssl", "unzip", "liblzma5"), pending.stream().map(m -> m.get("package")).toList());
        // the line is one of the decompressed text, and says so: the raw file has no such line
        String source = f.get("apt.security_pending").orElseThrow().evidence().get(0).source();
        assertEquals("decompressed: " + base + ".lz4:"
                + (resource("apt/security-Packages-excerpt").lines().toList().indexOf("Version: 3.0.22-1~deb12u2") + 1), source);
        assertEquals("decompressed", de.tomaudit.report.EvidenceKind.of(source));
        assertTrue(de.tomaudit.report.EvidenceKind.fileLine(source).isEmpty());
    }

    @Test
    void aCorruptIndexIsAnErrorAndAnUnreadableCompressionCannotTell() throws Exception {
        String base = "/var/lib/apt/lists/deb.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages";
        write(root, base + ".lz4", "x");
        Unavailable corrupt = collect(new DirTarget(root, Limits.DEFAULT)).whyMissing("apt.security_pending").orElseThrow();
        assertEquals(Unavailable.Kind.ERROR, corrupt.kind());
        assertTrue(corrupt.reason().contains(base + ".lz4"), corrupt.reason());

        java.nio.file.Files.delete(root.resolve(base.substring(1) + ".lz4"));
        write(root, base + ".xz", "x");
        FactSet f = collect(new DirTarget(root, Limits.DEFAULT));
        Unavailable u = f.whyMissing("apt.security_pending").orElseThrow();
        assertEquals(Unavailable.Kind.NOT_APPLICABLE, u.kind());
        assertTrue(u.reason().contains("compressed"), u.reason());
        assertEquals(Unavailable.Kind.NOT_APPLICABLE, f.whyMissing("apt.security_pending_days").orElseThrow().kind());
    }

    @Test
    void aLaterFileSwitchesItOffAndInvalidNamesAreIgnored() {
        write(root, "/etc/apt/apt.conf.d/99local", "APT::Periodic::Unattended-Upgrade \"0\";\n");
        write(root, "/etc/apt/apt.conf.d/99zz.dpkg-old", "APT::Periodic::Unattended-Upgrade \"1\";\n");
        FactSet f = collect(new DirTarget(root, Limits.DEFAULT));
        assertEquals(false, v(f, "apt.unattended_upgrades_enabled"));
        assertEquals("0", v(f, "apt.periodic_unattended_upgrade"));
        assertEquals("/etc/apt/apt.conf.d/99local:1", f.get("apt.periodic_unattended_upgrade").orElseThrow().evidence().get(0).source());
    }

    @Test
    void unsetMeansOffByDefault() {
        write(root, "/etc/apt/apt.conf.d/20auto-upgrades", "// emptied by the admin\n");
        FactSet f = collect(new DirTarget(root, Limits.DEFAULT));
        assertEquals(false, v(f, "apt.unattended_upgrades_enabled"));
        assertEquals("default: APT::Periodic::Update-Package-Lists",
                f.get("apt.unattended_upgrades_enabled").orElseThrow().evidence().get(0).source());
    }

    @Test
    void withoutUnattendedUpgrades() {
        String status = resource("apt/dpkg-status-excerpt").replace("Package: unattended-upgrades\nStatus: install ok installed",
                "Package: unattended-upgrades\nStatus: deinstall ok config-files");
        write(root, "/var/lib/dpkg/status", status);
        FactSet f = collect(new DirTarget(root, Limits.DEFAULT));
        assertEquals(false, v(f, "apt.unattended_upgrades_installed"));
        assertEquals(-1L, v(f, "apt.last_unattended_run_days"));
    }

    @Test
    void neverRanAndNeverUpdatedAreMinusOne() throws Exception {
        java.nio.file.Files.delete(root.resolve("var/log/unattended-upgrades/unattended-upgrades.log"));
        java.nio.file.Files.delete(root.resolve("var/lib/apt/periodic/update-success-stamp"));
        java.nio.file.Files.delete(root.resolve(SECURITY_LIST.substring(1)));
        java.nio.file.Files.delete(root.resolve("var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease"));
        FactSet f = collect(new DirTarget(root, Limits.DEFAULT));
        assertEquals(-1L, v(f, "apt.last_unattended_run_days"));
        assertEquals(-1L, v(f, "apt.lists_age_days"));
        assertEquals(0L, v(f, "apt.security_lists"));
        assertEquals(List.of(), v(f, "apt.security_pending"), "no security archive configured");
    }

    @Test
    void notDebian() {
        java.nio.file.Path status = root.resolve("var/lib/dpkg/status");
        assertTrue(status.toFile().delete());
        FactSet f = collect(new DirTarget(root, Limits.DEFAULT));
        assertEquals(false, v(f, "apt.present"));
        assertEquals(Unavailable.Kind.NOT_APPLICABLE, f.whyMissing("apt.unattended_upgrades_enabled").orElseThrow().kind());
    }

    @Test
    void syntaxErrorIsAnErrorNamingFileAndLine() {
        write(root, "/etc/apt/apt.conf.d/60broken", "APT::Periodic::Unattended-Upgrade \"1\"\n");
        FactSet f = collect(new DirTarget(root, Limits.DEFAULT));
        Unavailable u = f.whyMissing("apt.unattended_upgrades_enabled").orElseThrow();
        assertEquals(Unavailable.Kind.ERROR, u.kind());
        assertTrue(u.reason().contains("/etc/apt/apt.conf.d/60broken:1"), u.reason());
    }

    @Test
    void unreadableConfigAndBinaryStatusAreErrors() {
        FactSet denied = collect(new CannedTarget(root).deny("/etc/apt/apt.conf.d/50unattended-upgrades")
                .answer("apt-simulate-upgrade", resource("apt/apt-get-s-up-to-date.crafted.txt")));
        assertEquals(Unavailable.Kind.ERROR, denied.whyMissing("apt.origins_include_security").orElseThrow().kind());
        write(root, "/var/lib/dpkg/status", "Package: x\u0000\u0001");
        FactSet binary = collect(new DirTarget(root, Limits.DEFAULT));
        assertEquals(Unavailable.Kind.ERROR, binary.whyMissing("apt.present").orElseThrow().kind());
    }

    @Test
    void hugeStatusFileIsAnErrorNamingTheFile() {
        write(root, "/var/lib/dpkg/status", "Package: x\nStatus: install ok installed\n\n".repeat(120_000));
        Unavailable u = collect(new DirTarget(root, Limits.DEFAULT)).whyMissing("apt.present").orElseThrow();
        assertEquals(Unavailable.Kind.ERROR, u.kind());
        assertTrue(u.reason().contains("/var/lib/dpkg/status") && u.reason().contains("over the limit"), u.reason());
    }

    @Test
    void latin1ConfigIsReadAnyway() throws Exception {
        java.nio.file.Files.write(root.resolve("etc/apt/apt.conf.d/99local"),
                "// Gr\u00fc\u00dfe vom Admin\nAPT::Periodic::Unattended-Upgrade \"0\";\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals(false, v(collect(new DirTarget(root, Limits.DEFAULT)), "apt.unattended_upgrades_enabled"));
    }

    @Test
    void aptGetFailingIsAnError() {
        FactSet f = collect(new CannedTarget(root).answer("apt-simulate-upgrade", 100,
                "", "E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)\n"));
        Unavailable u = f.whyMissing("apt.security_pending").orElseThrow();
        assertEquals(Unavailable.Kind.ERROR, u.kind());
        assertTrue(u.reason().contains("exit code 100"), u.reason());
        assertEquals(Unavailable.Kind.ERROR, f.whyMissing("apt.security_pending_days").orElseThrow().kind());
    }
}
