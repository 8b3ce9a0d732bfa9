package de.tomaudit.probe.tls;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a suite's properties from its IANA name ({@code TLS_<KX>_<AUTH>_WITH_<CIPHER>_<MAC>},
 * TLS 1.3 {@code TLS_<CIPHER>_<HASH>}). The registry's names are regular enough that this needs
 * no table; Bouncy Castle's own classification is preferred where it has one.
 */
final class SuiteNames {
    private static final List<String> MACS = List.of("SHA512", "SHA384", "SHA256", "SHA", "MD5", "GOSTR3411",
            "GOST94", "OMAC", "IMIT", "STREEBOG256", "SM3");
    private static final Pattern BITS = Pattern.compile("(?:^|_)(40|56|64|128|256)(?:_|$)");

    private SuiteNames() { }

    /**
     * The suite's properties from its name; {@code name} keeps its prefix (TLS_, SSL_). TLS 1.3
     * suites (told by the caller) negotiate key exchange and authentication separately: ANY.
     */
    static TlsSuite parse(int code, String name, boolean tls13) {
        String body = name.replaceFirst("^(TLS|SSL)_", "");
        int with = body.indexOf("_WITH_");
        String kxAuth;
        String cipherMac;
        if (tls13) {
            kxAuth = "ANY";
            cipherMac = with < 0 ? body : body.substring(with + 6);
        } else if (with < 0) {
            kxAuth = "ANY";
            cipherMac = body;
        } else {
            kxAuth = body.substring(0, with);
            cipherMac = body.substring(with + 6);
        }
        String mac = "";
        String cipher = cipherMac;
        for (String m : MACS) {
            if (cipherMac.endsWith("_" + m)) {
                mac = m;
                cipher = cipherMac.substring(0, cipherMac.length() - m.length() - 1);
                break;
            }
        }
        if (cipher.contains("GCM") || cipher.contains("CCM") || cipher.contains("POLY1305")
                || cipher.contains("MGM")) {
            mac = "AEAD";
        }
        if (tls13 && (cipher.equals("SHA256") || cipher.equals("SHA384"))) {
            cipher = "NULL"; // RFC 9150 integrity-only suites
        }
        if (mac.isEmpty()) {
            mac = cipherMac.equals("NULL_NULL") ? "NULL" : "UNKNOWN";
            cipher = cipherMac.equals("NULL_NULL") ? "NULL" : cipher;
        }
        boolean export = kxAuth.contains("EXPORT") || cipher.contains("EXPORT");
        String[] ka = keyExchange(kxAuth);
        return new TlsSuite(code, name, ka[0], ka[1], cipher, bits(cipher, export), mac, export, tls13, false);
    }

    /** {kx, auth} from the part before _WITH_ (export markers removed). */
    private static String[] keyExchange(String kxAuth) {
        String k = kxAuth.replaceAll("_?EXPORT(1024)?", "");
        return switch (k) {
            case "ANY" -> new String[] {"ANY", "ANY"};
            case "NULL" -> new String[] {"NULL", "NULL"};
            case "RSA" -> new String[] {"RSA", "RSA"};
            case "RSA_FIPS" -> new String[] {"RSA", "RSA"};
            case "PSK" -> new String[] {"PSK", "PSK"};
            case "RSA_PSK" -> new String[] {"RSA_PSK", "RSA"};
            case "DHE_PSK" -> new String[] {"DHE_PSK", "PSK"};
            case "ECDHE_PSK" -> new String[] {"ECDHE_PSK", "PSK"};
            case "KRB5" -> new String[] {"KRB5", "KRB5"};
            case "SRP_SHA" -> new String[] {"SRP", "SRP"};
            case "SRP_SHA_RSA" -> new String[] {"SRP", "RSA"};
            case "SRP_SHA_DSS" -> new String[] {"SRP", "DSS"};
            case "ECCPWD" -> new String[] {"ECCPWD", "PSK"};
            default -> split(k);
        };
    }

    private static String[] split(String k) {
        int us = k.indexOf('_');
        if (us < 0) {
            return k.startsWith("GOST") ? new String[] {"GOST", "GOST"} : new String[] {k, k};
        }
        String kx = k.substring(0, us);
        String auth = k.substring(us + 1);
        if (kx.startsWith("GOST") || kx.startsWith("CECPQ1")) {
            return new String[] {kx.startsWith("GOST") ? "GOST" : "CECPQ1", auth.startsWith("GOST") ? "GOST" : auth};
        }
        return new String[] {kx, auth};
    }

    /** Effective symmetric strength in bits. */
    static int bits(String cipher, boolean export) {
        String c = cipher.toUpperCase(Locale.ROOT);
        if (c.equals("NULL") || c.startsWith("NULL_")) {
            return 0;
        }
        if (c.contains("3DES") || c.contains("EDE3")) {
            return 112;
        }
        if (c.contains("DES40")) {
            return 40;
        }
        Matcher m = BITS.matcher(c);
        if (c.startsWith("DES") && !m.find()) {
            return 56;
        }
        if (c.startsWith("CHACHA20") || c.contains("KUZNYECHIK") || c.contains("MAGMA") || c.contains("28147")) {
            return 256;
        }
        if (c.startsWith("IDEA") || c.startsWith("SEED") || c.startsWith("SM4")) {
            return export ? 40 : 128;
        }
        m.reset();
        if (m.find()) {
            int b = Integer.parseInt(m.group(1));
            return c.startsWith("DES") && b == 64 ? 56 : b;
        }
        return export ? 40 : 0;
    }
}
