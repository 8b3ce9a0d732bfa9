package de.tomaudit.probe.xmpp;

import java.util.List;

/**
 * The stream features one XMPP server offered at one point of the stream (RFC 6120 4.3.2).
 *
 * @param starttls          {@code <starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>} offered
 * @param starttlsRequired  with a {@code <required/>} child
 * @param mechanisms        SASL mechanisms, as the server lists them
 * @param dialback          server dialback offered (s2s, XEP-0220)
 * @param others            every other feature, by local name
 */
public record XmppFeatures(boolean starttls, boolean starttlsRequired, List<String> mechanisms, boolean dialback,
                           List<String> others) {
    static final String TLS_NS = "urn:ietf:params:xml:ns:xmpp-tls";
    static final String SASL_NS = "urn:ietf:params:xml:ns:xmpp-sasl";
    static final String DIALBACK_NS = "urn:xmpp:features:dialback";

    public XmppFeatures {
        mechanisms = List.copyOf(mechanisms);
        others = List.copyOf(others);
    }

    static XmppFeatures of(XmlElement features) {
        boolean starttls = false;
        boolean required = false;
        List<String> mechs = List.of();
        boolean dialback = false;
        List<String> others = new java.util.ArrayList<>();
        for (XmlElement c : features.children()) {
            if (c.is("starttls", TLS_NS)) {
                starttls = true;
                required = c.child("required", TLS_NS).isPresent();
            } else if (c.is("mechanisms", SASL_NS)) {
                mechs = c.children("mechanism").stream().map(XmlElement::text).filter(t -> !t.isEmpty()).toList();
            } else if (c.is("dialback", DIALBACK_NS)) {
                dialback = true;
            } else {
                others.add(c.name());
            }
        }
        return new XmppFeatures(starttls, required, mechs, dialback, others);
    }
}
