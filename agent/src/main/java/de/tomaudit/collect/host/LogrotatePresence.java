package de.tomaudit.collect.host;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.target.Target;

/**
 * Whether logrotate runs on a target, one answer for every collector that judges log rotation (the
 * host pack's and Prosody's log sinks, so they never contradict each other about the same file):
 * installed when its binary or /etc/logrotate.conf is there. Definitions left under /etc/logrotate.d
 * without it are read and cited, and said to be run by nothing.
 */
public final class LogrotatePresence {
    public static final String BINARY = "/usr/sbin/logrotate";
    public static final String MAIN_CONF = "/etc/logrotate.conf";

    private LogrotatePresence() { }

    /** True when nothing runs the definitions: neither logrotate's binary nor /etc/logrotate.conf is there. */
    public static boolean knownNotInstalled(Target target) {
        return !LogrotateTargetSource.exists(target, BINARY) && !LogrotateTargetSource.exists(target, MAIN_CONF);
    }

    /** The words every collector uses for a definition nothing runs. */
    public static String neverRun(String definition) {
        return AuditTexts.get("evidence.host.logrotate.never-run", definition);
    }
}
