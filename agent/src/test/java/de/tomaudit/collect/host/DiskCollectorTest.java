package de.tomaudit.collect.host;

import de.tomaudit.testsupport.CannedTarget;

import static de.tomaudit.collect.host.HostFixtures.mkdir;
import static de.tomaudit.collect.host.HostFixtures.resource;
import static de.tomaudit.collect.host.HostFixtures.symlink;
import static de.tomaudit.collect.host.HostFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Unavailable;
import de.tomaudit.target.DirTarget;
import de.tomaudit.target.Limits;
import de.tomaudit.target.Target;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskCollectorTest {

    @TempDir Path root;

    private FactSet collect(Target t) {
        FactSet.Builder b = FactSet.builder();
        new DiskCollector().collect(t, b);
        return b.build();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(FactSet f, String key) {
        return (List<Map<String, Object>>) f.get(key).orElseThrow(() -> new AssertionError(key + ": " + f.whyMissing(key))).value();
    }

    private static Map<String, Object> at(List<Map<String, Object>> items, String field, String value) {
        return items.stream().filter(m -> value.equals(m.get(field))).findFirst().orElseThrow(() -> new AssertionError(value + " in " + items));
    }

    /** Debian's "encrypted LVM" install on sda plus a LUKS disk for PostgreSQL, as sysfs shows it. */
    private void luksLayout() {
        write(root, "/proc/mounts", """
                sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0
                proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0
                /dev/mapper/vg0-root / ext4 rw,relatime,errors=remount-ro 0 0
                /dev/sda1 /boot ext2 rw,relatime 0 0
                /dev/mapper/vg0-srv /srv ext4 rw,relatime 0 0
                /dev/mapper/data_crypt /var/lib/postgresql ext4 rw,relatime 0 0
                /dev/sdc1 /srv/media\\040files ext4 rw,relatime 0 0
                tmpfs /run tmpfs rw,nosuid,nodev,noexec,relatime,size=401944k,mode=755 0 0
                """);
        dm("dm-0", "sda2_crypt", "CRYPT-LUKS2-3f1c0a9e2b7d4c5e8f60718293a4b5c6-sda2_crypt", "sda2");
        dm("dm-1", "vg0-root", "LVM-Qm3bVfX2wY8zK1nP4rT6uS9vA0cD5eF7gH2jL4mN6pQ8rS0tU2vW4xY6zA8bC0dE", "dm-0");
        dm("dm-2", "vg0-srv", "LVM-Qm3bVfX2wY8zK1nP4rT6uS9vA0cD5eF7gH2jL4mN6pQ8rS0tU2vW4xY6zA8bC0dF", "dm-0");
        dm("dm-3", "data_crypt", "CRYPT-PLAIN-data_crypt", "sdb");
        for (String disk : List.of("sda", "sdb", "sdc")) {
            mkdir(root, "/sys/devices/pci0000:00/block/" + disk + "/slaves");
            symlink(root, "/sys/block/" + disk, "../devices/pci0000:00/block/" + disk);
        }
        mkdir(root, "/var/lib/postgresql");
        mkdir(root, "/home/mastodon");
    }

    private void dm(String dev, String name, String uuid, String slave) {
        String base = "/sys/devices/virtual/block/" + dev;
        write(root, base + "/dm/name", name + "\n");
        write(root, base + "/dm/uuid", uuid + "\n");
        symlink(root, base + "/slaves/" + slave, "../../../../pci0000:00/block/" + slave);
        symlink(root, "/sys/block/" + dev, "../devices/virtual/block/" + dev);
    }

    @Test
    void lvmOnLuksAndAPlainCryptDiskFromSysfs() {
        luksLayout();
        FactSet f = collect(new DirTarget(root, Limits.DEFAULT));
        List<Map<String, Object>> mounts = list(f, "disk.mounts");
        assertEquals(5, mounts.size(), "only file systems on block devices");
        assertEquals(true, at(mounts, "mountpoint", "/").get("encrypted"));
        assertEquals("dm-1 (LVM) on dm-0 is dm-crypt (LUKS2)", at(mounts, "mountpoint", "/").get("via"));
        assertEquals(false, at(mounts, "mountpoint", "/boot").get("encrypted"));
        assertEquals(true, at(mounts, "mountpoint", "/var/lib/postgresql").get("encrypted"));
        assertEquals(false, at(mounts, "mountpoint", "/srv/media files").get("encrypted"));
        List<Map<String, Object>> data = list(f, "disk.data_paths");
        assertEquals(Map.of("path", "/home/mastodon", "mountpoint", "/", "encrypted", true), at(data, "path", "/home/mastodon"));
        assertEquals("/var/lib/postgresql", at(data, "path", "/var/lib/postgresql").get("mountpoint"));
        assertEquals(true, f.get("disk.all_data_encrypted").orElseThrow().value());
        assertEquals("/proc/mounts:3", f.get("disk.mounts").orElseThrow().evidence().get(0).source());
    }

    @Test
    void plainDiskOfThisBuildMachine() {
        write(root, "/proc/mounts", resource("disk/proc-mounts-build-machine.txt"));
        mkdir(root, "/sys/devices/virtual/block/vda/slaves");
        symlink(root, "/sys/block/vda", "../devices/virtual/block/vda");
        FactSet f = collect(new DirTarget(root, Limits.DEFAULT));
        assertEquals(List.of(Map.of("mountpoint", "/", "device", "/dev/vda", "fstype", "ext4", "encrypted", false,
                "via", "vda is a plain device")), list(f, "disk.mounts"));
        assertEquals(false, f.get("disk.all_data_encrypted").orElseThrow().value());
    }

    @Test
    void lsblkWhereSysfsCannotBeRead() {
        luksLayout();
        FactSet f = collect(new CannedTarget(root).deny("/sys/block")
                .answer("lsblk", resource("disk/lsblk-luks-lvm.crafted.txt")));
        List<Map<String, Object>> mounts = list(f, "disk.mounts");
        assertEquals(true, at(mounts, "mountpoint", "/var/lib/postgresql").get("encrypted"));
        assertEquals("unknown", at(mounts, "mountpoint", "/").get("encrypted"), "lsblk -P loses the tree");
        assertEquals(false, at(mounts, "mountpoint", "/srv/media files").get("encrypted"));
        assertEquals(false, f.get("disk.all_data_encrypted").orElseThrow().value());
        assertTrue(f.get("disk.mounts").orElseThrow().evidence().stream().anyMatch(e -> e.source().equals("command: lsblk -P -o NAME,TYPE,FSTYPE,MOUNTPOINT")));
    }

    @Test
    void dirTargetWithoutProcIsNotApplicable() {
        Unavailable u = collect(new DirTarget(root, Limits.DEFAULT)).whyMissing("disk.mounts").orElseThrow();
        assertEquals(Unavailable.Kind.NOT_APPLICABLE, u.kind());
    }

    @Test
    void sysfsDeniedAndNoLsblkIsAnError() {
        luksLayout();
        Unavailable u = collect(new CannedTarget(root).deny("/sys/block")).whyMissing("disk.mounts").orElseThrow();
        assertEquals(Unavailable.Kind.ERROR, u.kind());
        assertTrue(u.reason().contains("permission denied"), u.reason());
    }

    @Test
    void garbageMountsFileIsAnError() {
        write(root, "/proc/mounts", "\u0001\u0002 garbage\nnot a mount line\n");
        assertEquals(Unavailable.Kind.ERROR, collect(new DirTarget(root, Limits.DEFAULT)).whyMissing("disk.mounts").orElseThrow().kind());
    }

    @Test
    void deviceStackLoopEndsAsUnknown() {
        write(root, "/proc/mounts", "/dev/dm-7 / ext4 rw 0 0\n");
        write(root, "/sys/devices/virtual/block/dm-7/dm/name", "loop\n");
        write(root, "/sys/devices/virtual/block/dm-7/dm/uuid", "LVM-x\n");
        symlink(root, "/sys/devices/virtual/block/dm-7/slaves/dm-7", "../../dm-7");
        symlink(root, "/sys/block/dm-7", "../devices/virtual/block/dm-7");
        List<Map<String, Object>> mounts = list(collect(new DirTarget(root, Limits.DEFAULT)), "disk.mounts");
        assertEquals("unknown", mounts.get(0).get("encrypted"));
    }
}
