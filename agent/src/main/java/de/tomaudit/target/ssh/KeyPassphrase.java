package de.tomaudit.target.ssh;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The passphrase of encrypted private keys. It never prints: {@link #toString()} says only that
 * it is redacted, and it is handed to JSch as a fresh copy each time, so no log line, exception or
 * record dump can show it. Comes from {@code TOMAUDIT_SSH_KEY_PASSPHRASE} (never a command-line
 * argument, which other users could read in the process list).
 */
public final class KeyPassphrase {
    /** The environment variable the CLI reads it from. */
    public static final String ENV = "TOMAUDIT_SSH_KEY_PASSPHRASE";
    private final byte[] bytes;

    private KeyPassphrase(byte[] bytes) {
        this.bytes = bytes;
    }

    public static KeyPassphrase of(String passphrase) {
        return new KeyPassphrase(passphrase.getBytes(StandardCharsets.UTF_8));
    }

    /** A copy JSch may use and wipe. */
    byte[] copy() {
        return Arrays.copyOf(bytes, bytes.length);
    }

    @Override
    public String toString() {
        return "KeyPassphrase[redacted]";
    }
}
