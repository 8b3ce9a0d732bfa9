package de.tomaudit.target.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.target.CommandCatalog;
import de.tomaudit.target.CommandResult;
import de.tomaudit.target.DirEntry;
import de.tomaudit.target.FileStat;
import de.tomaudit.target.Limits;
import de.tomaudit.target.TargetException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleTargetTest {
    @TempDir Path tmp;

    private static final Limits LIMITS = new Limits(1024, Duration.ofSeconds(5), 512);

    private BundleTarget open(TestBundle b) throws Exception {
        return BundleTarget.open(b.write(tmp.resolve("b.tar.gz")), LIMITS);
    }

    private static TestBundle ssh() {
        return new TestBundle()
                .dir("/etc/ssh", "f:sshd_config", "d:sshd_config.d", "l:ssh_host_ed25519_key.pub")
                .file("/etc/ssh/sshd_config", "Include /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin no\n")
                .dir("/etc/ssh/sshd_config.d", "f:10-auth.conf", "f:20-x.local")
                .file("/etc/ssh/sshd_config.d/10-auth.conf", "PasswordAuthentication no\n")
                .record("stat", "/etc/ssh/secret", "f", "600", "root", "ssh", "12", "1700000000")
                .record("error", "read", "/etc/ssh/secret", "denied", "cat: /etc/ssh/secret: Permission denied")
                .record("absent", "/etc/fail2ban")
                .run("sshd-effective", "sshd -T", 0, "port 22\npermitrootlogin no\n", "");
    }

    @Test
    void readsStatsListsGlobsAndRunsFromTheBundle() throws Exception {
        try (BundleTarget t = open(ssh())) {
            assertEquals("web1", t.name());
            assertTrue(t.address().startsWith("bundle:/"), t.address());
            assertTrue(t.canRunCommands());
            assertTrue(t.read("/etc/ssh/sshd_config").text().contains("PermitRootLogin no"));
            assertEquals("PasswordAuthentication no\n", t.read("/etc/ssh//sshd_config.d/./10-auth.conf").text());
            FileStat st = t.stat("/etc/ssh/secret").orElseThrow();
            assertEquals(0600, st.mode());
            assertEquals("ssh", st.group());
            assertEquals(FileStat.Type.FILE, st.type());
            assertEquals(FileStat.Type.DIRECTORY, t.stat("/etc/ssh").orElseThrow().type());
            assertEquals(List.of(new DirEntry("10-auth.conf", FileStat.Type.FILE), new DirEntry("20-x.local", FileStat.Type.FILE)),
                    t.list("/etc/ssh/sshd_config.d"));
            assertEquals(FileStat.Type.SYMLINK, t.list("/etc/ssh").stream()
                    .filter(e -> e.name().equals("ssh_host_ed25519_key.pub")).findFirst().orElseThrow().type());
            assertEquals(List.of("/etc/ssh/sshd_config.d/10-auth.conf"), t.glob("/etc/ssh/sshd_config.d/*.conf"));
            CommandResult r = t.run(CommandCatalog.command("sshd-effective"));
            assertEquals(0, r.exitCode());
            assertEquals("port 22\npermitrootlogin no\n", r.stdout());
        }
    }

    @Test
    void whatTheCollectionSawMissingIsMissingAndWhatItNeverLookedAtIsNotCollected() throws Exception {
        try (BundleTarget t = open(ssh())) {
            assertTrue(t.stat("/etc/fail2ban").isEmpty(), "recorded absent");
            assertTrue(t.stat("/etc/fail2ban/jail.conf").isEmpty(), "below an absent directory");
            assertTrue(t.stat("/etc/ssh/moduli").isEmpty(), "not in the listing of /etc/ssh");
            assertTrue(t.stat("/etc/ssh/sshd_config/x").isEmpty(), "below a regular file");
            assertEquals(TargetException.Reason.NOT_FOUND,
                    assertThrows(TargetException.class, () -> t.read("/etc/fail2ban/jail.conf")).reason());
            assertEquals(List.of(), t.glob("/etc/fail2ban/jail.d/*.conf"));

            TargetException never = assertThrows(TargetException.class, () -> t.read("/etc/nginx/nginx.conf"));
            assertEquals(TargetException.Reason.NOT_SUPPORTED, never.reason());
            assertTrue(never.isAbsence());
            assertTrue(never.getMessage().contains("not collected in this bundle"), never.getMessage());
            assertEquals(TargetException.Reason.NOT_SUPPORTED,
                    assertThrows(TargetException.class, () -> t.stat("/etc/nginx")).reason());
            TargetException cmd = assertThrows(TargetException.class, () -> t.run(CommandCatalog.command("nginx-effective")));
            assertEquals(TargetException.Reason.NOT_SUPPORTED, cmd.reason());
            assertTrue(cmd.getMessage().contains("nginx -T: not collected in this bundle"), cmd.getMessage());
            assertEquals(TargetException.Reason.NOT_SUPPORTED, assertThrows(TargetException.class,
                    () -> t.run(CommandCatalog.command("sshd-effective-match", "user=a,host=b,addr=127.0.0.1"))).reason());
        }
    }

    @Test
    void failuresRecordedAtCollectionComeBackAsTheLiveTargetWouldGiveThem() throws Exception {
        byte[] big = new byte[2000];
        java.util.Arrays.fill(big, (byte) 'x');
        TestBundle b = ssh()
                .file("/etc/hostname", new byte[] {'w', 0, 'b'}, "644")
                .file("/var/lib/dpkg/status", big, "644")
                .record("stat", "/var/log/huge.log", "f", "644", "root", "root", "999999999", "1700000000")
                .record("error", "read", "/var/log/huge.log", "toolarge", "999999999")
                .record("error", "stat", "/etc/nginx/loop", "loop", "stat: Too many levels of symbolic links")
                .record("error", "list", "/root/private", "denied", "permission denied")
                .record("run", "fail2ban-status", "missing", "127", "fail2ban-client status")
                .record("run", "nft-ruleset", "timeout", "124", "nft list ruleset")
                .run("ss-listening", "ss -H -tulpn", 1, "y".repeat(600), "Cannot open netlink socket");
        try (BundleTarget t = open(b)) {
            assertEquals(TargetException.Reason.PERMISSION_DENIED, assertThrows(TargetException.class, () -> t.read("/etc/ssh/secret")).reason());
            assertEquals(TargetException.Reason.BINARY, assertThrows(TargetException.class, () -> t.read("/etc/hostname")).reason());
            TargetException large = assertThrows(TargetException.class, () -> t.read("/var/lib/dpkg/status"));
            assertEquals(TargetException.Reason.TOO_LARGE, large.reason());
            assertTrue(large.getMessage().contains("2000 bytes"), large.getMessage());
            assertEquals(TargetException.Reason.TOO_LARGE, assertThrows(TargetException.class, () -> t.read("/var/log/huge.log")).reason());
            assertEquals(TargetException.Reason.SYMLINK_LOOP, assertThrows(TargetException.class, () -> t.stat("/etc/nginx/loop")).reason());
            assertEquals(TargetException.Reason.PERMISSION_DENIED, assertThrows(TargetException.class, () -> t.list("/root/private")).reason());
            assertEquals(TargetException.Reason.IO, assertThrows(TargetException.class, () -> t.read("/etc/ssh")).reason());
            assertEquals(TargetException.Reason.IO, assertThrows(TargetException.class, () -> t.list("/etc/ssh/sshd_config")).reason());
            TargetException missing = assertThrows(TargetException.class, () -> t.run(CommandCatalog.command("fail2ban-status")));
            assertEquals(TargetException.Reason.NOT_FOUND, missing.reason());
            assertEquals("fail2ban-client is not installed", missing.getMessage());
            assertEquals(TargetException.Reason.TIMEOUT,
                    assertThrows(TargetException.class, () -> t.run(CommandCatalog.command("nft-ruleset"))).reason());
            CommandResult ss = t.run(CommandCatalog.command("ss-listening"));
            assertEquals(1, ss.exitCode());
            assertEquals("Cannot open netlink socket", ss.stderr());
            assertEquals(512, ss.stdout().length(), "output capped at the agent's limit");
        }
    }

    @Test
    void aCommandOutsideTheAllowListIsRefusedEvenWhenTheBundleHoldsIt() throws Exception {
        TestBundle b = ssh().record("run", "sshd-effective2", "ok", "0", "rm -rf /");
        try (BundleTarget t = open(b)) {
            TargetException e = assertThrows(TargetException.class,
                    () -> t.run(new de.tomaudit.target.Command("sshd-effective", List.of("rm", "-rf", "/"), false)));
            assertEquals(TargetException.Reason.NOT_ALLOWED, e.reason());
        }
    }

    @Test
    void aCollectionFromADirectoryRootRunsNoCommands() throws Exception {
        try (BundleTarget t = open(ssh().noCommands())) {
            assertFalse(t.canRunCommands());
        }
    }

    @Test
    void anEntryOverTheAgentsLimitIsTooLargeButTheBundleStillOpens() throws Exception {
        TestBundle b = ssh().entry(BundleLayout.fileEntry("/etc/big.conf"), new byte[4096])
                .record("stat", "/etc/big.conf", "f", "644", "root", "root", "4096", "1700000000");
        try (BundleTarget t = open(b)) {
            assertEquals(TargetException.Reason.TOO_LARGE, assertThrows(TargetException.class, () -> t.read("/etc/big.conf")).reason());
            assertTrue(t.read("/etc/ssh/sshd_config").text().startsWith("Include"));
        }
    }

    @Test
    void aTamperedBundleIsRefused() throws Exception {
        TestBundle changed = ssh().manifestSays(BundleLayout.fileEntry("/etc/ssh/sshd_config"), "0".repeat(64));
        BundleException e = assertThrows(BundleException.class, () -> open(changed));
        assertTrue(e.getMessage().startsWith("tampered: the sha256 of files/etc/ssh/sshd_config does not match manifest:"), e.getMessage());

        TestBundle added = ssh().rawEntry(tar -> TestBundle.put(tar, "files/etc/ssh/sshd_config.d/00-evil.conf",
                "PasswordAuthentication yes\n".getBytes()));
        assertTrue(assertThrows(BundleException.class, () -> open(added)).getMessage()
                .contains("files/etc/ssh/sshd_config.d/00-evil.conf is not in the manifest"));

        TestBundle ok = ssh();
        String manifest = ok.manifest() + "sha256\t" + "a".repeat(64) + "\tfiles/etc/removed\n";
        Path p = ok.write(tmp.resolve("removed.tar.gz"), manifest);
        assertTrue(assertThrows(BundleException.class, () -> BundleTarget.open(p, LIMITS)).getMessage()
                .contains("lists files/etc/removed, which is not in the bundle"));

        Path edited = ok.write(tmp.resolve("edited.tar.gz"), ok.manifest().replace("host\tweb1", "host\tweb1 evil"));
        assertTrue(assertThrows(BundleException.class, () -> BundleTarget.open(edited, LIMITS)).getMessage()
                .contains("malformed host"));
    }

    @Test
    void hostileArchivesAreRefusedWithTheReason() throws Exception {
        assertRefused(ssh().rawEntry(tar -> TestBundle.put(tar, "files/../../etc/passwd", new byte[1])), "leaves or bends");
        assertRefused(ssh().rawEntry(tar -> {
            var e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("/etc/passwd", true);
            e.setSize(1);
            try {
                tar.putArchiveEntry(e);
                tar.write(new byte[1]);
                tar.closeArchiveEntry();
            } catch (java.io.IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
        }), "absolute");
        assertRefused(ssh().rawEntry(tar -> TestBundle.put(tar, "evil.sh", new byte[1])), "unexpected entry 'evil.sh'");
        assertRefused(ssh().rawEntry(tar -> TestBundle.put(tar, BundleLayout.INDEX, new byte[1])), "occurs twice");
        assertRefused(ssh().rawEntry(tar -> link(tar, "files/etc/shadow", "/etc/shadow", true)), "symbolic link to '/etc/shadow'");
        assertRefused(ssh().rawEntry(tar -> link(tar, "files/etc/hard", "/etc/shadow", false)), "hard link");
        assertRefused(ssh().rawEntry(tar -> {
            var e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("files/dev/sda",
                    org.apache.commons.compress.archivers.tar.TarConstants.LF_BLK);
            try {
                tar.putArchiveEntry(e);
                tar.closeArchiveEntry();
            } catch (java.io.IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
        }), "a device");
    }

    @Test
    void inputThatIsNoBundleIsRefusedNeverCrashes() throws Exception {
        Path text = java.nio.file.Files.writeString(tmp.resolve("x.tar.gz"), "not a bundle at all\n");
        assertTrue(refused(text).contains("is not gzip-compressed"));
        Path empty = java.nio.file.Files.write(tmp.resolve("empty.tar.gz"), new byte[0]);
        assertTrue(refused(empty).contains("is not gzip-compressed"));
        Path good = ssh().write(tmp.resolve("good.tar.gz"));
        byte[] all = java.nio.file.Files.readAllBytes(good);
        Path cut = java.nio.file.Files.write(tmp.resolve("cut.tar.gz"), java.util.Arrays.copyOf(all, all.length / 2));
        assertTrue(refused(cut).contains("is not a readable tar.gz"), refused(cut));
        Path garbage = tmp.resolve("garbage.tar.gz");
        byte[] g = new byte[5000];
        new java.util.Random(7).nextBytes(g);
        g[0] = 0x1f;
        g[1] = (byte) 0x8b;
        java.nio.file.Files.write(garbage, g);
        assertTrue(refused(garbage).contains("is not a readable tar.gz"), refused(garbage));
        assertTrue(refused(tmp.resolve("none.tar.gz")).contains("does not exist"));
        assertTrue(refused(tmp).contains("is a directory"));
        Path gzText = tmp.resolve("text.gz");
        try (var os = new java.util.zip.GZIPOutputStream(java.nio.file.Files.newOutputStream(gzText))) {
            os.write("hello, not a tar\n".repeat(100).getBytes());
        }
        String msg = refused(gzText);
        assertTrue(msg.contains("not a readable tar.gz") || msg.contains("has no manifest"), msg);
    }

    @Test
    void aMalformedManifestOrIndexNamesTheLine() throws Exception {
        TestBundle b = ssh();
        Path wrongFormat = b.write(tmp.resolve("f.tar.gz"), b.manifest().replace(BundleLayout.FORMAT, "tomaudit-bundle 9"));
        assertTrue(assertThrows(BundleException.class, () -> BundleTarget.open(wrongFormat, LIMITS)).getMessage()
                .startsWith("manifest:1: expected 'tomaudit-bundle 1'"));
        Path badLine = b.write(tmp.resolve("l.tar.gz"), b.manifest().replace("user\troot", "user root"));
        assertTrue(assertThrows(BundleException.class, () -> BundleTarget.open(badLine, LIMITS)).getMessage()
                .startsWith("manifest:5: unknown line"));
        BundleException idx = assertThrows(BundleException.class, () -> open(ssh().record("stat", "/etc/x", "f", "rw-r--r--",
                "root", "root", "1", "1")));
        assertTrue(idx.getMessage().startsWith("index:"), idx.getMessage());
        assertTrue(idx.getMessage().contains("malformed mode"), idx.getMessage());
        assertTrue(assertThrows(BundleException.class, () -> open(ssh().record("entry", "/nowhere", "f", "x")))
                .getMessage().contains("without a 'list' line"));
        assertTrue(assertThrows(BundleException.class, () -> open(ssh().record("exec", "rm")))
                .getMessage().contains("unknown record 'exec'"));
    }

    @Test
    void allEntriesTogetherAreCapped() throws Exception {
        Path p = ssh().entry(BundleLayout.fileEntry("/etc/a"), new byte[900]).entry(BundleLayout.fileEntry("/etc/b"), new byte[900])
                .write(tmp.resolve("total.tar.gz"));
        BundleException e = assertThrows(BundleException.class, () -> BundleArchive.read(p, 1024, 1024, 1500));
        assertTrue(e.getMessage().contains("more than 1500 bytes in all"), e.getMessage());
        assertArrayEquals(new byte[900], BundleArchive.read(p, 1024, 1024, 4000).entry("files/etc/a").orElseThrow().data().orElseThrow());
    }

    private void assertRefused(TestBundle b, String contains) throws Exception {
        BundleException e = assertThrows(BundleException.class, () -> open(b));
        assertTrue(e.getMessage().contains(contains), e.getMessage());
    }

    private static String refused(Path p) {
        return assertThrows(BundleException.class, () -> BundleTarget.open(p, LIMITS)).getMessage();
    }

    private static void link(org.apache.commons.compress.archivers.tar.TarArchiveOutputStream tar, String name, String to, boolean symbolic) {
        var e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry(name, symbolic
                ? org.apache.commons.compress.archivers.tar.TarConstants.LF_SYMLINK
                : org.apache.commons.compress.archivers.tar.TarConstants.LF_LINK);
        e.setLinkName(to);
        try {
            tar.putArchiveEntry(e);
            tar.closeArchiveEntry();
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
