package de.tomaudit.target.ssh;

import de.tomaudit.i18n.AuditTexts;
import java.nio.file.Path;
import java.util.Locale;

/** What to tell the operator when a host key is not accepted: which key, why, and what to do. */
final class HostKeyRefusal {

    private HostKeyRefusal() { }

    static String message(HostKeyVerifier.Verdict v, Path file) {
        PresentedHostKey k = v.key();
        String check = AuditTexts.get("ssh.hostkey.check", k.type().toLowerCase(Locale.ROOT));
        return switch (v.outcome()) {
            case UNKNOWN -> AuditTexts.get("ssh.hostkey.unknown", k.host(), String.valueOf(file), k.type(), k.fingerprint(), check);
            case CHANGED -> AuditTexts.get("ssh.hostkey.changed", k.type(), k.host(), k.fingerprint(), String.valueOf(file), check);
            case NOT_SAVED -> AuditTexts.get("ssh.hostkey.not-saved", k.host(), k.type(), k.fingerprint(), String.valueOf(file),
                    String.valueOf(v.detail()));
            case KNOWN, ADDED -> AuditTexts.get("ssh.hostkey.accepted", k.host());
        };
    }
}
