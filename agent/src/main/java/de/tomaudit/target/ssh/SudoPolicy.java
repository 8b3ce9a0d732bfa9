package de.tomaudit.target.ssh;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.target.Command;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * When to use {@code sudo -n}, and what sudo's refusals mean. Only with {@code --sudo}, only for
 * root-only work, never when logged in as root. {@code -n} makes sudo fail instead of prompting;
 * its refusal is recognised from its message: a refusal of sudo as such (password required, not
 * in sudoers, not installed) is remembered, so nothing further is tried with sudo on this target;
 * a refusal of one command (sudoers does not list it) is only about that command. Every refusal
 * is kept as a problem of stage {@code sudo}.
 */
final class SudoPolicy {
    private final boolean enabled;
    private final boolean root;
    private final String host;
    private final String user;
    private volatile String refusal;
    private final Set<String> problems = new LinkedHashSet<>();

    /** @param host the target as {@code host:port}, for messages */
    SudoPolicy(boolean enabled, String user, String host) {
        this.enabled = enabled;
        this.root = user.equals("root");
        this.host = host;
        this.user = user;
    }

    boolean enabled() {
        return enabled && !root;
    }

    boolean wanted(Command command) {
        return enabled() && command.needsRoot();
    }

    boolean loggedInAsRoot() {
        return root;
    }

    /** Why sudo cannot be used at all on this target, once that is known. */
    Optional<String> refusal() {
        return Optional.ofNullable(refusal);
    }

    synchronized List<String> problems() {
        return new ArrayList<>(problems);
    }

    /**
     * Looks at the result of a command run under sudo: empty when sudo ran it (whatever the
     * command itself then did), else the reason sudo refused, which is also recorded.
     */
    Optional<String> refused(ExecChannels.Outcome o, String what) {
        if (o.exitCode() == 0) {
            return Optional.empty();
        }
        String err = o.stderrText();
        String reason = null;
        String who = AuditTexts.get("ssh.sudo.who", user, host);
        boolean global = true;
        if (err.contains("a password is required")) {
            reason = AuditTexts.get("ssh.sudo.password", who);
        } else if (err.contains("is not in the sudoers file") || err.contains("may not run sudo")) {
            reason = AuditTexts.get("ssh.sudo.not-in-sudoers", who);
        } else if (err.contains("a terminal is required") || err.contains("no tty present")) {
            reason = AuditTexts.get("ssh.sudo.terminal", who);
        } else if (o.exitCode() == 127 && err.contains("sudo")) {
            reason = AuditTexts.get("ssh.sudo.not-installed", host);
        } else if (err.contains("is not allowed to execute")) {
            reason = AuditTexts.get("ssh.sudo.command-refused", what, who);
            global = false;
        }
        if (reason == null) {
            return Optional.empty();
        }
        synchronized (this) {
            if (global && refusal == null) {
                refusal = reason;
            }
            problems.add(reason);
        }
        return Optional.of(reason);
    }

    /** The reason to give for something that needed sudo when sudo is already known to be refused. */
    String notApplicable(String what) {
        return AuditTexts.get("ssh.sudo.needs-root", what, refusal);
    }
}
