package de.tomaudit.probe.xmpp;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.probe.Connector;
import de.tomaudit.probe.Endpoint;
import de.tomaudit.probe.ProbeException;
import de.tomaudit.probe.tls.UncheckedTls;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * Opens an XMPP stream on a c2s or s2s endpoint and records the stream features before TLS
 * (is STARTTLS offered and required, which SASL mechanisms are on offer in plain text) and after
 * TLS (SCRAM, channel binding with -PLUS, EXTERNAL, dialback). Never authenticates.
 */
public final class XmppProbe {

    private XmppProbe() { }

    public static XmppObservation probe(Connector connector) throws ProbeException {
        Endpoint e = connector.endpoint();
        try (Connector.Connection c = connector.openPlain()) {
            Socket socket = c.socket();
            Optional<XmppFeatures> before = Optional.empty();
            if (e.startTls() != Endpoint.StartTls.NONE) {
                XmppStream plain = new XmppStream(socket.getInputStream(), socket.getOutputStream(), e);
                XmppFeatures f = plain.open();
                before = Optional.of(f);
                if (!f.starttls()) {
                    return new XmppObservation(e, before, Optional.empty(), AuditTexts.get("probe.xmpp.no-starttls"), false);
                }
                try {
                    plain.startTls();
                } catch (ProbeException refused) {
                    return new XmppObservation(e, before, Optional.empty(), refused.getMessage(), false);
                }
            }
            SSLSocket tls;
            try {
                tls = UncheckedTls.wrap(socket, e);
                c.refreshTimeout();
                tls.startHandshake();
            } catch (SSLException | GeneralSecurityException ex) {
                return new XmppObservation(e, before, Optional.empty(), AuditTexts.get("probe.tls.handshake", String.valueOf(ex.getMessage())), false);
            }
            XmppStream secure = new XmppStream(tls.getInputStream(), tls.getOutputStream(), e);
            try {
                return new XmppObservation(e, before, Optional.of(secure.open()), "", true);
            } catch (ProbeException streamError) {
                if (streamError.kind() != ProbeException.Kind.STARTTLS) {
                    throw streamError;
                }
                // TLS is up; the server only refuses this unauthenticated peer (s2s_secure_auth and the like)
                return new XmppObservation(e, before, Optional.empty(), "inside TLS: " + streamError.getMessage(), true);
            }
        } catch (IOException ex) {
            throw new ProbeException(ProbeException.Kind.IO, e.label() + ": " + ex.getMessage(), ex);
        }
    }
}
