package de.tomaudit.probe;

import de.tomaudit.facts.FactSet;
import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.probe.xmpp.XmppFeatures;
import de.tomaudit.probe.xmpp.XmppObservation;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The {@code xmpp.c2s} and {@code xmpp.s2s} facts: stream features seen before and after TLS. */
final class XmppFacts {
    static final String C2S = "xmpp.c2s";
    static final String S2S = "xmpp.s2s";
    static final String C2S_COMPLETE = "xmpp.c2s_complete";
    static final String S2S_COMPLETE = "xmpp.s2s_complete";
    static String none() {
        return AuditTexts.get("evidence.probe.xmpp.none");
    }

    private XmppFacts() { }

    static void put(List<EndpointResult> results, FactSet.Builder facts) {
        AspectFacts c2s = new AspectFacts("xmpp");
        AspectFacts s2s = new AspectFacts("xmpp");
        for (EndpointResult r : results) {
            Endpoint e = r.endpoint();
            if (!e.isXmpp() || r.status() == EndpointResult.Status.SKIPPED) {
                continue;
            }
            AspectFacts list = e.protocol() == Endpoint.Protocol.XMPP_CLIENT ? c2s : s2s;
            if (r.status() == EndpointResult.Status.ERROR) {
                list.error(r.reason());
                continue;
            }
            r.xmpp().ifPresent(a -> {
                a.failure().ifPresent(list::error);
                a.value().ifPresent(o -> {
                    list.add(e, entry(list.entry(e), o), text(o));
                    boolean starttlsBroken = o.beforeTls().map(XmppFeatures::starttls).orElse(true) && !o.tlsEstablished();
                    if (starttlsBroken) {
                        list.error(e.label() + ": " + o.tlsProblem()); // features after TLS unknown
                    } else {
                        list.probed(e);
                    }
                });
            });
        }
        c2s.put(facts, C2S, C2S_COMPLETE, none());
        s2s.put(facts, S2S, S2S_COMPLETE, none());
    }

    private static Map<String, Object> entry(Map<String, Object> m, XmppObservation o) {
        Optional<XmppFeatures> before = o.beforeTls();
        Optional<XmppFeatures> after = o.afterTls();
        boolean direct = o.endpoint().startTls() == Endpoint.StartTls.NONE;
        m.put("domain", o.endpoint().name());
        m.put("starttls_offered", before.map(XmppFeatures::starttls).orElse(false));
        m.put("starttls_required", before.map(XmppFeatures::starttlsRequired).orElse(false));
        m.put("tls_required", direct || before.map(XmppFeatures::starttlsRequired).orElse(false));
        List<String> mechBefore = before.map(XmppFeatures::mechanisms).orElse(List.of());
        List<String> mechAfter = after.map(XmppFeatures::mechanisms).orElse(List.of());
        m.put("mechanisms_before_tls", mechBefore);
        m.put("plain_before_tls", mechBefore.stream().anyMatch(XmppFacts::cleartextPassword));
        m.put("dialback_before_tls", before.map(XmppFeatures::dialback).orElse(false));
        m.put("tls_established", o.tlsEstablished());
        m.put("features_after_tls", after.isPresent());
        m.put("mechanisms_after_tls", mechAfter);
        m.put("scram", mechAfter.stream().anyMatch(x -> x.toUpperCase(Locale.ROOT).startsWith("SCRAM-")));
        m.put("channel_binding", mechAfter.stream().anyMatch(x -> x.toUpperCase(Locale.ROOT).endsWith("-PLUS")));
        m.put("external_after_tls", mechAfter.stream().anyMatch(x -> x.equalsIgnoreCase("EXTERNAL")));
        m.put("dialback_after_tls", after.map(XmppFeatures::dialback).orElse(false));
        m.put("tls_problem", o.tlsProblem());
        return m;
    }

    /** PLAIN and LOGIN carry the password itself. */
    private static boolean cleartextPassword(String mechanism) {
        String m = mechanism.toUpperCase(Locale.ROOT);
        return m.equals("PLAIN") || m.equals("LOGIN");
    }

    private static String text(XmppObservation o) {
        StringBuilder b = new StringBuilder();
        o.beforeTls().ifPresent(f -> b.append(AuditTexts.get("evidence.probe.xmpp.before-tls"))
                .append(AuditTexts.get(f.starttls() ? (f.starttlsRequired() ? "evidence.probe.xmpp.starttls-required"
                        : "evidence.probe.xmpp.starttls-optional") : "evidence.probe.xmpp.no-starttls"))
                .append(", SASL ").append(f.mechanisms().isEmpty() ? AuditTexts.get("evidence.host.none") : String.join(" ", f.mechanisms()))
                .append(f.dialback() ? ", dialback" : "").append("; "));
        if (o.beforeTls().isEmpty()) {
            b.append(AuditTexts.get("evidence.probe.xmpp.direct-tls"));
        }
        o.afterTls().ifPresentOrElse(f -> b.append(AuditTexts.get("evidence.probe.xmpp.after-tls"))
                        .append(f.mechanisms().isEmpty() ? AuditTexts.get("evidence.host.none") : String.join(" ", f.mechanisms()))
                        .append(f.dialback() ? ", dialback" : ""),
                () -> b.append(AuditTexts.get("evidence.probe.xmpp.after-unknown", o.tlsProblem())));
        return b.toString();
    }
}
