package de.tomaudit.collect.host;

import de.tomaudit.i18n.AuditTexts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code lsblk -P -o NAME,TYPE,FSTYPE,MOUNTPOINT}. The pairs format drops the device tree,
 * so only a mount directly on a {@code crypt} device is known to be encrypted; a mount on LVM
 * or RAID is "unknown" when the host has any crypt device, else plain.
 */
final class DiskLsblk {

    private static final Pattern PAIR = Pattern.compile("([A-Z:-]+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    record Device(String name, String type, String fstype, String mountpoint, int line) { }

    private DiskLsblk() { }

    static List<Device> parse(String output) {
        List<Device> out = new ArrayList<>();
        String[] lines = output.split("\n");
        for (int i = 0; i < lines.length; i++) {
            Map<String, String> kv = new LinkedHashMap<>();
            Matcher m = PAIR.matcher(lines[i]);
            while (m.find()) {
                kv.put(m.group(1), unescape(m.group(2)));
            }
            if (kv.containsKey("NAME") && kv.containsKey("TYPE")) {
                out.add(new Device(kv.get("NAME"), kv.get("TYPE"), kv.getOrDefault("FSTYPE", ""),
                        kv.getOrDefault("MOUNTPOINT", ""), i + 1));
            }
        }
        return out;
    }

    static DiskCryptLayers.Verdict verdict(Device d, boolean anyCrypt) {
        if (d.type().equals("crypt")) {
            return new DiskCryptLayers.Verdict(true, AuditTexts.get("evidence.host.disk.crypt-device", d.name()));
        }
        if (anyCrypt && !d.type().equals("disk") && !d.type().equals("part")) {
            return new DiskCryptLayers.Verdict("unknown", AuditTexts.get("evidence.host.disk.maybe-crypt", d.name(), d.type()));
        }
        return new DiskCryptLayers.Verdict(false, AuditTexts.get("evidence.host.disk.not-crypt", d.name(), d.type()));
    }

    /** lsblk escapes unsafe characters as \xNN. */
    private static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\\' && i + 3 < s.length() && s.charAt(i + 1) == 'x') {
                try {
                    out.append((char) Integer.parseInt(s.substring(i + 2, i + 4), 16));
                    i += 3;
                    continue;
                } catch (NumberFormatException e) {
                    // keep the text as it is
                }
            }
            out.append(s.charAt(i));
        }
        return out.toString();
    }
}
