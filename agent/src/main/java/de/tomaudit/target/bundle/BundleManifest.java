package de.tomaudit.target.bundle;

import de.tomaudit.i18n.AuditTexts;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The bundle's {@code manifest}: who made it where and when, and the sha256 of every other
 * entry. {@link #verify} refuses a bundle whose entries do not match it: one that was changed,
 * cut short or padded after collection.
 *
 * @param host      the collected host's name ({@code uname -n}), checked to be a plain host name
 * @param time      when the collection ran (UTC, ISO-8601 as written by {@code date -u})
 * @param tool      the collecting script and the plan it was generated from
 * @param user      the user it ran as (root, or a user whose denied reads are recorded)
 * @param commands  whether commands were run (no for a collection from a directory root)
 * @param checksums entry name to sha256 (hex) and the manifest line naming it
 */
public record BundleManifest(String host, String time, String tool, String user, boolean commands,
                             Map<String, Checksum> checksums) {

    /** One {@code sha256} line. */
    public record Checksum(String sha256, int line) { }

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public BundleManifest {
        checksums = Map.copyOf(checksums);
    }

    static BundleManifest parse(byte[] bytes) throws BundleException {
        List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
        if (lines.isEmpty() || !lines.get(0).equals(BundleLayout.FORMAT)) {
            throw new BundleException("manifest:1: " + AuditTexts.get("bundle.manifest.format", BundleLayout.FORMAT,
                    BundleArchive.printable(lines.isEmpty() ? "" : lines.get(0))));
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, Checksum> sums = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            int no = i + 1;
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f[0].equals("sha256")) {
                if (f.length != 3 || !HEX.matcher(f[1]).matches() || f[2].isEmpty()) {
                    throw new BundleException("manifest:" + no + ": " + AuditTexts.get("bundle.manifest.sha256"));
                }
                if (sums.put(f[2], new Checksum(f[1], no)) != null) {
                    throw new BundleException("manifest:" + no + ": " + AuditTexts.get("bundle.manifest.twice", BundleArchive.printable(f[2])));
                }
            } else if (f.length == 2 && List.of("host", "time", "tool", "user", "commands", "root").contains(f[0])) {
                fields.put(f[0], f[1]);
            } else {
                throw new BundleException("manifest:" + no + ": " + AuditTexts.get("bundle.manifest.line", BundleArchive.printable(line)));
            }
        }
        String host = fields.getOrDefault("host", "");
        if (!HOST.matcher(host).matches()) {
            throw new BundleException("manifest: " + AuditTexts.get("bundle.manifest.host", BundleArchive.printable(host)));
        }
        for (String required : List.of("time", "tool", "commands")) {
            if (!fields.containsKey(required)) {
                throw new BundleException("manifest: " + AuditTexts.get("bundle.manifest.required", required));
            }
        }
        return new BundleManifest(host, fields.get("time"), fields.get("tool"), fields.getOrDefault("user", ""),
                fields.get("commands").equals("yes"), sums);
    }

    /** Every entry but the manifest is listed with its checksum, and every listed entry is there. */
    void verify(BundleArchive archive) throws BundleException {
        for (BundleArchive.Entry e : archive.entries().values()) {
            if (e.name().equals(BundleLayout.MANIFEST)) {
                continue;
            }
            Checksum sum = checksums.get(e.name());
            if (sum == null) {
                throw new BundleException(AuditTexts.get("bundle.tampered.unlisted", BundleArchive.printable(e.name())));
            }
            if (e.sha256().isPresent() && !e.sha256().get().equals(sum.sha256())) {
                throw new BundleException(AuditTexts.get("bundle.tampered.sha256", BundleArchive.printable(e.name()), String.valueOf(sum.line())));
            }
        }
        for (Map.Entry<String, Checksum> s : checksums.entrySet()) {
            if (archive.entry(s.getKey()).isEmpty()) {
                throw new BundleException(AuditTexts.get("bundle.tampered.missing", String.valueOf(s.getValue().line()), BundleArchive.printable(s.getKey())));
            }
        }
    }
}
