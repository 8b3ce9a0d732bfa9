package de.tomaudit.collect.prosody;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Prosody release line whose defaults apply. 0.12 is what Debian 12 ships (0.12.3); 13.0
 * changed how periods are read (archive and upload expiry accept "2 weeks", "never" disables
 * upload expiry), bundled mod_cloud_notify and allows {@code default_archive_policy = "never"}.
 * Older releases are read with 0.12's defaults; an unknown version is assumed to be 0.12.
 */
public enum ProsodyVersion {
    V0_12("0.12"), V13("13");

    private static final Pattern NUMBER = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?");
    private final String line;

    ProsodyVersion(String line) {
        this.line = line;
    }

    /** {@code 0.12} or {@code 13}: the release line named in rules' {@code assumes}. */
    public String line() {
        return line;
    }

    /** The release line of a version string such as {@code 0.12.3} or {@code 13.0.1}; empty when unreadable. */
    public static Optional<ProsodyVersion> of(String version) {
        Matcher m = NUMBER.matcher(version == null ? "" : version.strip());
        if (!m.lookingAt()) {
            return Optional.empty();
        }
        int major = Integer.parseInt(m.group(1));
        return Optional.of(major >= 13 ? V13 : V0_12);
    }
}
