package de.tomaudit.probe.xmpp;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.probe.Connector;
import de.tomaudit.probe.Endpoint;
import de.tomaudit.probe.ProbeException;
import java.io.IOException;
import java.net.Socket;

/** The plain-text part of an XMPP STARTTLS connection, so a TLS probe can send its ClientHello next. */
public final class XmppStartTls implements Connector.Upgrade {

    @Override
    public void before(Socket socket, Endpoint endpoint) throws ProbeException {
        try {
            XmppStream stream = new XmppStream(socket.getInputStream(), socket.getOutputStream(), endpoint);
            XmppFeatures features = stream.open();
            if (!features.starttls()) {
                throw new ProbeException(ProbeException.Kind.STARTTLS, endpoint.label() + ": " + AuditTexts.get("probe.xmpp.no-starttls"));
            }
            stream.startTls();
        } catch (IOException e) {
            throw new ProbeException(ProbeException.Kind.IO, endpoint.label() + ": " + e.getMessage(), e);
        }
    }
}
