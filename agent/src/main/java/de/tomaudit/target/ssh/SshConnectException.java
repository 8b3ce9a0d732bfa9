package de.tomaudit.target.ssh;

/** The target could not be reached or logged into; the message says why and what to do. */
public final class SshConnectException extends Exception {
    private final String stage;

    public SshConnectException(String stage, String message) {
        super(message);
        this.stage = stage;
    }

    /** Where it failed: {@code ssh} (connect, host key, login). */
    public String stage() {
        return stage;
    }
}
