package de.tomaudit.probe.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import org.bouncycastle.tls.NamedGroup;

/**
 * Real public keys for the TLS 1.3 key_share extension (x25519 and secp256r1), generated once
 * per run with the JDK. The handshake never gets as far as using the private halves.
 */
final class KeyShares {

    record Share(int group, byte[] key) { }

    private static final class Holder {
        static final Share X25519 = x25519();
        static final Share P256 = secp256r1();
    }

    private KeyShares() { }

    static Share x25519Share() {
        return Holder.X25519;
    }

    static Share secp256r1Share() {
        return Holder.P256;
    }

    private static Share x25519() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("X25519");
            byte[] spki = g.generateKeyPair().getPublic().getEncoded();
            // SubjectPublicKeyInfo for X25519 ends with the raw 32-byte key (RFC 8410)
            return new Share(NamedGroup.x25519, Arrays.copyOfRange(spki, spki.length - 32, spki.length));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X25519 is part of every Java 11+ runtime", e);
        }
    }

    private static Share secp256r1() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            ECPublicKey pub = (ECPublicKey) g.generateKeyPair().getPublic();
            byte[] out = new byte[65];
            out[0] = 4; // uncompressed point
            copy32(pub.getW().getAffineX(), out, 1);
            copy32(pub.getW().getAffineY(), out, 33);
            return new Share(NamedGroup.secp256r1, out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("secp256r1 is part of every Java runtime", e);
        }
    }

    private static void copy32(BigInteger v, byte[] out, int offset) {
        byte[] b = v.toByteArray();
        int len = Math.min(b.length, 32);
        System.arraycopy(b, b.length - len, out, offset + 32 - len, len);
    }
}
