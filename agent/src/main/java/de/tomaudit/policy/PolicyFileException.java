package de.tomaudit.policy;

/** A claims file that cannot be read or does not follow the format; the message names file and line. */
public final class PolicyFileException extends Exception {
    private static final long serialVersionUID = 1L;

    public PolicyFileException(String message) {
        super(message);
    }
}
