package de.tomaudit.parse.sshd;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which SSH algorithms are weak, following BSI TR-02102-4 (SSH) and OpenSSH's own deprecations:
 * SHA-1 and 1024-bit groups in key exchange, CBC, 3DES, RC4 and 64-bit block ciphers, MD5, SHA-1,
 * truncated and 64-bit-tag MACs, SHA-1 RSA signatures and DSA host keys, RSA host keys under
 * 3000 bits. Usable for names read from a configuration, from {@code sshd -T}, or offered on the
 * wire by a server (a network probe).
 */
public final class WeakAlgorithms {

    /** The algorithm family; {@link #fact()} is the name used in facts. */
    public enum Kind {
        KEX("kex"), CIPHER("cipher"), MAC("mac"), HOST_KEY_ALGORITHM("hostkeyalgorithm"), HOST_KEY("hostkey");

        private final String fact;

        Kind(String fact) {
            this.fact = fact;
        }

        public String fact() {
            return fact;
        }
    }

    /** RSA keys below this size fall short of BSI TR-02102-4. */
    public static final int MIN_RSA_BITS = 3000;

    private WeakAlgorithms() { }

    public static List<WeakAlgorithm> classify(Kind kind, List<String> names) {
        List<WeakAlgorithm> out = new ArrayList<>();
        for (String name : names) {
            reason(kind, name).ifPresent(r -> out.add(new WeakAlgorithm(name, kind, r)));
        }
        return out;
    }

    /** Why the named algorithm is weak, or empty when it is not. */
    public static Optional<String> reason(Kind kind, String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return Optional.ofNullable(switch (kind) {
            case KEX -> kex(n);
            case CIPHER -> cipher(n);
            case MAC -> mac(n);
            case HOST_KEY_ALGORITHM -> hostKeyAlgorithm(n);
            case HOST_KEY -> null;
        });
    }

    /** A host key judged by its type and size ({@code ssh-rsa}, 2048). */
    public static Optional<String> hostKey(String type, int bits) {
        if (type.equals("ssh-dss")) {
            return Optional.of("DSA host key (" + bits + " bit, SHA-1 signatures; removed from OpenSSH 9.8)");
        }
        if (type.equals("ssh-rsa") && bits < MIN_RSA_BITS) {
            return Optional.of("RSA host key of " + bits + " bit, below the " + MIN_RSA_BITS
                    + " bit BSI TR-02102-4 asks for");
        }
        return Optional.empty();
    }

    private static String kex(String n) {
        if (n.contains("group1-sha1") || n.startsWith("gss-group1-")) {
            return "1024-bit Diffie-Hellman group (Logjam) with SHA-1";
        }
        if (n.startsWith("rsa1024-")) {
            return "1024-bit RSA key exchange";
        }
        if (n.endsWith("-sha1") || n.contains("-sha1-") || n.endsWith("sha1@openssh.com")) {
            return "key exchange hash is SHA-1";
        }
        return null;
    }

    private static String cipher(String n) {
        if (n.equals("none")) {
            return "no encryption";
        }
        if (n.startsWith("arcfour")) {
            return "RC4 stream cipher (broken)";
        }
        if (n.startsWith("3des")) {
            return "3DES: 64-bit block cipher (Sweet32) in CBC mode";
        }
        if (n.startsWith("des-") || n.equals("des")) {
            return "single DES (56-bit key)";
        }
        if (n.startsWith("blowfish") || n.startsWith("cast128") || n.startsWith("idea")) {
            return "64-bit block cipher in CBC mode";
        }
        if (n.endsWith("-cbc") || n.contains("-cbc@")) {
            return "CBC mode (plaintext recovery, CVE-2008-5161)";
        }
        return null;
    }

    private static String mac(String n) {
        if (n.equals("none")) {
            return "no integrity protection";
        }
        if (n.startsWith("hmac-md5")) {
            return "MD5-based MAC";
        }
        if (n.startsWith("hmac-sha1-96") || n.contains("-96@") || n.endsWith("-96")) {
            return "SHA-1 MAC truncated to 96 bits";
        }
        if (n.startsWith("hmac-sha1")) {
            return "SHA-1-based MAC";
        }
        if (n.startsWith("umac-64")) {
            return "64-bit authentication tag";
        }
        return null;
    }

    private static String hostKeyAlgorithm(String n) {
        if (n.equals("ssh-rsa") || n.startsWith("ssh-rsa-cert")) {
            return "RSA signatures with SHA-1";
        }
        if (n.startsWith("ssh-dss")) {
            return "DSA signatures (1024 bit, SHA-1)";
        }
        return null;
    }
}
