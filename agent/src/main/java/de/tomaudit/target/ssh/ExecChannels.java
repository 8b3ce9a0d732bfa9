package de.tomaudit.target.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import de.tomaudit.target.TargetException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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

    /** What came back: exit code (-1 when the server sent none), output (capped), whether stdout overflowed. */
    record Outcome(int exitCode, byte[] stdout, byte[] stderr, boolean truncated) {
        String stderrText() {
            return new String(stderr, StandardCharsets.UTF_8);
        }
    }

    private final Session session;
    private final String where;
    private final ChannelGate gate;

    ExecChannels(Session session, String where, ChannelGate gate) {
        this.session = session;
        this.where = where;
        this.gate = gate;
    }

    /**
     * @param subject      what failures are about (the command or path, for messages)
     * @param maxStdout    output cap in bytes
     * @param stopWhenFull close the channel as soon as the cap is passed (file reads); else keep
     *                     draining until the command ends
     */
    Outcome run(String line, String subject, Duration timeout, int maxStdout, boolean stopWhenFull) throws TargetException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int attempt = 0; ; attempt++) {
            gate.acquire(deadline, subject);
            try {
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
        ch.setCommand(line.getBytes(StandardCharsets.UTF_8));
        ch.setInputStream(null);
        ch.setOutputStream(out, true);
        ch.setErrStream(err, true);
        ch.setPty(false);
        LOG.debug("{}: exec {}", where, line);
        try {
            ch.connect((int) Math.max(1, Math.min(Integer.MAX_VALUE, (deadline - System.nanoTime()) / 1_000_000)));
            ch.getOutputStream().close();
            return ch;
        } catch (JSchException | IOException e) {
            ch.disconnect();
            if (!session.isConnected()) {
                throw lost(subject, e);
            }
            if (gate.refusedWhileBusy()) {
                LOG.debug("{}: the server refused a channel while others were open; at most {} at once from now on",
                        where, gate.limit());
                return null;
            }
            throw new TargetException(TargetException.Reason.IO, subject, subject + ": the server refused the exec channel ("
                    + e.getMessage() + ")");
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
                throw new TargetException(TargetException.Reason.TIMEOUT, subject, subject + " did not finish within "
                        + Math.max(1, timeout.toSeconds()) + " s on " + where + " (stopped and its channel closed)");
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
            throw new TargetException(TargetException.Reason.IO, subject, subject + " ended without an exit status on " + where
                    + " (killed by a signal?)");
        }
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

    private TargetException lost(String subject, Exception e) {
        return new TargetException(TargetException.Reason.IO, subject, "the SSH connection to " + where + " was lost"
                + (subject.isEmpty() ? "" : " (during " + subject + ")")
                + (e == null || e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
}
