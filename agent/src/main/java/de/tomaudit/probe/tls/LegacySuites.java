package de.tomaudit.probe.tls;

import java.util.List;

/**
 * The few suites Bouncy Castle's {@code CipherSuite} does not name: IANA's Kerberos suites,
 * the withdrawn EXPORT1024 drafts, pre-RFC ChaCha20, GOST and Netscape FIPS codes that old
 * servers still accept, and the SSLv2 cipher kinds (three bytes). Names as IANA and OpenSSL
 * history give them (cross-checked in tests against testssl.sh's cipher-mapping.txt).
 */
final class LegacySuites {

    record Entry(int code, String name) { }

    /** SSLv3/TLS codes missing from Bouncy Castle. */
    static final List<Entry> TLS = List.of(
            new Entry(0x001E, "TLS_KRB5_WITH_DES_CBC_SHA"),
            new Entry(0x001F, "TLS_KRB5_WITH_3DES_EDE_CBC_SHA"),
            new Entry(0x0020, "TLS_KRB5_WITH_RC4_128_SHA"),
            new Entry(0x0021, "TLS_KRB5_WITH_IDEA_CBC_SHA"),
            new Entry(0x0022, "TLS_KRB5_WITH_DES_CBC_MD5"),
            new Entry(0x0023, "TLS_KRB5_WITH_3DES_EDE_CBC_MD5"),
            new Entry(0x0024, "TLS_KRB5_WITH_RC4_128_MD5"),
            new Entry(0x0025, "TLS_KRB5_WITH_IDEA_CBC_MD5"),
            new Entry(0x0026, "TLS_KRB5_EXPORT_WITH_DES_CBC_40_SHA"),
            new Entry(0x0027, "TLS_KRB5_EXPORT_WITH_RC2_CBC_40_SHA"),
            new Entry(0x0028, "TLS_KRB5_EXPORT_WITH_RC4_40_SHA"),
            new Entry(0x0029, "TLS_KRB5_EXPORT_WITH_DES_CBC_40_MD5"),
            new Entry(0x002A, "TLS_KRB5_EXPORT_WITH_RC2_CBC_40_MD5"),
            new Entry(0x002B, "TLS_KRB5_EXPORT_WITH_RC4_40_MD5"),
            new Entry(0x0060, "TLS_RSA_EXPORT1024_WITH_RC4_56_MD5"),
            new Entry(0x0061, "TLS_RSA_EXPORT1024_WITH_RC2_CBC_56_MD5"),
            new Entry(0x0062, "TLS_RSA_EXPORT1024_WITH_DES_CBC_SHA"),
            new Entry(0x0063, "TLS_DHE_DSS_EXPORT1024_WITH_DES_CBC_SHA"),
            new Entry(0x0064, "TLS_RSA_EXPORT1024_WITH_RC4_56_SHA"),
            new Entry(0x0065, "TLS_DHE_DSS_EXPORT1024_WITH_RC4_56_SHA"),
            new Entry(0x0066, "TLS_DHE_DSS_WITH_RC4_128_SHA"),
            new Entry(0x0080, "TLS_GOSTR341094_WITH_28147_CNT_IMIT"),
            new Entry(0x0081, "TLS_GOSTR341001_WITH_28147_CNT_IMIT"),
            new Entry(0x0082, "TLS_GOSTR341094_WITH_NULL_GOSTR3411"),
            new Entry(0x0083, "TLS_GOSTR341001_WITH_NULL_GOSTR3411"),
            new Entry(0x16B7, "TLS_CECPQ1_RSA_WITH_CHACHA20_POLY1305_SHA256"),
            new Entry(0x16B8, "TLS_CECPQ1_ECDSA_WITH_CHACHA20_POLY1305_SHA256"),
            new Entry(0x16B9, "TLS_CECPQ1_RSA_WITH_AES_256_GCM_SHA384"),
            new Entry(0x16BA, "TLS_CECPQ1_ECDSA_WITH_AES_256_GCM_SHA384"),
            new Entry(0xCC13, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256_OLD"),
            new Entry(0xCC14, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256_OLD"),
            new Entry(0xCC15, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256_OLD"),
            new Entry(0xFEFE, "SSL_RSA_FIPS_WITH_DES_CBC_SHA"),
            new Entry(0xFEFF, "SSL_RSA_FIPS_WITH_3DES_EDE_CBC_SHA"),
            new Entry(0xFF00, "TLS_GOSTR341094_RSA_WITH_28147_CNT_MD5"),
            new Entry(0xFF01, "TLS_RSA_WITH_28147_CNT_GOST94"),
            new Entry(0xFFE0, "SSL_RSA_FIPS_WITH_3DES_EDE_CBC_SHA"),
            new Entry(0xFFE1, "SSL_RSA_FIPS_WITH_DES_CBC_SHA"));

    /** SSLv2 cipher kinds: code, name, cipher, bits, export. */
    record Sslv2Kind(int code, String name, String cipher, int bits, boolean export, String mac) { }

    static final List<Sslv2Kind> SSLV2 = List.of(
            new Sslv2Kind(0x010080, "SSL_CK_RC4_128_WITH_MD5", "RC4_128", 128, false, "MD5"),
            new Sslv2Kind(0x020080, "SSL_CK_RC4_128_EXPORT40_WITH_MD5", "RC4_128_EXPORT40", 40, true, "MD5"),
            new Sslv2Kind(0x030080, "SSL_CK_RC2_128_CBC_WITH_MD5", "RC2_128_CBC", 128, false, "MD5"),
            new Sslv2Kind(0x040080, "SSL_CK_RC2_128_CBC_EXPORT40_WITH_MD5", "RC2_128_CBC_EXPORT40", 40, true, "MD5"),
            new Sslv2Kind(0x050080, "SSL_CK_IDEA_128_CBC_WITH_MD5", "IDEA_128_CBC", 128, false, "MD5"),
            new Sslv2Kind(0x060040, "SSL_CK_DES_64_CBC_WITH_MD5", "DES_64_CBC", 56, false, "MD5"),
            new Sslv2Kind(0x060140, "SSL_CK_DES_64_CBC_WITH_SHA", "DES_64_CBC", 56, false, "SHA"),
            new Sslv2Kind(0x0700C0, "SSL_CK_DES_192_EDE3_CBC_WITH_MD5", "DES_192_EDE3_CBC", 112, false, "MD5"),
            new Sslv2Kind(0x0701C0, "SSL_CK_DES_192_EDE3_CBC_WITH_SHA", "DES_192_EDE3_CBC", 112, false, "SHA"),
            new Sslv2Kind(0x080080, "SSL_CK_RC4_64_WITH_MD5", "RC4_64", 64, false, "MD5"),
            new Sslv2Kind(0xFF8000, "SSL_CK_DES_64_CFB64_WITH_MD5_1", "DES_64_CFB64", 56, false, "MD5"),
            new Sslv2Kind(0x000000, "SSL_CK_NULL_WITH_MD5", "NULL", 0, false, "MD5"),
            new Sslv2Kind(0xFF8010, "SSL_CK_NULL", "NULL", 0, false, "NULL"));

    private LegacySuites() { }
}
