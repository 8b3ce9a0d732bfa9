package de.tomaudit.collect.host;

import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.util.Optional;

/**
 * The installed nginx version from dpkg's status file ({@code nginx-common} on Debian, which
 * every nginx flavour depends on; {@code nginx} for nginx.org's own package). A file read, so
 * it also works where no command may run.
 */
final class NginxPackageVersion {
    static final String DPKG_STATUS = "/var/lib/dpkg/status";

    private NginxPackageVersion() { }

    static Optional<String> read(Target target) {
        String text;
        try {
            text = target.read(DPKG_STATUS).text();
        } catch (TargetException e) {
            return Optional.empty();
        }
        Optional<String> common = installedVersion(text, "nginx-common");
        return common.isPresent() ? common : installedVersion(text, "nginx");
    }

    /** The upstream part ({@code 1.22.1}) of an installed package's version, if listed. */
    static Optional<String> installedVersion(String status, String pkg) {
        for (String stanza : status.split("\n\n")) {
            String name = null;
            String version = null;
            boolean installed = false;
            for (String line : stanza.split("\n")) {
                if (line.startsWith("Package: ")) {
                    name = line.substring(9).trim();
                } else if (line.startsWith("Version: ")) {
                    version = line.substring(9).trim();
                } else if (line.startsWith("Status: ")) {
                    installed = line.trim().endsWith(" installed");
                }
            }
            if (pkg.equals(name) && installed && version != null) {
                String v = version.contains(":") ? version.substring(version.indexOf(':') + 1) : version;
                int dash = v.indexOf('-');
                return Optional.of(dash > 0 ? v.substring(0, dash) : v);
            }
        }
        return Optional.empty();
    }
}
