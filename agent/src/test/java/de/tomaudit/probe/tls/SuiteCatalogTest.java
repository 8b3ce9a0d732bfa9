package de.tomaudit.probe.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class SuiteCatalogTest {
    private final SuiteCatalog catalog = SuiteCatalog.get();

    @Test
    void classifiesSuitesFromTheirNames() {
        TlsSuite gcm = catalog.tls(0xc02f);
        assertEquals("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", gcm.name());
        assertEquals("ECDHE", gcm.kx());
        assertEquals("RSA", gcm.auth());
        assertEquals("AES_128_GCM", gcm.cipher());
        assertEquals(128, gcm.bits());
        assertTrue(gcm.aead() && gcm.forwardSecrecy() && !gcm.cbc());

        TlsSuite tripleDes = catalog.tls(0x000a);
        assertTrue(tripleDes.tripleDes());
        assertEquals(112, tripleDes.bits());
        assertFalse(tripleDes.forwardSecrecy());

        TlsSuite export = catalog.tls(0x0003);
        assertTrue(export.export() && export.rc4());
        assertEquals(40, export.bits());

        TlsSuite anon = catalog.tls(0xc018);
        assertTrue(anon.anonymous());
        assertEquals("ECDH", anon.kx());

        TlsSuite nullSuite = catalog.tls(0x003b);
        assertTrue(nullSuite.nullCipher());
        assertEquals(0, nullSuite.bits());

        TlsSuite des = catalog.tls(0x0009);
        assertTrue(des.des() && !des.tripleDes());
        assertEquals(56, des.bits());

        TlsSuite tls13 = catalog.tls(0x1303);
        assertTrue(tls13.tls13() && tls13.forwardSecrecy());
        assertEquals(256, tls13.bits());

        TlsSuite dhe = catalog.tls(0x0033);
        assertTrue(dhe.ephemeralFiniteField());

        TlsSuite krb5 = catalog.tls(0x0020); // not in Bouncy Castle: from LegacySuites
        assertEquals("TLS_KRB5_WITH_RC4_128_SHA", krb5.name());
        assertTrue(krb5.rc4());

        TlsSuite nothing = catalog.tls(0x0000);
        assertTrue(nothing.nullCipher() && nothing.anonymous(), "TLS_NULL_WITH_NULL_NULL is offered too: accepting it is the worst case");

        TlsSuite export1024 = catalog.tls(0x0064);
        assertTrue(export1024.export());
        assertEquals(56, export1024.bits());
    }

    @Test
    void signallingValuesAreNeverOffered() {
        assertTrue(catalog.find(0x00ff).isEmpty());
        assertTrue(catalog.find(0x5600).isEmpty());
        assertTrue(catalog.offerable(TlsVersion.TLS_1_2).stream().noneMatch(TlsSuite::tls13));
        assertTrue(catalog.offerable(TlsVersion.TLS_1_3).stream().allMatch(TlsSuite::tls13));
        assertTrue(catalog.offerable(TlsVersion.TLS_1_0).stream().noneMatch(s -> s.aead()), "no GCM suites in TLS 1.0 hellos");
    }

    /** testssl.sh ships its own mapping of codes to IANA names: ours must cover it and agree. */
    @Test
    void agreesWithTestsslCipherMapping() throws Exception {
        Path mapping = Path.of("/etc/testssl/cipher-mapping.txt");
        Assumptions.assumeTrue(Files.isReadable(mapping), "testssl.sh is not installed");
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (String line : Files.readAllLines(mapping)) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 4 || !f[0].startsWith("0x")) {
                continue;
            }
            String[] bytes = f[0].split(",");
            String iana = f[3];
            if (iana.equals("-")) {
                continue; // no IANA name (private GOST codes)
            }
            if (bytes.length == 3) {
                int code = Integer.decode(bytes[0]) << 16 | Integer.decode(bytes[1]) << 8 | Integer.decode(bytes[2]);
                if (!catalog.sslv2(code).name().equals(iana)) {
                    problems.add(f[0] + " " + iana + " vs " + catalog.sslv2(code).name());
                }
            } else {
                int code = Integer.decode(bytes[0]) << 8 | Integer.decode(bytes[1]);
                var s = catalog.find(code);
                if (s.isEmpty()) {
                    problems.add(f[0] + " " + iana + " missing");
                } else if (!normal(s.get().name()).equals(normal(iana))) {
                    problems.add(f[0] + " " + iana + " vs " + s.get().name());
                }
            }
            checked++;
        }
        assertTrue(checked > 350, "checked " + checked);
        assertTrue(problems.isEmpty(), problems.size() + " differences: " + problems);
    }

    /** Spelling variants between registries: SSL_ vs TLS_ prefix, CBC_ in RC2 names, case of anon. */
    private static String normal(String n) {
        return n.replaceFirst("^SSL_", "TLS_").replace("RC2_CBC_56", "RC2_56").replace("_anon_", "_ANON_").toUpperCase();
    }
}
