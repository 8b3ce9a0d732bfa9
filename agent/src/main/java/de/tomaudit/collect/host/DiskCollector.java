package de.tomaudit.collect.host;

import de.tomaudit.collect.Collector;
import de.tomaudit.collect.PlannedAccess;
import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.target.Command;
import de.tomaudit.target.CommandCatalog;
import de.tomaudit.target.CommandResult;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which mounted file systems, and which data directories of the audited services, are on
 * dm-crypt/LUKS: /proc/mounts with the device-mapper layers in /sys/block, or
 * {@code lsblk -P} where sysfs cannot be read. Facts {@code disk.mounts}, {@code disk.data_paths},
 * {@code disk.all_data_encrypted}.
 */
public final class DiskCollector implements Collector {

    static final Command LSBLK = CommandCatalog.command("lsblk");
    static final String MOUNTS = "/proc/mounts";
    /** Where the audited services keep personal data (only those that exist are listed, / always). */
    static final List<String> DATA_PATHS = List.of("/", "/var", "/home", "/srv", "/var/lib/postgresql",
            "/var/lib/mysql", "/var/lib/redis", "/var/lib/prosody", "/var/lib/ejabberd", "/home/mastodon",
            "/var/bigbluebutton", "/var/backups");

    @Override public String id() { return "disk"; }
    @Override public Set<String> kinds() { return Set.of("host"); }
    @Override public List<String> provides() { return List.of("disk"); }

    @Override
    public List<PlannedAccess> plan() {
        return List.of(PlannedAccess.read(MOUNTS, "mounted file systems"),
                PlannedAccess.list(DiskCryptLayers.SYS_BLOCK, "block devices"),
                PlannedAccess.read("/sys/block/dm-*/dm/name", "device-mapper names"),
                PlannedAccess.read("/sys/block/*/dm/uuid", "device-mapper type (CRYPT-, LVM-)"),
                PlannedAccess.list("/sys/block/*/slaves", "devices below LVM, RAID and crypt layers"),
                PlannedAccess.run(LSBLK),
                PlannedAccess.stat("(data directories: " + String.join(", ", DATA_PATHS) + ")", "which exist"));
    }

    @Override
    public void collect(Target target, FactSet.Builder facts) {
        List<DiskMount> mounts;
        try {
            mounts = DiskMount.parse(target.read(MOUNTS).text()).stream().filter(DiskMount::onBlockDevice).toList();
        } catch (TargetException e) {
            if (e.isAbsence()) {
                facts.notApplicable("disk", AuditTexts.get("evidence.host.disk.no-mounts", MOUNTS, target.address(), e.getMessage()));
            } else {
                facts.error("disk", "read", e.getMessage());
            }
            return;
        }
        if (mounts.isEmpty()) {
            facts.error("disk", "parse", AuditTexts.get("evidence.host.disk.no-fs", MOUNTS));
            return;
        }
        Map<String, DiskCryptLayers.Verdict> verdicts = new LinkedHashMap<>();
        String method;
        try {
            DiskCryptLayers layers = DiskCryptLayers.read(target);
            mounts.forEach(m -> verdicts.put(m.mountpoint(), layers.of(m.device())));
            method = DiskCryptLayers.SYS_BLOCK;
        } catch (TargetException sysError) {
            Optional<String> lsblk = lsblk(target, verdicts);
            if (lsblk.isPresent()) {
                String why = DiskCryptLayers.SYS_BLOCK + ": " + sysError.getMessage() + "; " + lsblk.get();
                if (sysError.isAbsence()) {
                    facts.notApplicable("disk", why);
                } else {
                    facts.error("disk", "read", why);
                }
                return;
            }
            method = "command: " + LSBLK.line();
        }
        List<Map<String, Object>> mountFacts = new ArrayList<>();
        List<Evidence> ev = new ArrayList<>();
        for (DiskMount m : mounts) {
            DiskCryptLayers.Verdict v = verdicts.getOrDefault(m.mountpoint(),
                    new DiskCryptLayers.Verdict("unknown", AuditTexts.get("evidence.host.disk.not-in-lsblk")));
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("mountpoint", m.mountpoint());
            item.put("device", m.device());
            item.put("fstype", m.fstype());
            item.put("encrypted", v.encrypted());
            item.put("via", v.via());
            mountFacts.add(item);
            ev.add(Evidence.at(MOUNTS, m.line(), AuditTexts.get("evidence.host.disk.mount", m.device(), m.mountpoint(), v.via())));
        }
        ev.add(new Evidence(method, AuditTexts.get("evidence.host.disk.layers")));
        facts.put("disk.mounts", mountFacts, ev);
        List<Map<String, Object>> data = dataPaths(target, mountFacts);
        facts.put("disk.data_paths", data, ev);
        facts.put("disk.all_data_encrypted", data.stream().allMatch(d -> Boolean.TRUE.equals(d.get("encrypted"))), ev);
    }

    /** Fills verdicts from lsblk; returns why it could not, or empty on success. */
    private static Optional<String> lsblk(Target target, Map<String, DiskCryptLayers.Verdict> verdicts) {
        CommandResult r;
        try {
            r = target.run(LSBLK);
        } catch (TargetException e) {
            return Optional.of(e.getMessage());
        }
        List<DiskLsblk.Device> devices = DiskLsblk.parse(r.stdout());
        if (!r.ok() || devices.isEmpty()) {
            return Optional.of(AuditTexts.get("evidence.host.disk.no-devices", LSBLK.line(), String.valueOf(r.exitCode())));
        }
        boolean anyCrypt = devices.stream().anyMatch(d -> d.type().equals("crypt"));
        for (DiskLsblk.Device d : devices) {
            if (!d.mountpoint().isEmpty()) {
                verdicts.put(d.mountpoint(), DiskLsblk.verdict(d, anyCrypt));
            }
        }
        return Optional.empty();
    }

    private static List<Map<String, Object>> dataPaths(Target target, List<Map<String, Object>> mounts) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String path : DATA_PATHS) {
            boolean exists;
            try {
                exists = path.equals("/") || target.exists(path);
            } catch (TargetException e) {
                exists = true;
            }
            if (!exists) {
                continue;
            }
            Map<String, Object> best = null;
            for (Map<String, Object> m : mounts) {
                String mp = (String) m.get("mountpoint");
                boolean covers = path.equals(mp) || mp.equals("/") || path.startsWith(mp + "/");
                if (covers && (best == null || mp.length() > ((String) best.get("mountpoint")).length())) {
                    best = m;
                }
            }
            if (best == null) {
                continue;
            }
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("path", path);
            item.put("mountpoint", best.get("mountpoint"));
            item.put("encrypted", best.get("encrypted"));
            out.add(item);
        }
        return out;
    }
}
