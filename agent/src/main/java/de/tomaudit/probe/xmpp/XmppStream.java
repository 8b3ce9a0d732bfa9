package de.tomaudit.probe.xmpp;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.probe.Endpoint;
import de.tomaudit.probe.ProbeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The client side of an XMPP stream opening: send the header, read the server's header and its
 * features, ask for STARTTLS. Only what a probe needs; it never authenticates.
 */
final class XmppStream {
    /** The stream error conditions of RFC 6120, 4.9.3. */
    private static final java.util.Set<String> STREAM_ERRORS = java.util.Set.of("bad-format", "bad-namespace-prefix",
            "conflict", "connection-timeout", "host-gone", "host-unknown", "improper-addressing", "internal-server-error",
            "invalid-from", "invalid-namespace", "invalid-xml", "not-authorized", "not-well-formed", "policy-violation",
            "remote-connection-failed", "reset", "resource-constraint", "restricted-xml", "see-other-host",
            "system-shutdown", "undefined-condition", "unsupported-encoding", "unsupported-feature",
            "unsupported-stanza-type", "unsupported-version");

    /** Enough for any honest features element; a server that sends more is misbehaving. */
    static final int MAX_STREAM_BYTES = 64 * 1024;

    private final InputStream in;
    private final OutputStream out;
    private final Endpoint endpoint;
    private final XmlStreamReader reader;

    XmppStream(InputStream in, OutputStream out, Endpoint endpoint) {
        this.in = in;
        this.out = out;
        this.endpoint = endpoint;
        this.reader = new XmlStreamReader(in, endpoint.label(), MAX_STREAM_BYTES);
    }

    /** Opens the stream and returns the features the server offers at this point. */
    XmppFeatures open() throws ProbeException {
        boolean server = endpoint.protocol() == Endpoint.Protocol.XMPP_SERVER
                || endpoint.startTls() == Endpoint.StartTls.XMPP_SERVER;
        String header = "<?xml version='1.0'?><stream:stream xmlns='" + (server ? "jabber:server" : "jabber:client") + "'"
                + (server ? " xmlns:db='jabber:server:dialback'" : "")
                + " xmlns:stream='http://etherx.jabber.org/streams' version='1.0' to='" + escape(endpoint.name()) + "'>";
        write(header);
        reader.readStreamHeader();
        XmlElement first = reader.readElement();
        if (first.is("error", XmlStreamReader.STREAMS_NS)) {
            // a condition RFC 6120 defines is named; anything else the server sent is not repeated (issue 13)
            String condition = first.children().isEmpty() || !STREAM_ERRORS.contains(first.children().get(0).name())
                    ? "unknown" : first.children().get(0).name();
            throw new ProbeException(ProbeException.Kind.STARTTLS, endpoint.label() + ": " + (condition.equals("host-unknown")
                    ? AuditTexts.get("probe.xmpp.host-unknown", condition, endpoint.name()) : AuditTexts.get("probe.xmpp.stream-error", condition)));
        }
        if (!first.is("features", XmlStreamReader.STREAMS_NS)) {
            throw new ProbeException(ProbeException.Kind.GARBAGE, endpoint.label() + ": " + AuditTexts.get("probe.xmpp.unexpected", "<stream:features>"));
        }
        return XmppFeatures.of(first);
    }

    /** Asks for TLS; returns normally on {@code <proceed/>}. */
    void startTls() throws ProbeException {
        write("<starttls xmlns='" + XmppFeatures.TLS_NS + "'/>");
        XmlElement answer = reader.readElement();
        if (answer.is("proceed", XmppFeatures.TLS_NS)) {
            return;
        }
        if (answer.is("failure", XmppFeatures.TLS_NS)) {
            throw new ProbeException(ProbeException.Kind.STARTTLS, endpoint.label() + ": " + AuditTexts.get("probe.xmpp.starttls-refused"));
        }
        throw new ProbeException(ProbeException.Kind.STARTTLS, endpoint.label() + ": " + AuditTexts.get("probe.xmpp.unexpected", "<proceed/>"));
    }

    private void write(String s) throws ProbeException {
        try {
            out.write(s.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new ProbeException(ProbeException.Kind.RESET, endpoint.label() + ": " + AuditTexts.get("probe.xmpp.write", String.valueOf(e.getMessage())), e);
        }
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;").replace("\"", "&quot;");
    }
}
