package de.tomaudit.target;

/**
 * A read, stat, list or command on a target that did not succeed. The reason says what
 * kind of failure it was, so collectors can turn it into a not-applicable or error fact
 * with a message an admin understands.
 */
public class TargetException extends Exception {

    public enum Reason {
        NOT_FOUND, PERMISSION_DENIED, TOO_LARGE, BINARY, NOT_SUPPORTED, NOT_ALLOWED, TIMEOUT, SYMLINK_LOOP, IO
    }

    private final Reason reason;
    private final String subject;

    public TargetException(Reason reason, String subject, String message) {
        super(message);
        this.reason = reason;
        this.subject = subject;
    }

    public Reason reason() {
        return reason;
    }

    /** The path or command line this failure is about. */
    public String subject() {
        return subject;
    }

    /** True for failures that mean "there is nothing to audit here" rather than an error. */
    public boolean isAbsence() {
        return reason == Reason.NOT_FOUND || reason == Reason.NOT_SUPPORTED;
    }
}
