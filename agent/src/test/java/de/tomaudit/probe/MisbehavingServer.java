package de.tomaudit.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A TCP server on 127.0.0.1 that does one bad thing to every connection. */
public final class MisbehavingServer implements AutoCloseable {

    /** What to do with an accepted connection. */
    @FunctionalInterface
    public interface Behaviour {
        void serve(Socket s, InputStream in, OutputStream out) throws IOException, InterruptedException;
    }

    /** Reads the hello, then a few bytes of a ServerHello record, then a TCP reset. */
    public static final Behaviour RESET_MID_HANDSHAKE = (s, in, out) -> {
        in.read(new byte[4096]);
        out.write(new byte[] {22, 3, 3, 0, 80, 2, 0, 0, 76, 3, 3});
        out.flush();
        s.setSoLinger(true, 0);
    };

    /** Answers like an SSH server. */
    public static final Behaviour GARBAGE = (s, in, out) -> {
        out.write("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.flush();
        in.read(new byte[4096]);
    };

    /** Accepts and never says anything. */
    public static final Behaviour SILENCE = (s, in, out) -> {
        while (in.read(new byte[4096]) >= 0) {
            // swallow
        }
    };

    /** A ServerHello, then a Certificate message that claims to be 16 MiB long, and keeps sending. */
    public static final Behaviour HUGE_CHAIN = (s, in, out) -> {
        in.read(new byte[4096]);
        byte[] hello = ScriptedTlsServer.handshake(2, new byte[] {3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xc0, 0x2f, 0});
        out.write(ScriptedTlsServer.record(22, 0x0303, hello));
        byte[] chunk = new byte[16384];
        chunk[0] = 11;
        chunk[1] = (byte) 0xff;
        for (int i = 0; i < 1024; i++) {
            out.write(ScriptedTlsServer.record(22, 0x0303, chunk));
            chunk[0] = 0x30;
            chunk[1] = 0x30;
        }
        out.flush();
    };

    private final ServerSocket server;
    private final Behaviour behaviour;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "misbehaving");
        t.setDaemon(true);
        return t;
    });

    public MisbehavingServer(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        pool.submit(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** A port on 127.0.0.1 where nothing listens (bound, then closed). */
    public static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                pool.submit(() -> {
                    try (s) {
                        s.setSoTimeout(10_000);
                        behaviour.serve(s, s.getInputStream(), s.getOutputStream());
                    } catch (IOException | InterruptedException e) {
                        // the probe hung up
                    }
                });
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        pool.shutdownNow();
    }
}
