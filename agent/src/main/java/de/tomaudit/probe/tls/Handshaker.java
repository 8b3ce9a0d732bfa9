package de.tomaudit.probe.tls;

import de.tomaudit.probe.Connector;
import de.tomaudit.probe.ProbeException;
import java.io.IOException;
import java.io.OutputStream;

/** One connection per hello: connect (and STARTTLS), send the hello, read the answer, close. */
final class Handshaker {
    private final Connector connector;

    Handshaker(Connector connector) {
        this.connector = connector;
    }

    ServerReply send(byte[] hello, boolean readFlight) throws ProbeException {
        try (Connector.Connection c = connector.open()) {
            try {
                OutputStream out = c.socket().getOutputStream();
                out.write(hello);
                out.flush();
            } catch (IOException e) {
                return new ServerReply.Closed(true);
            }
            c.refreshTimeout();
            try {
                return new ServerReplyReader(c.socket().getInputStream(), connector.endpoint().label()).read(readFlight);
            } catch (IOException e) {
                throw new ProbeException(ProbeException.Kind.IO, connector.endpoint().label() + ": " + e.getMessage(), e);
            }
        }
    }

    ServerReply send(ClientHello hello, boolean readFlight) throws ProbeException {
        return send(hello.serverName(connector.endpoint().name()).toBytes(), readFlight);
    }
}
