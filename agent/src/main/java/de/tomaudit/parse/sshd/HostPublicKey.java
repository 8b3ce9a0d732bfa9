package de.tomaudit.parse.sshd;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The type and size of a public key in OpenSSH's one-line format ({@code ssh-rsa AAAA… comment}),
 * read from the key blob itself (RFC 4253 6.6), not from the file name.
 */
public record HostPublicKey(String type, int bits) {

    /** The key on the first non-comment line, or empty when the text is not a public key. */
    public static Optional<HostPublicKey> parse(String text) {
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] parts = l.split("\\s+");
            if (parts.length < 2) {
                return Optional.empty();
            }
            try {
                return blob(parts[0], Base64.getDecoder().decode(parts[1]));
            } catch (IllegalArgumentException | java.nio.BufferUnderflowException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<HostPublicKey> blob(String declared, byte[] blob) {
        ByteBuffer b = ByteBuffer.wrap(blob);
        String type = new String(bytes(b), StandardCharsets.US_ASCII);
        if (!type.equals(declared)) {
            return Optional.empty();
        }
        int bits = switch (type) {
            case "ssh-rsa" -> {
                bytes(b); // public exponent
                yield new BigInteger(1, bytes(b)).bitLength();
            }
            case "ssh-dss" -> new BigInteger(1, bytes(b)).bitLength();
            case "ecdsa-sha2-nistp256", "sk-ecdsa-sha2-nistp256@openssh.com" -> 256;
            case "ecdsa-sha2-nistp384" -> 384;
            case "ecdsa-sha2-nistp521" -> 521;
            case "ssh-ed25519", "sk-ssh-ed25519@openssh.com" -> 256;
            default -> 0;
        };
        return Optional.of(new HostPublicKey(type, bits));
    }

    private static byte[] bytes(ByteBuffer b) {
        int len = b.getInt();
        if (len < 0 || len > b.remaining()) {
            throw new IllegalArgumentException("bad length in key blob");
        }
        byte[] out = new byte[len];
        b.get(out);
        return out;
    }
}
