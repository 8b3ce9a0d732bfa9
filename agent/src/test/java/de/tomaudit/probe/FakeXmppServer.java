package de.tomaudit.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A tiny XMPP server on 127.0.0.1 that opens streams, offers features, answers STARTTLS and
 * continues inside real TLS (the JDK's server side), enough for the probes; it never authenticates.
 */
public final class FakeXmppServer implements AutoCloseable {

    /** What the server offers. {@code raw} replaces everything with these bytes (misbehaviour). */
    public record Offer(String ns, boolean startTls, boolean required, List<String> mechanismsBefore,
                        List<String> mechanismsAfter, boolean dialback, boolean refuseStartTls, String raw) {

        public static Offer c2s(boolean required, List<String> before, List<String> after) {
            return new Offer("jabber:client", true, required, before, after, false, false, "");
        }
    }

    private final ServerSocket server;
    private final Offer offer;
    private final SSLContext tls;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-xmpp");
        t.setDaemon(true);
        return t;
    });

    public FakeXmppServer(Offer offer, SSLContext tls) throws IOException {
        this.offer = offer;
        this.tls = tls;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        pool.submit(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                pool.submit(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setSoTimeout(5000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            readHeader(in);
            if (!offer.raw().isEmpty()) {
                out.write(offer.raw().getBytes(StandardCharsets.UTF_8));
                out.flush();
                return;
            }
            write(out, header() + features(true));
            if (!offer.startTls()) {
                readUntil(in, "</stream:stream>");
                return;
            }
            readUntil(in, "/>");
            if (offer.refuseStartTls()) {
                write(out, "<failure xmlns='urn:ietf:params:xml:ns:xmpp-tls'/></stream:stream>");
                return;
            }
            write(out, "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
            SSLSocket t = (SSLSocket) tls.getSocketFactory().createSocket(s, null, s.getPort(), false);
            t.setUseClientMode(false);
            t.startHandshake();
            readHeader(t.getInputStream());
            write(t.getOutputStream(), header() + features(false));
            readUntil(t.getInputStream(), "</stream:stream>");
        } catch (IOException e) {
            // raw TLS probes hang up after the ServerHello: expected
        }
    }

    private String header() {
        return "<?xml version='1.0'?><stream:stream xmlns='" + offer.ns() + "' xmlns:stream='http://etherx.jabber.org/streams'"
                + " id='fake' from='localhost' version='1.0'>";
    }

    private String features(boolean beforeTls) {
        StringBuilder b = new StringBuilder("<stream:features>");
        if (beforeTls && offer.startTls()) {
            b.append("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'>").append(offer.required() ? "<required/>" : "")
                    .append("</starttls>");
        }
        List<String> mechs = beforeTls ? offer.mechanismsBefore() : offer.mechanismsAfter();
        if (!mechs.isEmpty()) {
            b.append("<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>");
            mechs.forEach(m -> b.append("<mechanism>").append(m).append("</mechanism>"));
            b.append("</mechanisms>");
        }
        if (offer.dialback()) {
            b.append("<dialback xmlns='urn:xmpp:features:dialback'><errors/></dialback>");
        }
        return b.append("</stream:features>").toString();
    }

    private static void readHeader(InputStream in) throws IOException {
        readUntil(in, "stream:stream");
        readUntil(in, ">");
    }

    private static void readUntil(InputStream in, String marker) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("closed");
            }
            seen.write(c);
            if (seen.toString(StandardCharsets.UTF_8).endsWith(marker)) {
                return;
            }
        }
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        pool.shutdownNow();
    }
}
