package de.tomaudit.probe.tls;

import java.util.Optional;

/** The protocol versions a probe asks for, with their wire codes and fact names. */
public enum TlsVersion {
    SSL_2(0x0002, "sslv2", "SSLv2"),
    SSL_3(0x0300, "sslv3", "SSLv3"),
    TLS_1_0(0x0301, "tls1_0", "TLS 1.0"),
    TLS_1_1(0x0302, "tls1_1", "TLS 1.1"),
    TLS_1_2(0x0303, "tls1_2", "TLS 1.2"),
    TLS_1_3(0x0304, "tls1_3", "TLS 1.3");

    private final int code;
    private final String factName;
    private final String display;

    TlsVersion(int code, String factName, String display) {
        this.code = code;
        this.factName = factName;
        this.display = display;
    }

    /** The two-byte version on the wire ({@code 0x0303} for TLS 1.2). */
    public int code() {
        return code;
    }

    /** Lower-case key used in facts: {@code sslv3}, {@code tls1_2}. */
    public String factName() {
        return factName;
    }

    public String display() {
        return display;
    }

    /** True for the versions a ServerHello in TLS record format can carry (SSLv3 to TLS 1.2). */
    public boolean isRecordLayerLegacy() {
        return this == SSL_3 || this == TLS_1_0 || this == TLS_1_1 || this == TLS_1_2;
    }

    public static Optional<TlsVersion> ofCode(int code) {
        for (TlsVersion v : values()) {
            if (v.code == code) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return display;
    }
}
