package de.tomaudit.probe.tls;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsUtils;

/**
 * Every cipher suite a probe offers: Bouncy Castle's {@link CipherSuite} constants (the IANA
 * registry, NULL/EXPORT/anon included) plus {@link LegacySuites}; signalling values (SCSVs) are
 * left out. Built once; immutable.
 */
public final class SuiteCatalog {
    private static final SuiteCatalog INSTANCE = build();

    private final Map<Integer, TlsSuite> tls;
    private final Map<Integer, TlsSuite> sslv2;
    private final Map<Integer, Boolean> tls12Only;

    private SuiteCatalog(Map<Integer, TlsSuite> tls, Map<Integer, TlsSuite> sslv2, Map<Integer, Boolean> tls12Only) {
        this.tls = Collections.unmodifiableMap(tls);
        this.sslv2 = Collections.unmodifiableMap(sslv2);
        this.tls12Only = Collections.unmodifiableMap(tls12Only);
    }

    public static SuiteCatalog get() {
        return INSTANCE;
    }

    /** The suite with this two-byte code, or a placeholder named {@code UNKNOWN_0x....}. */
    public TlsSuite tls(int code) {
        TlsSuite s = tls.get(code);
        return s != null ? s : new TlsSuite(code, String.format("UNKNOWN_0x%04x", code), "UNKNOWN", "UNKNOWN",
                "UNKNOWN", 0, "UNKNOWN", false, false, false);
    }

    public Optional<TlsSuite> find(int code) {
        return Optional.ofNullable(tls.get(code));
    }

    public TlsSuite sslv2(int code) {
        TlsSuite s = sslv2.get(code);
        return s != null ? s : new TlsSuite(code, String.format("SSL_CK_UNKNOWN_0x%06x", code), "RSA", "RSA",
                "UNKNOWN", 0, "UNKNOWN", false, false, true);
    }

    public List<TlsSuite> allTls() {
        return List.copyOf(tls.values());
    }

    public List<TlsSuite> allSslv2() {
        return List.copyOf(sslv2.values());
    }

    /**
     * The suites worth offering in a hello of this version: TLS 1.3 suites for TLS 1.3; every
     * other suite for TLS 1.2; for SSLv3 to TLS 1.1 every suite not defined for TLS 1.2 only
     * (a server that negotiates one there is broken, not weak).
     */
    public List<TlsSuite> offerable(TlsVersion version) {
        List<TlsSuite> out = new ArrayList<>();
        for (TlsSuite s : tls.values()) {
            boolean ok = switch (version) {
                case TLS_1_3 -> s.tls13();
                case TLS_1_2 -> !s.tls13();
                case SSL_3, TLS_1_0, TLS_1_1 -> !s.tls13() && !tls12Only.getOrDefault(s.code(), false);
                case SSL_2 -> false;
            };
            if (ok) {
                out.add(s);
            }
        }
        return out;
    }

    private static SuiteCatalog build() {
        Map<Integer, TlsSuite> tls = new LinkedHashMap<>();
        Map<Integer, Boolean> only12 = new LinkedHashMap<>();
        for (Field f : CipherSuite.class.getFields()) {
            if (f.getType() != int.class || !Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            int code;
            try {
                code = f.getInt(null);
            } catch (IllegalAccessException e) {
                continue;
            }
            String name = f.getName();
            if (CipherSuite.isSCSV(code) || tls.containsKey(code)) {
                continue;
            }
            Optional<ProtocolVersion> min = minimum(code);
            boolean tls13 = min.map(v -> v.equals(ProtocolVersion.TLSv13)).orElse(false);
            tls.put(code, SuiteNames.parse(code, name, tls13));
            only12.put(code, min.map(v -> v.equals(ProtocolVersion.TLSv12)).orElse(false));
        }
        for (LegacySuites.Entry e : LegacySuites.TLS) {
            if (!tls.containsKey(e.code())) {
                tls.put(e.code(), rename(SuiteNames.parse(e.code(), e.name().replace("_OLD", ""), false), e.name()));
                only12.put(e.code(), e.name().contains("CHACHA20") || e.name().contains("GCM"));
            }
        }
        Map<Integer, TlsSuite> v2 = new LinkedHashMap<>();
        for (LegacySuites.Sslv2Kind k : LegacySuites.SSLV2) {
            v2.put(k.code(), new TlsSuite(k.code(), k.name(), "RSA", "RSA", k.cipher(), k.bits(), k.mac(),
                    k.export(), false, true));
        }
        return new SuiteCatalog(tls, v2, only12);
    }

    private static TlsSuite rename(TlsSuite s, String name) {
        return new TlsSuite(s.code(), name, s.kx(), s.auth(), s.cipher(), s.bits(), s.mac(), s.export(), s.tls13(), s.sslv2());
    }

    private static Optional<ProtocolVersion> minimum(int code) {
        try {
            return Optional.ofNullable(TlsUtils.getMinimumVersion(code));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
