package de.tomaudit.parse.apt;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A package apt would install or upgrade, from an {@code Inst} line of
 * {@code apt-get -s dist-upgrade}: {@code Inst libssl3 [3.0.19-1~deb12u2] (3.0.22-1~deb12u2
 * Debian-Security:12/oldstable-security [amd64])}.
 *
 * @param current the installed version; empty for a newly installed package
 * @param origins {@code Label:Version/Archive} of every archive offering the candidate
 * @param line    1-based line in the command output
 */
public record PendingUpdate(String pkg, Optional<String> current, String candidate, List<String> origins,
                            String arch, int line) {

    public PendingUpdate {
        origins = List.copyOf(origins);
    }

    /** True when an origin is a security archive ({@code …-security}, {@code Debian-Security}). */
    public boolean security() {
        return origins.stream().anyMatch(o -> o.toLowerCase(Locale.ROOT).contains("security"));
    }
}
