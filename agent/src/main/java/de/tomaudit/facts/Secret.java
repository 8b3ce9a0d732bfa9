package de.tomaudit.facts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A secret value (key, password, shared secret) reduced at the moment it is read to what
 * an audit may know about it: its length, its character classes and its SHA-256. The raw
 * value is never stored, so nothing downstream (rules, reports, history, logs) can leak it.
 * It prints as {@code redacted (sha256:ab12cd34)}, so a change between runs stays visible.
 */
public final class Secret {
    private final String sha256;
    private final int length;
    private final int distinctChars;
    private final boolean blank;

    private Secret(String sha256, int length, int distinctChars, boolean blank) {
        this.sha256 = sha256;
        this.length = length;
        this.distinctChars = distinctChars;
        this.blank = blank;
    }

    public static Secret of(String raw) {
        String value = raw == null ? "" : raw;
        return new Secret(sha256Hex(value), value.length(),
                (int) value.chars().distinct().count(), value.isBlank());
    }

    public static String sha256Hex(String value) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JRE", e);
        }
    }

    /** Full hex SHA-256, for comparing against hashes of known sample values. */
    public String sha256() { return sha256; }

    public int length() { return length; }

    public int distinctChars() { return distinctChars; }

    public boolean blank() { return blank; }

    /** True when the secret equals the given known value (compared by hash only). */
    public boolean matches(String knownSha256) {
        return sha256.equalsIgnoreCase(knownSha256);
    }

    @Override
    public String toString() {
        return "redacted (sha256:" + sha256.substring(0, 8) + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.sha256.equals(sha256);
    }

    @Override
    public int hashCode() {
        return sha256.hashCode();
    }
}
