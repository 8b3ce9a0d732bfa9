package de.tomaudit.parse.sshd;

import de.tomaudit.i18n.AuditTexts;
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
            return Optional.of(AuditTexts.get("evidence.host.ssh-weak.dsa-key", String.valueOf(bits)));
        }
        if (type.equals("ssh-rsa") && bits < MIN_RSA_BITS) {
            return Optional.of(AuditTexts.get("evidence.host.ssh-weak.rsa-key", String.valueOf(bits), String.valueOf(MIN_RSA_BITS)));
        }
        return Optional.empty();
    }

    private static String kex(String n) {
        if (n.contains("group1-sha1") || n.startsWith("gss-group1-")) {
            return AuditTexts.get("evidence.host.ssh-weak.dh1024");
        }
        if (n.startsWith("rsa1024-")) {
            return AuditTexts.get("evidence.host.ssh-weak.rsa1024");
        }
        if (n.endsWith("-sha1") || n.contains("-sha1-") || n.endsWith("sha1@openssh.com")) {
            return AuditTexts.get("evidence.host.ssh-weak.kex-sha1");
        }
        return null;
    }

    private static String cipher(String n) {
        if (n.equals("none")) {
            return AuditTexts.get("evidence.host.ssh-weak.no-cipher");
        }
        if (n.startsWith("arcfour")) {
            return AuditTexts.get("evidence.host.ssh-weak.rc4");
        }
        if (n.startsWith("3des")) {
            return AuditTexts.get("evidence.host.ssh-weak.3des");
        }
        if (n.startsWith("des-") || n.equals("des")) {
            return AuditTexts.get("evidence.host.ssh-weak.des");
        }
        if (n.startsWith("blowfish") || n.startsWith("cast128") || n.startsWith("idea")) {
            return AuditTexts.get("evidence.host.ssh-weak.block64");
        }
        if (n.endsWith("-cbc") || n.contains("-cbc@")) {
            return AuditTexts.get("evidence.host.ssh-weak.cbc");
        }
        return null;
    }

    private static String mac(String n) {
        if (n.equals("none")) {
            return AuditTexts.get("evidence.host.ssh-weak.no-mac");
        }
        if (n.startsWith("hmac-md5")) {
            return AuditTexts.get("evidence.host.ssh-weak.md5");
        }
        if (n.startsWith("hmac-sha1-96") || n.contains("-96@") || n.endsWith("-96")) {
            return AuditTexts.get("evidence.host.ssh-weak.sha1-96");
        }
        if (n.startsWith("hmac-sha1")) {
            return AuditTexts.get("evidence.host.ssh-weak.sha1-mac");
        }
        if (n.startsWith("umac-64")) {
            return AuditTexts.get("evidence.host.ssh-weak.umac64");
        }
        return null;
    }

    private static String hostKeyAlgorithm(String n) {
        if (n.equals("ssh-rsa") || n.startsWith("ssh-rsa-cert")) {
            return AuditTexts.get("evidence.host.ssh-weak.ssh-rsa");
        }
        if (n.startsWith("ssh-dss")) {
            return AuditTexts.get("evidence.host.ssh-weak.ssh-dss");
        }
        return null;
    }
}
