package de.tomaudit.probe.tls;

/**
 * One cipher suite by its IANA (or, for pre-standard suites, its historical) name, with the
 * properties an audit needs: key exchange, authentication, bulk cipher and its strength, MAC.
 *
 * @param code   two-byte code (TLS, SSLv3) or three-byte code (SSLv2 cipher kinds)
 * @param kx     key exchange: RSA, DHE, ECDHE, DH, ECDH, PSK, DHE_PSK, ECDHE_PSK, RSA_PSK, SRP,
 *               KRB5, GOST, SM2, NULL, or ANY (TLS 1.3, negotiated separately)
 * @param auth   authentication: RSA, DSS, ECDSA, anon, PSK, KRB5, GOST, NULL, ANY
 * @param cipher bulk cipher as in the name: AES_128_GCM, 3DES_EDE_CBC, RC4_128, NULL, …
 * @param bits   effective symmetric key bits (3DES: 112, DES: 56, export: 40, NULL: 0)
 * @param mac    SHA, SHA256, SHA384, MD5, or AEAD
 * @param sslv2  an SSLv2 cipher kind rather than an SSLv3/TLS suite
 */
public record TlsSuite(int code, String name, String kx, String auth, String cipher, int bits, String mac,
                       boolean export, boolean tls13, boolean sslv2) {

    /** No server authentication: DH_anon, ECDH_anon, and TLS_NULL_WITH_NULL_NULL. */
    public boolean anonymous() {
        return auth.equals("anon") || auth.equals("NULL");
    }

    public boolean nullCipher() {
        return cipher.equals("NULL");
    }

    public boolean rc4() {
        return cipher.startsWith("RC4");
    }

    /** Single DES, including the 40-bit export variants. */
    public boolean des() {
        return (cipher.startsWith("DES") || cipher.startsWith("DES40")) && !tripleDes();
    }

    public boolean tripleDes() {
        return cipher.startsWith("3DES") || cipher.contains("EDE3");
    }

    public boolean aead() {
        return mac.equals("AEAD");
    }

    public boolean cbc() {
        return cipher.contains("CBC");
    }

    /** Ephemeral key exchange (DHE, ECDHE, TLS 1.3); anonymous suites are ephemeral but unauthenticated. */
    public boolean forwardSecrecy() {
        return tls13 || kx.startsWith("DHE") || kx.startsWith("ECDHE");
    }

    /** Uses finite-field Diffie-Hellman whose prime the server chooses (DHE, DH_anon). */
    public boolean ephemeralFiniteField() {
        return kx.startsWith("DHE") || (kx.equals("DH") && anonymous());
    }

    /** The code as written by testssl.sh and IANA: {@code 0xc02f}, SSLv2 {@code 0x010080}. */
    public String hex() {
        return sslv2 ? String.format("0x%06x", code) : String.format("0x%04x", code);
    }

    @Override
    public String toString() {
        return name + " (" + hex() + ")";
    }
}
