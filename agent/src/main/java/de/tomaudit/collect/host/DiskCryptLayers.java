package de.tomaudit.collect.host;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.target.DirEntry;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a block device sits on dm-crypt, from sysfs: a device-mapper device whose
 * /sys/block/dm-N/dm/uuid starts with {@code CRYPT-} is a crypt layer; any other block device
 * (LVM, RAID) is encrypted when every device in /sys/block/NAME/slaves is.
 */
final class DiskCryptLayers {

    static final String SYS_BLOCK = "/sys/block";
    private static final int MAX_DEPTH = 8;

    /** The answer for one device and the chain that explains it. */
    record Verdict(Object encrypted, String via) { }

    private final Target target;
    private final Map<String, String> dmNames = new HashMap<>();

    private DiskCryptLayers(Target target) {
        this.target = target;
    }

    /** Reads the names of the device-mapper devices; fails when /sys/block cannot be listed. */
    static DiskCryptLayers read(Target target) throws TargetException {
        DiskCryptLayers d = new DiskCryptLayers(target);
        for (DirEntry e : target.list(SYS_BLOCK)) {
            if (e.name().startsWith("dm-")) {
                d.text(SYS_BLOCK + "/" + e.name() + "/dm/name").ifPresent(n -> d.dmNames.put(n, e.name()));
            }
        }
        return d;
    }

    /** Whether the device of a mount ({@code /dev/mapper/x}, {@code /dev/dm-1}, {@code /dev/sda2}) is encrypted. */
    Verdict of(String device) {
        String name;
        if (device.startsWith("/dev/mapper/")) {
            name = dmNames.get(device.substring("/dev/mapper/".length()));
            if (name == null) {
                return new Verdict("unknown", AuditTexts.get("evidence.host.disk.no-dm", device, SYS_BLOCK));
            }
        } else if (device.matches("/dev/[A-Za-z0-9._-]+")) {
            name = device.substring(5);
        } else {
            return new Verdict("unknown", AuditTexts.get("evidence.host.disk.not-kernel-name", device));
        }
        if (name.equals("root")) {
            return new Verdict("unknown", AuditTexts.get("evidence.host.disk.dev-root"));
        }
        return walk(name, 0);
    }

    private Verdict walk(String name, int depth) {
        if (depth > MAX_DEPTH) {
            return new Verdict("unknown", AuditTexts.get("evidence.host.disk.too-deep", String.valueOf(MAX_DEPTH)));
        }
        String base = SYS_BLOCK + "/" + name;
        Optional<String> uuid = text(base + "/dm/uuid");
        if (uuid.isPresent() && uuid.get().startsWith("CRYPT-")) {
            String kind = uuid.get().split("-").length > 1 ? uuid.get().split("-")[1] : "";
            return new Verdict(true, AuditTexts.get("evidence.host.disk.dm-crypt", name, kind));
        }
        List<String> slaves;
        try {
            slaves = target.list(base + "/slaves").stream().map(DirEntry::name).toList();
        } catch (TargetException e) {
            return plain(name, uuid);
        }
        if (slaves.isEmpty()) {
            return plain(name, uuid);
        }
        List<String> chain = new ArrayList<>();
        Object all = true;
        for (String s : slaves) {
            Verdict v = walk(s, depth + 1);
            chain.add(v.via());
            if (v.encrypted().equals(false)) {
                all = false;
            } else if (v.encrypted().equals("unknown") && all.equals(true)) {
                all = "unknown";
            }
        }
        String what = uuid.map(DiskCryptLayers::prefix).orElseGet(() -> AuditTexts.get("evidence.host.disk.stacked"));
        return new Verdict(all, AuditTexts.get("evidence.host.disk.stack", name, what, String.join(", ", chain)));
    }

    private static Verdict plain(String name, Optional<String> uuid) {
        return new Verdict(false, AuditTexts.get("evidence.host.disk.plain", name) + (uuid.isPresent() ? " (" + prefix(uuid.get()) + ")" : ""));
    }

    private static String prefix(String uuid) {
        int dash = uuid.indexOf('-');
        return dash > 0 ? uuid.substring(0, dash) : uuid;
    }

    private Optional<String> text(String path) {
        try {
            return Optional.of(target.read(path).text().strip());
        } catch (TargetException e) {
            return Optional.empty();
        }
    }
}
