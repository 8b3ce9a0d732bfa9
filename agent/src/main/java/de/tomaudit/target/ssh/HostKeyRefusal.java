package de.tomaudit.target.ssh;

import java.nio.file.Path;
import java.util.Locale;

/** What to tell the operator when a host key is not accepted: which key, why, and what to do. */
final class HostKeyRefusal {

    private HostKeyRefusal() { }

    static String message(HostKeyVerifier.Verdict v, Path file) {
        PresentedHostKey k = v.key();
        String check = "compare it with the server's own key (on the server: ssh-keygen -lf /etc/ssh/ssh_host_"
                + k.type().toLowerCase(Locale.ROOT) + "_key.pub)";
        return switch (v.outcome()) {
            case UNKNOWN -> "host key of " + k.host() + " is unknown (not in " + file + "): " + k.type()
                    + " key fingerprint " + k.fingerprint() + ". To trust it, " + check
                    + " and, if it matches, run again with --accept-new-host-key to add it to " + file + ".";
            case CHANGED -> "REFUSED: the " + k.type() + " host key of " + k.host() + " has CHANGED: the server now presents "
                    + k.fingerprint() + ", which does not match the entry in " + file + ". Someone may be intercepting the"
                    + " connection (man-in-the-middle attack), or the server's host keys were regenerated (reinstall)."
                    + " Check the new fingerprint with the server's administrator: " + check + ". Only if it is right,"
                    + " remove the old entry with: ssh-keygen -R '" + k.host() + "' -f " + file
                    + " and run again with --accept-new-host-key. A changed key is never replaced automatically.";
            case NOT_SAVED -> "host key of " + k.host() + " (" + k.type() + " " + k.fingerprint() + ") could not be added to "
                    + file + ": " + v.detail();
            case KNOWN, ADDED -> "host key of " + k.host() + " was accepted";
        };
    }
}
