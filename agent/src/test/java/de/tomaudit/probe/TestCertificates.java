package de.tomaudit.probe;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates made in tests with Bouncy Castle: CA, intermediate and leaves with chosen flaws. */
public final class TestCertificates {
    private static final AtomicLong SERIAL = new AtomicLong(1000);

    /** A key and its certificate; {@code chain} is leaf first, without the root. */
    public record Issued(KeyPair keys, X509Certificate certificate, List<X509Certificate> chain) { }

    private TestCertificates() { }

    public static KeyPair ec256() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static Issued root(String cn) {
        KeyPair k = ec256();
        return new Issued(k, build(cn, k, cn, k.getPrivate(), true, Instant.now().minus(Duration.ofDays(2000)),
                Instant.now().plus(Duration.ofDays(3650)), List.of(), "SHA256withECDSA"), List.of());
    }

    public static Issued intermediate(Issued root, String cn) {
        KeyPair k = ec256();
        X509Certificate c = build(cn, k, subject(root), root.keys().getPrivate(), true,
                Instant.now().minus(Duration.ofDays(2000)), Instant.now().plus(Duration.ofDays(3000)), List.of(), "SHA256withECDSA");
        return new Issued(k, c, List.of(c));
    }

    /** A leaf signed by {@code issuer}; names are DNS names, "IP:x" for IP addresses, "XMPP:domain" for XmppAddr. */
    public static Issued leaf(Issued issuer, KeyPair keys, Instant from, Instant until, String signature, String... names) {
        X509Certificate c = build(names.length == 0 ? "leaf" : names[0].replaceFirst("^(IP|XMPP):", ""), keys,
                subject(issuer), issuer.keys().getPrivate(), false, from, until, List.of(names), signature);
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(c);
        chain.addAll(issuer.chain());
        return new Issued(keys, c, chain);
    }

    public static Issued leaf(Issued issuer, String... names) {
        return leaf(issuer, ec256(), Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(90)),
                issuer.keys().getPublic().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA", names);
    }

    public static Issued selfSigned(KeyPair keys, String... names) {
        X509Certificate c = build(names[0], keys, names[0], keys.getPrivate(), false, Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(90)), List.of(names),
                keys.getPublic().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA");
        return new Issued(keys, c, List.of(c));
    }

    /** A TLS server context serving this key and chain. */
    public static SSLContext serverContext(Issued leaf) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("k", leaf.keys().getPrivate(), "x".toCharArray(), leaf.chain().toArray(new X509Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
            kmf.init(ks, "x".toCharArray());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(Issued i) {
        return i.certificate().getSubjectX500Principal().getName().replaceFirst("^CN=", "");
    }

    private static X509Certificate build(String cn, KeyPair keys, String issuerCn, PrivateKey issuerKey, boolean ca,
                                         Instant from, Instant until, List<String> names, String signature) {
        try {
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name("CN=" + issuerCn),
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(from), Date.from(until), new X500Name("CN=" + cn),
                    keys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (!names.isEmpty()) {
                List<GeneralName> g = new ArrayList<>();
                for (String n : names) {
                    if (n.startsWith("IP:")) {
                        g.add(new GeneralName(GeneralName.iPAddress, n.substring(3)));
                    } else if (n.startsWith("XMPP:")) {
                        g.add(new GeneralName(GeneralName.otherName, new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
                            new ASN1ObjectIdentifier("1.3.6.1.5.5.7.8.5"), new DERTaggedObject(true, 0, new DERUTF8String(n.substring(5)))})));
                    } else {
                        g.add(new GeneralName(GeneralName.dNSName, n));
                    }
                }
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(g.toArray(new GeneralName[0])));
            }
            return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder(signature).build(issuerKey)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
