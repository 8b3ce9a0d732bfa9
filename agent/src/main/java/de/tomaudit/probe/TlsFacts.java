package de.tomaudit.probe;

import de.tomaudit.facts.FactSet;
import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.probe.tls.CertificateReport;
import de.tomaudit.probe.tls.NamedGroups;
import de.tomaudit.probe.tls.TlsScan;
import de.tomaudit.probe.tls.TlsSuite;
import de.tomaudit.probe.tls.TlsVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The {@code tls.*} facts from the probe results. */
final class TlsFacts {
    static final String PROTOCOLS = "tls.protocols";
    static final String SUITES = "tls.suites";
    static final String ORDER = "tls.cipher_order";
    static final String KEY_EXCHANGE = "tls.key_exchange";
    static final String COMPLETE = "tls.complete";
    static final String CERTIFICATES = "tls.certificates";
    static final String CERTIFICATES_COMPLETE = "tls.certificates_complete";
    static String none() {
        return AuditTexts.get("evidence.probe.tls.none");
    }

    private TlsFacts() { }

    static void put(List<EndpointResult> results, FactSet.Builder facts) {
        AspectFacts protocols = new AspectFacts("tls");
        AspectFacts suites = new AspectFacts("tls");
        AspectFacts order = new AspectFacts("tls");
        AspectFacts kx = new AspectFacts("tls");
        AspectFacts certs = new AspectFacts("tls");
        for (EndpointResult r : results) {
            Endpoint e = r.endpoint();
            if (!e.tls() || r.status() == EndpointResult.Status.SKIPPED) {
                continue;
            }
            List<AspectFacts> enumeration = List.of(protocols, suites, order, kx);
            if (r.status() == EndpointResult.Status.ERROR) {
                enumeration.forEach(x -> x.error(r.reason()));
                certs.error(r.reason());
                continue;
            }
            r.scan().ifPresent(a -> {
                a.failure().ifPresent(m -> enumeration.forEach(x -> x.error(m)));
                a.value().ifPresent(scan -> {
                    enumeration.forEach(x -> x.probed(e));
                    scan(e, scan, protocols, suites, order, kx);
                });
            });
            r.certificate().ifPresent(a -> {
                a.failure().ifPresent(certs::error);
                a.value().ifPresent(c -> {
                    certs.probed(e);
                    certs.add(e, certificate(certs.entry(e), c), certificateText(c));
                });
            });
        }
        protocols.put(facts, PROTOCOLS, COMPLETE, none());
        // suites, order and groups share the enumeration's completeness
        suites.put(facts, SUITES, null, none());
        order.put(facts, ORDER, null, none());
        kx.put(facts, KEY_EXCHANGE, null, none());
        certs.put(facts, CERTIFICATES, CERTIFICATES_COMPLETE, none());
    }

    private static void scan(Endpoint e, TlsScan scan, AspectFacts protocols, AspectFacts suites, AspectFacts order,
                             AspectFacts kx) {
        Map<String, Object> p = protocols.entry(e);
        List<String> offered = new ArrayList<>();
        for (TlsVersion v : TlsVersion.values()) {
            p.put(v.factName(), scan.supports(v));
            if (scan.supports(v)) {
                offered.add(v.display());
            }
        }
        p.put("offered", offered);
        p.put("notes", scan.notes());
        protocols.add(e, p, offered.isEmpty() ? AuditTexts.get("evidence.probe.tls.no-version")
                : AuditTexts.get("evidence.probe.tls.offers", String.join(", ", offered)));

        for (TlsVersion v : TlsVersion.values()) {
            List<TlsSuite> list = scan.accepted().getOrDefault(v, List.of());
            if (list.isEmpty()) {
                continue;
            }
            for (TlsSuite s : list) {
                Map<String, Object> m = suites.entry(e);
                m.put("version", v.factName());
                m.put("suite", s.name());
                m.put("code", s.hex());
                m.put("kx", s.kx());
                m.put("auth", s.auth());
                m.put("cipher", s.cipher());
                m.put("bits", (long) s.bits());
                m.put("mac", s.mac());
                m.put("forward_secrecy", s.forwardSecrecy());
                m.put("export", s.export());
                m.put("anon", s.anonymous());
                m.put("null_cipher", s.nullCipher());
                m.put("rc4", s.rc4());
                m.put("des", s.des());
                m.put("triple_des", s.tripleDes());
                m.put("cbc", s.cbc());
                m.put("aead", s.aead());
                suites.addValueOnly(m);
            }
            suites.addEvidence(e, v.display() + ": " + list.stream().map(TlsSuite::name).collect(Collectors.joining(", ")));
        }
        scan.order().forEach((v, o) -> {
            Map<String, Object> m = order.entry(e);
            m.put("version", v.factName());
            m.put("order", o);
            order.add(e, m, AuditTexts.get("evidence.probe.tls.order", v.display(), o));
        });

        Map<String, Object> k = kx.entry(e);
        List<String> groups = scan.groupsTls13().stream().map(NamedGroups::name).toList();
        List<String> curves = scan.curvesLegacy().stream().map(NamedGroups::name).toList();
        int ffdheMin = scan.groupsTls13().stream().filter(g -> NamedGroups.name(g).startsWith("ffdhe"))
                .mapToInt(NamedGroups::bits).min().orElse(0);
        k.put("groups", groups);
        k.put("curves", curves);
        k.put("dh_bits", (long) scan.dhPrimeBits().orElse(0));
        k.put("ffdhe_min_bits", (long) ffdheMin);
        StringBuilder text = new StringBuilder();
        if (!groups.isEmpty()) {
            text.append(AuditTexts.get("evidence.probe.tls.groups", String.join(", ", groups)));
        }
        if (!curves.isEmpty()) {
            text.append(text.isEmpty() ? "" : "; ").append(AuditTexts.get("evidence.probe.tls.curves", String.join(", ", curves)));
        }
        scan.dhPrimeBits().ifPresent(b -> text.append(text.isEmpty() ? "" : "; ").append(AuditTexts.get("evidence.probe.tls.dhe", String.valueOf(b))));
        kx.add(e, k, text.isEmpty() ? AuditTexts.get("evidence.probe.tls.no-ephemeral") : text.toString());
    }

    private static Map<String, Object> certificate(Map<String, Object> m, CertificateReport c) {
        m.put("expected_name", c.expectedName());
        m.put("subject", c.subject());
        m.put("issuer", c.issuer());
        m.put("not_before", c.notBefore());
        m.put("not_after", c.notAfter());
        m.put("days_left", c.daysLeft());
        m.put("expired", c.expired());
        m.put("not_yet_valid", c.notYetValid());
        m.put("names", c.names());
        m.put("hostname_match", c.hostnameMatch());
        m.put("self_signed", c.selfSigned());
        m.put("trusted", c.trusted());
        m.put("chain_complete", c.chainComplete());
        m.put("trust_problem", c.trustProblem());
        m.put("chain_length", (long) c.chainLength());
        m.put("key_type", c.keyType());
        m.put("key_bits", (long) c.keyBits());
        m.put("signature_algorithm", c.signatureAlgorithm());
        m.put("signature_algorithms", c.signatureAlgorithms());
        m.put("via", c.via());
        return m;
    }

    private static String certificateText(CertificateReport c) {
        return AuditTexts.get("evidence.probe.tls.certificate", c.subject(), c.keyType(), String.valueOf(c.keyBits()),
                c.signatureAlgorithm(), String.valueOf(c.notAfter()),
                c.expired() ? AuditTexts.get("evidence.probe.tls.expired", -c.daysLeft())
                        : AuditTexts.get("evidence.probe.tls.days-left", c.daysLeft()),
                String.join(" ", c.names()),
                AuditTexts.get(c.hostnameMatch() ? "evidence.probe.tls.match" : "evidence.probe.tls.no-match", c.expectedName()),
                c.trusted() ? AuditTexts.get("evidence.probe.tls.trusted") : AuditTexts.get("evidence.probe.tls.untrusted", c.trustProblem()));
    }
}
