package de.tomaudit.cli;

/** A usage or configuration error: printed as one line, exit code 2. */
public class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
