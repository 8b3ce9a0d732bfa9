package de.tomaudit.probe.tls;

import de.tomaudit.probe.Connector;
import de.tomaudit.probe.ProbeException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection per hello: connect (and STARTTLS), send the hello, read the answer, close.
 *
 * <p>A connection closed before any answer is ambiguous: some servers refuse a version or a suite
 * list that way, others drop connections when a client has too many open or shed load. So such a
 * hello is sent again, up to twice, {@linkplain Connector#alone() alone} (one right after the other,
 * no other connection to the endpoint open meanwhile). Closed every time: that is the server's answer.
 * Answered on a retry: the close was a drop, and the endpoint's connection limit goes down by one,
 * so the rest of the scan does not provoke more of them.
 */
final class Handshaker {
    private static final Logger LOG = LoggerFactory.getLogger(Handshaker.class);
    static final int RETRIES = 2;

    private final Connector connector;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger drops = new AtomicInteger();

    Handshaker(Connector connector) {
        this.connector = connector;
    }

    /** Connections opened so far (retries included). */
    int connections() {
        return connections.get();
    }

    /** Connections the server closed without an answer and then answered on a retry. */
    int drops() {
        return drops.get();
    }

    ServerReply send(byte[] hello, boolean readFlight) throws ProbeException {
        ServerReply reply;
        ProbeException failure = null;
        try {
            reply = once(hello, readFlight, null);
        } catch (ProbeException e) {
            if (!droppedMidway(e)) {
                throw e;
            }
            reply = null;
            failure = e;
        }
        if (reply != null && !(reply instanceof ServerReply.Closed)) {
            return reply;
        }
        // the retries one right after the other, no other connection of ours in between or beside
        boolean dropped = false;
        try (Connector.Alone alone = connector.alone()) {
            for (int i = 0; i < RETRIES && (reply == null || reply instanceof ServerReply.Closed); i++) {
                try {
                    reply = once(hello, readFlight, alone);
                    failure = null;
                } catch (ProbeException e) {
                    if (!droppedMidway(e)) {
                        throw e;
                    }
                    failure = e;
                    continue;
                }
                if (!(reply instanceof ServerReply.Closed)) {
                    dropped = true;
                    drops.incrementAndGet();
                    LOG.debug("{}: a connection closed without an answer, answered on retry {}",
                            connector.endpoint().id(), i + 1);
                }
            }
        }
        if (dropped) {
            connector.slots().shrink(); // after the lease is back: one connection fewer at once from now on
        }
        if (failure != null) {
            throw failure;
        }
        return reply;
    }

    ServerReply send(ClientHello hello, boolean readFlight) throws ProbeException {
        return send(hello.serverName(connector.endpoint().name()).toBytes(), readFlight);
    }

    private static boolean droppedMidway(ProbeException e) {
        return e.kind() == ProbeException.Kind.CLOSED || e.kind() == ProbeException.Kind.RESET;
    }

    private ServerReply once(byte[] hello, boolean readFlight, Connector.Alone alone) throws ProbeException {
        try (Connector.Connection c = alone != null ? alone.open() : connector.open()) {
            connections.incrementAndGet();
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
}
