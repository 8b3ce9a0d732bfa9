package de.tomaudit.target.bundle;

/** A bundle that cannot be audited at all: not a tar.gz, tampered, hostile or malformed. */
public final class BundleException extends Exception {

    public BundleException(String message) {
        super(message);
    }
}
