package de.tomaudit.collect.host;

import de.tomaudit.parse.apt.DebianVersion;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares the running kernel release with the installed kernel images of the same flavour
 * ({@code -amd64}, {@code -cloud-amd64}, {@code -generic}): a newer image means the new kernel
 * only runs after a reboot.
 */
final class RebootKernels {

    private static final Pattern VERSION_PART = Pattern.compile("^\\d+(?:\\.\\d+)*(?:-\\d+)?");

    private RebootKernels() { }

    /** The part after the numeric version: {@code 6.1.0-18-amd64} → {@code -amd64}. */
    static String flavour(String release) {
        Matcher m = VERSION_PART.matcher(release);
        return m.find() ? release.substring(m.end()) : release;
    }

    /** The newest installed release of the running kernel's flavour. */
    static Optional<String> newest(String running, List<String> installed) {
        String flavour = flavour(running);
        return installed.stream()
                .filter(r -> flavour(r).equals(flavour) && VERSION_PART.matcher(r).find())
                .max(DebianVersion.ORDER);
    }
}
