package de.tomaudit.target.ssh;

import de.tomaudit.i18n.AuditTexts;
import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import de.tomaudit.target.TargetException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one command line on an exec channel of the target's session: no pty, stdin closed at once,
 * output kept up to a cap, channels rationed by the {@link ChannelGate}. At its timeout the
 * command is sent KILL and its channel closed; a session that goes away meanwhile is reported as
 * a lost connection.
 */
final class ExecChannels {
    private static final Logger LOG = LoggerFactory.getLogger(ExecChannels.class);
    private static final int MAX_STDERR = 64 * 1024;
    private static final long SETTLE_NANOS = 200_000_000L;
    /** How often a channel waiting to be opened checks whether its session died meanwhile. */
    private static final java.time.Duration OPEN_CHECK = java.time.Duration.ofMillis(100);

    /** What came back: exit code (-1 when the server sent none), output (capped), whether stdout overflowed. */
    record Outcome(int exitCode, byte[] stdout, byte[] stderr, boolean truncated) {
        String stderrText() {
            return new String(stderr, StandardCharsets.UTF_8);
        }
    }

    /** Refusals (or channels closed unrun) without any command having run, after which the server is taken to run none. */
    static final int REFUSALS_BEFORE_GIVING_UP = 2;

    private final Session session;
    private final String where;
    private final ChannelGate gate;
    private final AtomicBoolean ran = new AtomicBoolean();
    private final AtomicInteger refusals = new AtomicInteger();
    private volatile boolean giveUp;

    ExecChannels(Session session, String where, ChannelGate gate) {
        this.session = session;
        this.where = where;
        this.gate = gate;
    }

    /**
     * In the message of every failure of this kind, and so the marker of the access problem (in the
     * audit's language, which every request of one audit shares).
     */
    private String refusedText() {
        return AuditTexts.get("ssh.exec-refused", where);
    }

    /** JSch's words for a channel request (exec, subsystem) the server answered with failure. */
    static boolean requestRefused(Exception e) {
        return e instanceof JSchException && "failed to send channel request".equals(e.getMessage());
    }

    /**
     * The text every failure from a server that runs no command contains, once it has refused
     * {@link #REFUSALS_BEFORE_GIVING_UP} exec channels and run none; empty while commands run.
     */
    Optional<String> refusingAll() {
        return giveUp ? Optional.of(refusedText()) : Optional.empty();
    }

    /**
     * @param subject      what failures are about (the command or path, for messages)
     * @param maxStdout    output cap in bytes
     * @param stopWhenFull close the channel as soon as the cap is passed (file reads); else keep
     *                     draining until the command ends
     */
    Outcome run(String line, String subject, Duration timeout, int maxStdout, boolean stopWhenFull) throws TargetException {
        if (giveUp) {
            throw new TargetException(TargetException.Reason.IO, subject, subject + ": " + refusedText());
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int attempt = 0; ; attempt++) {
            gate.acquire(deadline, subject);
            try {
                if (giveUp) {
                    throw new TargetException(TargetException.Reason.IO, subject, subject + ": " + refusedText());
                }
                BoundedSink out = new BoundedSink(maxStdout);
                BoundedSink err = new BoundedSink(MAX_STDERR);
                ChannelExec ch = open(line, subject, deadline, out, err);
                if (ch != null) {
                    try {
                        return await(ch, subject, timeout, deadline, out, err, stopWhenFull);
                    } finally {
                        ch.disconnect();
                    }
                }
            } finally {
                gate.release();
            }
            gate.pause(deadline, attempt);
        }
    }

    /** The started channel, or null when the server refused it for being busy (then try again). */
    private ChannelExec open(String line, String subject, long deadline, BoundedSink out, BoundedSink err) throws TargetException {
        ChannelExec ch;
        try {
            ch = (ChannelExec) session.openChannel("exec");
        } catch (JSchException e) {
            throw lost(subject, e);
        }
        if (ch == null) { // JSch's answer while the session is going down
            throw lost(subject, null);
        }
        ch.setCommand(line.getBytes(StandardCharsets.UTF_8));
        ch.setInputStream(null);
        ch.setOutputStream(out, true);
        ch.setErrStream(err, true);
        ch.setPty(false);
        LOG.debug("{}: exec {}", where, line);
        // JSch waits for the server's confirmation in one wait() of the whole timeout and is not woken
        // when the session dies; the watchdog wakes it then, so a lost connection ends this at once
        try (Watchdog.Alarm wake = Watchdog.every(OPEN_CHECK, () -> wakeIfLost(ch))) {
            ch.connect((int) Math.max(1, Math.min(Integer.MAX_VALUE, (deadline - System.nanoTime()) / 1_000_000)));
            ch.getOutputStream().close();
            return ch;
        } catch (JSchException | IOException e) {
            ch.disconnect();
            if (!session.isConnected()) {
                throw lost(subject, e);
            }
            if (!requestRefused(e) && gate.refusedWhileBusy()) {
                LOG.debug("{}: the server refused a channel while others were open; at most {} at once from now on",
                        where, gate.limit());
                return null;
            }
            throw refused(subject, requestRefused(e) ? AuditTexts.get("ssh.exec-refused.request")
                    : AuditTexts.get("ssh.exec-refused.channel", String.valueOf(e.getMessage())));
        }
    }

    /** Wakes a thread waiting in JSch for {@code ch} to open once the session is down (JSch then says so). */
    private void wakeIfLost(ChannelExec ch) {
        if (!session.isConnected()) {
            synchronized (ch) {
                ch.notifyAll();
            }
        }
    }

    private Outcome await(ChannelExec ch, String subject, Duration timeout, long deadline, BoundedSink out, BoundedSink err,
                          boolean stopWhenFull) throws TargetException {
        long pause = 100_000L;
        while (!ch.isClosed()) {
            if (stopWhenFull && out.overflowed()) {
                return new Outcome(-1, out.bytes(), err.bytes(), true);
            }
            if (!session.isConnected()) {
                throw lost(subject, null);
            }
            if (System.nanoTime() - deadline > 0) {
                kill(ch);
                throw new TargetException(TargetException.Reason.TIMEOUT, subject, AuditTexts.get("ssh.command-timeout", subject,
                        String.valueOf(Math.max(1, timeout.toSeconds())), where));
            }
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, 10_000_000L);
        }
        int exit = ch.getExitStatus();
        if (exit < 0) {
            // JSch closes the channels of a dying session before it marks the session down
            long settle = System.nanoTime() + SETTLE_NANOS;
            while (session.isConnected() && System.nanoTime() - settle < 0) {
                LockSupport.parkNanos(1_000_000L);
            }
            if (!session.isConnected()) {
                throw lost(subject, null);
            }
            if (!ran.get() && out.bytes().length == 0 && err.bytes().length == 0) {
                throw refused(subject, AuditTexts.get("ssh.exec-refused.closed"));
            }
            throw new TargetException(TargetException.Reason.IO, subject, AuditTexts.get("ssh.no-exit-status", subject, where));
        }
        ran.set(true);
        return new Outcome(exit, out.bytes(), err.bytes(), out.overflowed());
    }

    private static void kill(ChannelExec ch) {
        try {
            ch.sendSignal("KILL");
        } catch (Exception e) {
            // not every server supports signals; closing the channel is what counts
        }
        ch.disconnect();
    }

    /** A channel the server did not run; after a few of them and no command run at all, none is tried again. */
    private TargetException refused(String subject, String detail) {
        if (!ran.get() && refusals.incrementAndGet() >= REFUSALS_BEFORE_GIVING_UP && !giveUp) {
            giveUp = true;
            LOG.info("{}: {}; no further command is sent", where, refusedText());
        }
        return new TargetException(TargetException.Reason.IO, subject, subject + ": " + refusedText() + " (" + detail + ")");
    }

    private TargetException lost(String subject, Exception e) {
        String lost = AuditTexts.get("ssh.lost", where);
        return new TargetException(TargetException.Reason.IO, subject, (subject.isEmpty() ? lost : AuditTexts.get("ssh.lost.during", lost, subject))
                + (e == null || e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
}
