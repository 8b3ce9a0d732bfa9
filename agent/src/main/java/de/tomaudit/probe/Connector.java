package de.tomaudit.probe;

import de.tomaudit.i18n.AuditTexts;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Opens TCP connections to one endpoint: with connect and read timeouts cut to the target's
 * budget, at most {@link ProbeSettings#handshakesPerEndpoint()} at once, and with the endpoint's
 * STARTTLS preamble done, so the socket is ready for a ClientHello. Connections can also be opened
 * {@linkplain #alone() alone}: with no other connection of this endpoint open meanwhile, to tell a
 * server that drops connections under load from one that refuses a hello.
 */
public final class Connector {

    /** The plain-text part before TLS (XMPP stream and {@code <starttls/>}). */
    public interface Upgrade {
        void before(Socket socket, Endpoint endpoint) throws ProbeException;
    }

    /** An open connection; closing it also frees its slot. */
    public final class Connection implements AutoCloseable {
        private final Socket socket;
        private final int held;
        private boolean closed;

        private Connection(Socket socket, int held) {
            this.socket = socket;
            this.held = held;
        }

        public Socket socket() {
            return socket;
        }

        /** The read timeout for the next answer, cut to the budget. */
        public void refreshTimeout() throws ProbeException {
            try {
                socket.setSoTimeout(budget.cap(settings.readTimeout(), endpoint.label()));
            } catch (SocketException e) {
                throw new ProbeException(ProbeException.Kind.IO, endpoint.label() + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                socket.close();
            } catch (IOException e) {
                // nothing to do
            } finally {
                slots.release(held);
            }
        }
    }

    private final Endpoint endpoint;
    private final ProbeSettings settings;
    private final ProbeBudget budget;
    private final Upgrade upgrade;
    private final ConnectionSlots slots;
    private final AtomicBoolean connected = new AtomicBoolean();

    public Connector(Endpoint endpoint, ProbeSettings settings, ProbeBudget budget, Upgrade upgrade) {
        this(endpoint, settings, budget, upgrade, new ConnectionSlots(settings.handshakesPerEndpoint()));
    }

    /** With {@code slots} shared by every connector to the same port (one limit per endpoint, whatever the name). */
    public Connector(Endpoint endpoint, ProbeSettings settings, ProbeBudget budget, Upgrade upgrade, ConnectionSlots slots) {
        this.endpoint = endpoint;
        this.settings = settings;
        this.budget = budget;
        this.upgrade = upgrade;
        this.slots = slots;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public ProbeSettings settings() {
        return settings;
    }

    public ProbeBudget budget() {
        return budget;
    }

    /** The shared limit of simultaneous connections to this endpoint. */
    public ConnectionSlots slots() {
        return slots;
    }

    /** Whether a TCP connection of this connector was ever established (the endpoint is reachable). */
    public boolean connected() {
        return connected.get();
    }

    /** A connection with the STARTTLS preamble done (when the endpoint has one). */
    public Connection open() throws ProbeException {
        return open(true);
    }

    /** A bare TCP connection (the XMPP probe does its own stream handling). */
    public Connection openPlain() throws ProbeException {
        return open(false, 1);
    }

    /**
     * Every slot of the endpoint, held until closed: the connections opened through it, one after the
     * other, have no company from this probe.
     */
    public final class Alone implements AutoCloseable {
        private final int held;
        private boolean closed;

        private Alone(int held) {
            this.held = held;
        }

        /** Like {@link Connector#open()}, within the slots this lease holds. */
        public Connection open() throws ProbeException {
            return Connector.this.open(true, 0);
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                slots.release(held);
            }
        }
    }

    /** Takes every slot of the endpoint (waits until the other connections are closed). */
    public Alone alone() throws ProbeException {
        try {
            return new Alone(acquireAll());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProbeException(ProbeException.Kind.BUDGET, endpoint.label() + ": interrupted");
        }
    }

    private Connection open(boolean withUpgrade) throws ProbeException {
        return open(withUpgrade, 1);
    }

    /** {@code want} slots for the connection; 0: none (the caller holds them, see {@link Alone}). */
    private Connection open(boolean withUpgrade, int want) throws ProbeException {
        int held = want;
        try {
            slots.acquire(want);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProbeException(ProbeException.Kind.BUDGET, endpoint.label() + ": interrupted");
        }
        Socket s = new Socket();
        Connection c = new Connection(s, held);
        boolean ok = false;
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(endpoint.address(), endpoint.port()),
                    budget.cap(settings.connectTimeout(), endpoint.label()));
            connected.set(true);
            s.setSoTimeout(budget.cap(settings.readTimeout(), endpoint.label()));
            if (withUpgrade && endpoint.startTls() != Endpoint.StartTls.NONE) {
                upgrade.before(s, endpoint);
            }
            ok = true;
            return c;
        } catch (ConnectException e) {
            throw new ProbeException(ProbeException.Kind.REFUSED, AuditTexts.get("evidence.probe.refused", endpoint.label()));
        } catch (SocketTimeoutException e) {
            throw new ProbeException(ProbeException.Kind.TIMEOUT, AuditTexts.get("evidence.probe.connect-timeout", endpoint.label(),
                    String.valueOf(settings.connectTimeout().toMillis())));
        } catch (NoRouteToHostException | UnknownHostException e) {
            throw new ProbeException(ProbeException.Kind.IO, endpoint.label() + ": " + e.getMessage(), e);
        } catch (SocketException e) {
            throw new ProbeException(ProbeException.Kind.RESET, endpoint.label() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ProbeException(ProbeException.Kind.IO, endpoint.label() + ": " + e.getMessage(), e);
        } finally {
            if (!ok) {
                c.close();
            }
        }
    }

    /** All slots; waits in short rounds, because a shrink while waiting would leave one too few ever to come. */
    private int acquireAll() throws InterruptedException {
        while (true) {
            int n = slots.limit();
            if (slots.tryAcquire(n, 50)) {
                if (n == slots.limit()) {
                    return n;
                }
                slots.release(n); // shrunk meanwhile: again with the new limit
            }
        }
    }
}
