package de.tomaudit.probe.tls;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ExtensionType;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureScheme;

/**
 * A ClientHello record built byte by byte (RFC 6101 for SSLv3, RFC 5246 for TLS 1.0 to 1.2,
 * RFC 8446 for TLS 1.3), so any version and any suite can be offered, including those no
 * modern TLS library will send.
 */
public final class ClientHello {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern HOST_NAME = Pattern.compile("(?i)[a-z0-9](?:[a-z0-9-]{0,62})(?:\\.[a-z0-9-]{1,63})*\\.?");
    private static final int HANDSHAKE = 22;
    private static final int CLIENT_HELLO = 1;

    /** Signature schemes a probe accepts: every certificate type (RFC 8446 4.2.3, RFC 5246 7.4.1.4.1). */
    private static final int[] SIGNATURE_SCHEMES = {
        SignatureScheme.ecdsa_secp256r1_sha256, SignatureScheme.ecdsa_secp384r1_sha384,
        SignatureScheme.ecdsa_secp521r1_sha512, SignatureScheme.ed25519, SignatureScheme.ed448,
        SignatureScheme.rsa_pss_rsae_sha256, SignatureScheme.rsa_pss_rsae_sha384, SignatureScheme.rsa_pss_rsae_sha512,
        SignatureScheme.rsa_pss_pss_sha256, SignatureScheme.rsa_pss_pss_sha384, SignatureScheme.rsa_pss_pss_sha512,
        SignatureScheme.rsa_pkcs1_sha256, SignatureScheme.rsa_pkcs1_sha384, SignatureScheme.rsa_pkcs1_sha512,
        SignatureScheme.ecdsa_brainpoolP256r1tls13_sha256, SignatureScheme.ecdsa_brainpoolP384r1tls13_sha384,
        SignatureScheme.ecdsa_brainpoolP512r1tls13_sha512, SignatureScheme.sm2sig_sm3,
        pair(HashAlgorithm.sha224, SignatureAlgorithm.ecdsa), pair(HashAlgorithm.sha224, SignatureAlgorithm.rsa),
        pair(HashAlgorithm.sha224, SignatureAlgorithm.dsa), pair(HashAlgorithm.sha256, SignatureAlgorithm.dsa),
        pair(HashAlgorithm.sha384, SignatureAlgorithm.dsa), pair(HashAlgorithm.sha512, SignatureAlgorithm.dsa),
        SignatureScheme.ecdsa_sha1, SignatureScheme.rsa_pkcs1_sha1, pair(HashAlgorithm.sha1, SignatureAlgorithm.dsa),
    };

    private final TlsVersion version;
    private final List<Integer> suites;
    private String serverName = "";
    private List<Integer> groups = List.of();
    private boolean keyShares = true;
    private List<TlsVersion> supportedVersions = List.of();

    private ClientHello(TlsVersion version, List<Integer> suites) {
        if (version == TlsVersion.SSL_2) {
            throw new IllegalArgumentException("SSLv2 hellos are built by Sslv2ClientHello");
        }
        this.version = version;
        this.suites = List.copyOf(suites);
    }

    /** A hello offering {@code version} (for TLS 1.3: supported_versions with 1.3 only) and these suites. */
    public static ClientHello of(TlsVersion version, List<Integer> suites) {
        ClientHello h = new ClientHello(version, suites);
        if (version == TlsVersion.TLS_1_3) {
            h.supportedVersions = List.of(TlsVersion.TLS_1_3);
            h.groups = NamedGroups.forTls13();
        } else {
            h.groups = NamedGroups.forLegacy();
        }
        return h;
    }

    /** SNI; ignored when empty or an IP literal (RFC 6066 allows host names only). */
    public ClientHello serverName(String name) {
        this.serverName = name == null ? "" : name;
        return this;
    }

    public ClientHello groups(List<Integer> groups) {
        this.groups = List.copyOf(groups);
        return this;
    }

    /** TLS 1.3: whether to send x25519/secp256r1 key shares; without, the server must answer with a HelloRetryRequest naming its group. */
    public ClientHello keyShares(boolean send) {
        this.keyShares = send;
        return this;
    }

    /** Versions for the supported_versions extension, highest first (TLS 1.2 hellos may also list 1.3). */
    public ClientHello supportedVersions(List<TlsVersion> versions) {
        this.supportedVersions = List.copyOf(versions);
        return this;
    }

    public byte[] toBytes() {
        boolean tls13Hello = !supportedVersions.isEmpty() && supportedVersions.contains(TlsVersion.TLS_1_3);
        int legacyVersion = tls13Hello ? TlsVersion.TLS_1_2.code() : version.code();

        WireWriter body = new WireWriter();
        body.u16(legacyVersion);
        body.bytes(random(32));
        if (tls13Hello) {
            body.u8(32).bytes(random(32)); // middlebox compatibility mode (RFC 8446 D.4)
        } else {
            body.u8(0);
        }
        body.begin(2);
        for (int s : suites) {
            body.u16(s);
        }
        if (version == TlsVersion.SSL_3) {
            body.u16(CipherSuite.TLS_EMPTY_RENEGOTIATION_INFO_SCSV);
        }
        body.end();
        body.u8(1).u8(0); // compression: null only
        if (version != TlsVersion.SSL_3) {
            extensions(body, tls13Hello);
        }
        byte[] hello = body.toByteArray();

        WireWriter record = new WireWriter();
        record.u8(HANDSHAKE).u16(version == TlsVersion.SSL_3 ? TlsVersion.SSL_3.code() : TlsVersion.TLS_1_0.code());
        record.begin(2).u8(CLIENT_HELLO).u24(hello.length).bytes(hello).end();
        return record.toByteArray();
    }

    private void extensions(WireWriter w, boolean tls13Hello) {
        WireWriter e = new WireWriter();
        if (isHostName(serverName)) {
            byte[] name = serverName.replaceAll("\\.$", "").getBytes(StandardCharsets.US_ASCII);
            e.u16(ExtensionType.server_name).begin(2).begin(2).u8(0).begin(2).bytes(name).end().end().end();
        }
        e.u16(ExtensionType.ec_point_formats).begin(2).begin(1).u8(0).u8(1).u8(2).end().end();
        if (!groups.isEmpty()) {
            e.u16(ExtensionType.supported_groups).begin(2).begin(2);
            groups.forEach(e::u16);
            e.end().end();
        }
        e.u16(ExtensionType.session_ticket).u16(0);
        e.u16(ExtensionType.extended_master_secret).u16(0);
        if (version == TlsVersion.TLS_1_2 || version == TlsVersion.TLS_1_3 || tls13Hello) {
            e.u16(ExtensionType.signature_algorithms).begin(2).begin(2);
            for (int s : SIGNATURE_SCHEMES) {
                e.u16(s);
            }
            e.end().end();
        }
        if (!supportedVersions.isEmpty()) {
            e.u16(ExtensionType.supported_versions).begin(2).begin(1);
            supportedVersions.forEach(v -> e.u16(v.code()));
            e.end().end();
        }
        if (tls13Hello) {
            e.u16(ExtensionType.psk_key_exchange_modes).begin(2).begin(1).u8(1).end().end();
            e.u16(ExtensionType.key_share).begin(2).begin(2);
            if (keyShares) {
                for (KeyShares.Share s : List.of(KeyShares.x25519Share(), KeyShares.secp256r1Share())) {
                    if (groups.contains(s.group())) {
                        e.u16(s.group()).begin(2).bytes(s.key()).end();
                    }
                }
            }
            e.end().end();
        }
        e.u16(ExtensionType.renegotiation_info).begin(2).u8(0).end();
        byte[] ext = e.toByteArray();
        // Some servers hang on hellos of 256 to 511 bytes (RFC 7685 section 4): pad those to 512.
        int helloSize = 4 + w.size() + 2 + ext.length;
        w.begin(2).bytes(ext);
        if (helloSize >= 256 && helloSize < 512) {
            int pad = Math.max(1, 512 - helloSize - 4);
            w.u16(ExtensionType.padding).begin(2).bytes(new byte[pad]).end();
        }
        w.end();
    }

    static boolean isHostName(String name) {
        return !name.isEmpty() && name.length() <= 253 && HOST_NAME.matcher(name).matches()
                && !name.matches("[0-9.]+") && !name.contains(":");
    }

    private static int pair(short hash, short signature) {
        return ((hash & 0xff) << 8) | (signature & 0xff);
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** Every suite list must fit a hello; callers offer at most this many at once. */
    public static final int MAX_SUITES_PER_HELLO = 128;
}
