package de.tomaudit.target.ssh;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/** A host key as the server sent it (the SSH wire blob), with the names ssh prints for it. */
record PresentedHostKey(String host, byte[] blob) {

    /** The algorithm name inside the blob, e.g. {@code ssh-ed25519}, {@code ecdsa-sha2-nistp256}. */
    String algorithm() {
        try {
            ByteBuffer b = ByteBuffer.wrap(blob);
            int n = b.getInt();
            if (n <= 0 || n > 64 || n > b.remaining()) {
                return "unknown";
            }
            byte[] name = new byte[n];
            b.get(name);
            return new String(name, StandardCharsets.US_ASCII);
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    /** ED25519, ECDSA, RSA, … as {@code ssh} names the key type in its messages. */
    String type() {
        String a = algorithm();
        if (a.equals("ssh-ed25519")) {
            return "ED25519";
        }
        if (a.startsWith("ecdsa-")) {
            return "ECDSA";
        }
        if (a.equals("ssh-rsa")) {
            return "RSA";
        }
        if (a.equals("ssh-dss")) {
            return "DSA";
        }
        return a.toUpperCase(Locale.ROOT);
    }

    /** {@code SHA256:} and the unpadded base64 of the blob's SHA-256, exactly as ssh prints it. */
    String fingerprint() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JRE", e);
        }
    }

    /** The key as a known_hosts line would hold it: {@code algorithm base64}. */
    String publicKeyText() {
        return algorithm() + " " + Base64.getEncoder().encodeToString(blob);
    }
}
