package de.tomaudit.probe.tls;

import de.tomaudit.i18n.AuditTexts;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges nothing, measures everything about a chain: validity dates, names against the service
 * name, a PKIX path to the system trust store (the JDK's cacerts, on Debian built from
 * /etc/ssl/certs), key type and size, signature algorithms.
 */
public final class CertificateInspector {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateInspector.class);
    private static final String XMPP_ADDR = "1.3.6.1.5.5.7.8.5";
    private static final String SRV_NAME = "1.3.6.1.5.5.7.8.7";

    private final java.util.concurrent.Future<Set<TrustAnchor>> anchorsSoon;

    public CertificateInspector(Set<TrustAnchor> anchors) {
        this.anchorsSoon = java.util.concurrent.CompletableFuture.completedFuture(Set.copyOf(anchors));
    }

    private CertificateInspector(java.util.concurrent.Future<Set<TrustAnchor>> anchorsSoon) {
        this.anchorsSoon = anchorsSoon;
    }

    /**
     * Uses the JVM's default trust store, read on a daemon thread from now on (parsing its ~150
     * certificates is a noticeable part of a TLS check's start-up, and the handshakes need none of it);
     * the first certificate judged waits for it.
     */
    public static CertificateInspector systemStore() {
        return new CertificateInspector(de.tomaudit.background.Background.start("tomaudit-trust-store",
                () -> Set.copyOf(systemAnchors())));
    }

    private Set<TrustAnchor> anchors() {
        try {
            return anchorsSoon.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Set.of();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.warn("{}", AuditTexts.get("probe.trust-store", e.getCause().toString()));
            return Set.of();
        }
    }

    static Set<TrustAnchor> systemAnchors() {
        Set<TrustAnchor> out = new HashSet<>();
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((KeyStore) null);
            for (var tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    for (X509Certificate c : x.getAcceptedIssuers()) {
                        out.add(new TrustAnchor(c, null));
                    }
                }
            }
        } catch (GeneralSecurityException e) {
            LOG.warn("{}", AuditTexts.get("probe.trust-store", String.valueOf(e.getMessage())));
        }
        return out;
    }

    public CertificateReport inspect(List<X509Certificate> chain, String expectedName, Instant now, String via, String protocol) {
        X509Certificate leaf = chain.get(0);
        Instant notBefore = leaf.getNotBefore().toInstant();
        Instant notAfter = leaf.getNotAfter().toInstant();
        long daysLeft = Duration.between(now, notAfter).toDays(); // whole days, toward zero

        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        List<String> xmpp = new ArrayList<>();
        List<String> srv = new ArrayList<>();
        readNames(leaf, dns, ips, xmpp, srv);
        boolean hasDnsSan = !dns.isEmpty();
        if (!hasDnsSan) {
            commonName(leaf.getSubjectX500Principal()).ifPresent(dns::add);
        }
        List<String> names = new ArrayList<>(dns);
        ips.forEach(i -> names.add("IP:" + i));
        xmpp.forEach(x -> names.add("xmppAddr:" + x));
        srv.forEach(s -> names.add("SRVName:" + s));
        boolean match = HostnameMatcher.matches(expectedName, dns, ips, xmpp, srv);

        boolean selfSigned = selfSigned(leaf);
        Trust trust = trust(chain, now, !now.isBefore(notBefore) && !now.isAfter(notAfter));

        List<String> sigs = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate c = chain.get(i);
            if (i > 0 && selfSigned(c)) {
                continue; // a root's own signature is not checked by anyone
            }
            sigs.add(c.getSigAlgName());
        }
        PublicKey key = leaf.getPublicKey();
        return new CertificateReport(expectedName, leaf.getSubjectX500Principal().getName(X500Principal.RFC2253),
                leaf.getIssuerX500Principal().getName(X500Principal.RFC2253), notBefore.toString(), notAfter.toString(),
                daysLeft, now.isAfter(notAfter), now.isBefore(notBefore), names, match, selfSigned, trust.trusted(),
                trust.complete(), trust.problem(), chain.size(), keyType(key), keyBits(key), leaf.getSigAlgName(), sigs,
                via, protocol);
    }

    private record Trust(boolean trusted, boolean complete, String problem) { }

    /**
     * A path from the leaf to an anchor at {@code now}. A leaf outside its own validity is judged by
     * tls.cert-expiry; here its signature is checked against its issuer and the issuer's path is
     * built instead, so an expired certificate from a trusted CA is "trusted, but expired".
     */
    private Trust trust(List<X509Certificate> chain, Instant now, boolean leafValidNow) {
        X509Certificate leaf = chain.get(0);
        Set<TrustAnchor> anchors = anchors();
        if (anchors.isEmpty()) {
            return new Trust(false, true, AuditTexts.get("probe.trust.no-store"));
        }
        if (leafValidNow) {
            return path(leaf, chain, now);
        }
        List<X509Certificate> candidates = new ArrayList<>(chain.subList(1, chain.size()));
        anchors.stream().map(TrustAnchor::getTrustedCert).filter(java.util.Objects::nonNull).forEach(candidates::add);
        for (X509Certificate issuer : candidates) {
            if (issuer.getSubjectX500Principal().equals(leaf.getIssuerX500Principal()) && signedBy(leaf, issuer)) {
                boolean anchor = anchors.stream().anyMatch(a -> issuer.equals(a.getTrustedCert()));
                return anchor ? new Trust(true, true, "") : path(issuer, chain, now);
            }
        }
        return path(leaf, chain, now); // no issuer at hand: the same diagnosis as for a valid leaf
    }

    private static boolean signedBy(X509Certificate c, X509Certificate issuer) {
        try {
            c.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private Trust path(X509Certificate start, List<X509Certificate> chain, Instant at) {
        X509Certificate leaf = chain.get(0);
        Set<TrustAnchor> anchors = anchors();
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(start);
            PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, target);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(at));
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(chain)));
            CertPathBuilder.getInstance("PKIX").build(params);
            return new Trust(true, true, "");
        } catch (CertPathBuilderException e) {
            if (selfSigned(leaf)) {
                return new Trust(false, true, AuditTexts.get("probe.trust.self-signed"));
            }
            X509Certificate last = chain.get(chain.size() - 1);
            if (selfSigned(last)) {
                return new Trust(false, true, AuditTexts.get("probe.trust.unknown-root", last.getSubjectX500Principal().getName(X500Principal.RFC2253)));
            }
            boolean issuerKnown = anchors.stream().anyMatch(a -> a.getTrustedCert() != null
                    && a.getTrustedCert().getSubjectX500Principal().equals(last.getIssuerX500Principal()));
            if (issuerKnown) {
                return new Trust(false, true, AuditTexts.get("probe.trust.no-path", String.valueOf(e.getMessage())));
            }
            return new Trust(false, false, AuditTexts.get("probe.trust.incomplete", last.getIssuerX500Principal().getName(X500Principal.RFC2253)));
        } catch (GeneralSecurityException e) {
            return new Trust(false, true, AuditTexts.get("probe.trust.failed", String.valueOf(e.getMessage())));
        }
    }

    static boolean selfSigned(X509Certificate c) {
        if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
            return false;
        }
        try {
            c.verify(c.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static void readNames(X509Certificate c, List<String> dns, List<String> ips, List<String> xmpp, List<String> srv) {
        Collection<List<?>> sans;
        try {
            sans = c.getSubjectAlternativeNames();
        } catch (java.security.cert.CertificateParsingException e) {
            return;
        }
        if (sans == null) {
            return;
        }
        for (List<?> san : sans) {
            if (san.size() < 2 || !(san.get(0) instanceof Integer type)) {
                continue;
            }
            Object value = san.get(1);
            switch (type) {
                case 2 -> dns.add(String.valueOf(value));
                case 7 -> ips.add(String.valueOf(value));
                case 0 -> otherName(value, xmpp, srv);
                default -> { }
            }
        }
    }

    /** XmppAddr (UTF8String) and SRVName (IA5String) from an otherName's DER encoding. */
    private static void otherName(Object value, List<String> xmpp, List<String> srv) {
        if (!(value instanceof byte[] der)) {
            return;
        }
        try {
            ASN1Primitive p = ASN1Primitive.fromByteArray(der);
            if (p instanceof ASN1TaggedObject t) {
                p = t.getBaseObject().toASN1Primitive();
            }
            ASN1Sequence seq = ASN1Sequence.getInstance(p);
            String oid = ASN1ObjectIdentifier.getInstance(seq.getObjectAt(0)).getId();
            ASN1Encodable v = seq.getObjectAt(1);
            while (v instanceof ASN1TaggedObject t) {
                v = t.getBaseObject();
            }
            if (!(v instanceof ASN1String s)) {
                return;
            }
            if (XMPP_ADDR.equals(oid)) {
                xmpp.add(s.getString());
            } else if (SRV_NAME.equals(oid)) {
                srv.add(s.getString());
            }
        } catch (java.io.IOException | RuntimeException e) {
            LOG.debug("unreadable otherName in a certificate: {}", e.toString());
        }
    }

    static Optional<String> commonName(X500Principal p) {
        for (String rdn : p.getName(X500Principal.RFC2253).split("(?<!\\\\),")) {
            if (rdn.toUpperCase(Locale.ROOT).startsWith("CN=")) {
                return Optional.of(rdn.substring(3).replace("\\", ""));
            }
        }
        return Optional.empty();
    }

    static String keyType(PublicKey key) {
        return switch (key.getAlgorithm()) {
            case "RSA", "RSASSA-PSS" -> "RSA";
            case "EC" -> "EC";
            case "EdDSA", "Ed25519" -> key.getEncoded().length <= 44 ? "Ed25519" : "Ed448";
            case "Ed448" -> "Ed448";
            case "DSA" -> "DSA";
            default -> key.getAlgorithm();
        };
    }

    static int keyBits(PublicKey key) {
        if (key instanceof RSAPublicKey r) {
            return r.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey e) {
            return e.getParams().getCurve().getField().getFieldSize();
        }
        if (key instanceof DSAPublicKey d) {
            return d.getParams().getP().bitLength();
        }
        return switch (keyType(key)) {
            case "Ed25519" -> 256;
            case "Ed448" -> 456;
            default -> 0;
        };
    }
}
