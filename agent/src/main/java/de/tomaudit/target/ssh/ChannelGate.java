package de.tomaudit.target.ssh;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.target.TargetException;
import java.util.concurrent.TimeUnit;

/**
 * How many channels (exec and SFTP) one connection opens at once. sshd allows {@code MaxSessions}
 * per connection (10 by default, 2 on hosts hardened after Lynis); collectors run in parallel. The
 * gate starts at {@link #START} and, when the server refuses a channel while others are open,
 * lowers itself to what the server evidently allows (at least {@link #FLOOR}) and lets the
 * refused request wait its turn. A server allowing a single channel cannot run commands next to
 * the SFTP channel: those then time out.
 */
final class ChannelGate {
    static final int START = 4;
    /** Never fewer: the SFTP channel stays open, and commands need one more. */
    static final int FLOOR = 2;
    private int limit;
    private int active;

    ChannelGate(int limit) {
        this.limit = limit;
    }

    /** Takes a slot, waiting until {@code deadline} (System.nanoTime) at most. */
    synchronized void acquire(long deadline, String subject) throws TargetException {
        while (active >= limit) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TargetException(TargetException.Reason.TIMEOUT, subject, AuditTexts.get("ssh.no-free-channel", subject,
                        String.valueOf(limit)));
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TargetException(TargetException.Reason.TIMEOUT, subject, subject + ": interrupted");
            }
        }
        active++;
    }

    synchronized void release() {
        active--;
        notifyAll();
    }

    /**
     * The server refused a channel while the caller held a slot. When other channels are open,
     * that is the server's limit (or it is still closing a channel we already closed): lower ours
     * to them, but not below {@link #FLOOR}, and return true (release, {@link #pause}, try again);
     * with no other channel open it is a real refusal (false).
     */
    synchronized boolean refusedWhileBusy() {
        int others = active - 1;
        if (others <= 0) {
            return false;
        }
        limit = Math.max(FLOOR, Math.min(limit, others));
        return true;
    }

    /** Waits a little before a retry (or less, when a slot is freed meanwhile). */
    synchronized void pause(long deadline, int attempt) {
        long wait = Math.min(deadline - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(Math.min(100, 5L << Math.min(attempt, 5))));
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.timedWait(this, wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    synchronized int limit() {
        return limit;
    }
}
