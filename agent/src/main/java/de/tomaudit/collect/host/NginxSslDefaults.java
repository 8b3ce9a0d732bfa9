package de.tomaudit.collect.host;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ssl_protocols} nginx uses when none is set, by version: before 1.23.4
 * {@code TLSv1 TLSv1.1 TLSv1.2}; from 1.23.4 also TLSv1.3; from 1.27.3 {@code TLSv1.2 TLSv1.3}.
 * With the version unknown, the oldest (Debian 12's 1.22) is assumed and the source says so.
 */
record NginxSslDefaults(List<String> protocols, String source) {
    private static final Pattern VERSION = Pattern.compile("nginx/(\\d+)\\.(\\d+)\\.(\\d+)");

    static NginxSslDefaults forVersion(Optional<String> version) {
        if (version.isEmpty()) {
            return new NginxSslDefaults(List.of("TLSv1", "TLSv1.1", "TLSv1.2"),
                    "default: nginx < 1.23.4 (version unknown, Debian 12 ships 1.22)");
        }
        int[] v = parse(version.get());
        String label = "default: nginx " + version.get();
        if (compare(v, new int[] {1, 27, 3}) >= 0) {
            return new NginxSslDefaults(List.of("TLSv1.2", "TLSv1.3"), label);
        }
        if (compare(v, new int[] {1, 23, 4}) >= 0) {
            return new NginxSslDefaults(List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"), label);
        }
        return new NginxSslDefaults(List.of("TLSv1", "TLSv1.1", "TLSv1.2"), label);
    }

    /** The version in {@code nginx -v} output ({@code nginx version: nginx/1.22.1}). */
    static Optional<String> versionOf(String output) {
        Matcher m = VERSION.matcher(output);
        return m.find() ? Optional.of(m.group(1) + "." + m.group(2) + "." + m.group(3)) : Optional.empty();
    }

    private static int[] parse(String version) {
        String[] parts = version.split("\\.");
        int[] out = new int[3];
        for (int i = 0; i < 3 && i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                out[i] = 0;
            }
        }
        return out;
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < 3; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }
}
