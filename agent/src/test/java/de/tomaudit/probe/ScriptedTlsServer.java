package de.tomaudit.probe;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TLS "server" on 127.0.0.1 that only speaks the first flight, following a script: which
 * versions and suites (in which order) it accepts, which groups, the DHE prime size, its chain.
 * It parses every ClientHello independently of the code under test, so it also checks the
 * hellos the probe builds. Counts connections and the most it had open at once.
 */
public final class ScriptedTlsServer implements AutoCloseable {
    public static final int ALERT_HANDSHAKE_FAILURE = 40;
    public static final int ALERT_PROTOCOL_VERSION = 70;
    private static final byte[] HRR_RANDOM = HexFormat.of().parseHex(
            "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");

    /** The script. {@code suites}: per wire version, the accepted suites in the server's order. */
    public record Script(Map<Integer, List<Integer>> suites, boolean serverOrder, List<Integer> groups,
                         int dhPrimeBits, List<X509Certificate> chain, List<Integer> sslv2Kinds) { }

    /** What a parsed ClientHello offered. */
    public record Hello(int recordVersion, int version, List<Integer> suites, List<Integer> supportedVersions,
                        List<Integer> groups, List<Integer> keyShares, String serverName, int length) { }

    private final ServerSocket server;
    private final Script script;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "scripted-tls");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();
    private final List<Hello> hellos = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile int dropEvery;
    private volatile int openLimit;
    private volatile int answerDelayMillis;
    private volatile int answerAtMost = Integer.MAX_VALUE;

    /** Misbehaviour: close every {@code n}-th connection at once, without reading or answering. */
    public ScriptedTlsServer dropEvery(int n) {
        this.dropEvery = n;
        return this;
    }

    /** Misbehaviour: a per-client limit; a connection beyond {@code n} open at once is closed at once. */
    public ScriptedTlsServer limitOpen(int n) {
        this.openLimit = n;
        return this;
    }

    /** Misbehaviour: a slow server, {@code millis} before every answer. */
    public ScriptedTlsServer answerDelay(int millis) {
        this.answerDelayMillis = millis;
        return this;
    }

    /** Misbehaviour: answers the first {@code n} connections, then closes every further one (the client is banned). */
    public ScriptedTlsServer answerAtMost(int n) {
        this.answerAtMost = n;
        return this;
    }

    public ScriptedTlsServer(Script script) throws IOException {
        this.script = script;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        pool.submit(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    public int connections() {
        return connections.get();
    }

    public int maxOpen() {
        return maxOpen.get();
    }

    public List<Hello> hellos() {
        return List.copyOf(hellos);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                int n = connections.incrementAndGet();
                int now = open.incrementAndGet();
                maxOpen.accumulateAndGet(now, Math::max);
                if ((dropEvery > 0 && n % dropEvery == 0) || (openLimit > 0 && now > openLimit) || n > answerAtMost) {
                    open.decrementAndGet();
                    s.close();
                    continue;
                }
                pool.submit(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        boolean[] released = {false};
        Runnable release = () -> {
            if (!released[0]) {
                released[0] = true;
                open.decrementAndGet(); // before the client can see an answer or the close
            }
        };
        try (s) {
            try {
                Thread.sleep(5 + answerDelayMillis); // hold the connection a little, so concurrency shows
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                int first = in.read();
                if (first < 0) {
                    return;
                }
                if ((first & 0x80) != 0) {
                    byte[] reply = sslv2(first, in);
                    release.run();
                    out.write(reply);
                    return;
                }
                Hello h = parse(first, new DataInputStream(in));
                hellos.add(h);
                byte[] answer = answer(h);
                release.run();
                out.write(answer);
                out.flush();
            } finally {
                release.run();
            }
        } catch (IOException | InterruptedException e) {
            // the client went away
        }
    }

    private byte[] sslv2(int first, InputStream in) throws IOException {
        int len = ((first & 0x7f) << 8) | in.read();
        byte[] msg = in.readNBytes(len);
        if (script.sslv2Kinds().isEmpty()) {
            return new byte[0]; // close: no SSLv2 here
        }
        ByteBuffer b = ByteBuffer.wrap(msg);
        b.get(); // type 1
        b.getShort(); // version
        int specs = b.getShort() & 0xffff;
        b.getShort();
        b.getShort();
        List<Integer> offered = new ArrayList<>();
        for (int i = 0; i < specs / 3; i++) {
            offered.add(((b.get() & 0xff) << 16) | ((b.get() & 0xff) << 8) | (b.get() & 0xff));
        }
        List<Integer> common = script.sslv2Kinds().stream().filter(offered::contains).toList();
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        byte[] cert = script.chain().isEmpty() ? new byte[0] : der(script.chain().get(0));
        m.write(4);
        m.write(0);
        m.write(1);
        u16(m, 2);
        u16(m, cert.length);
        u16(m, common.size() * 3);
        u16(m, 16);
        m.write(cert);
        for (int k : common) {
            m.write(k >>> 16);
            m.write(k >>> 8);
            m.write(k);
        }
        m.write(new byte[16]);
        byte[] body = m.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        u16(out, 0x8000 | body.length);
        out.write(body);
        return out.toByteArray();
    }

    static Hello parse(int type, DataInputStream in) throws IOException {
        if (type != 22) {
            throw new IOException("not a handshake record");
        }
        int recordVersion = in.readUnsignedShort();
        int len = in.readUnsignedShort();
        byte[] rec = in.readNBytes(len);
        ByteBuffer b = ByteBuffer.wrap(rec);
        if (b.get() != 1) {
            throw new IOException("not a ClientHello");
        }
        int hlen = ((b.get() & 0xff) << 16) | ((b.get() & 0xff) << 8) | (b.get() & 0xff);
        if (hlen != len - 4) {
            throw new IOException("handshake length " + hlen + " in a record of " + len);
        }
        int version = b.getShort() & 0xffff;
        b.position(b.position() + 32);
        int sid = b.get() & 0xff;
        b.position(b.position() + sid);
        int suitesLen = b.getShort() & 0xffff;
        List<Integer> suites = new ArrayList<>();
        for (int i = 0; i < suitesLen / 2; i++) {
            suites.add(b.getShort() & 0xffff);
        }
        int comp = b.get() & 0xff;
        b.position(b.position() + comp);
        List<Integer> versions = new ArrayList<>();
        List<Integer> groups = new ArrayList<>();
        List<Integer> shares = new ArrayList<>();
        String sni = "";
        if (b.hasRemaining()) {
            int extLen = b.getShort() & 0xffff;
            int end = b.position() + extLen;
            if (end != rec.length) {
                throw new IOException("extensions length " + extLen + " does not end the hello");
            }
            while (b.position() < end) {
                int t = b.getShort() & 0xffff;
                int l = b.getShort() & 0xffff;
                ByteBuffer e = ByteBuffer.wrap(rec, b.position(), l).slice();
                b.position(b.position() + l);
                switch (t) {
                    case 0 -> {
                        e.getShort();
                        e.get();
                        byte[] n = new byte[e.getShort() & 0xffff];
                        e.get(n);
                        sni = new String(n, java.nio.charset.StandardCharsets.US_ASCII);
                    }
                    case 10 -> {
                        int gl = e.getShort() & 0xffff;
                        for (int i = 0; i < gl / 2; i++) {
                            groups.add(e.getShort() & 0xffff);
                        }
                    }
                    case 43 -> {
                        int vl = e.get() & 0xff;
                        for (int i = 0; i < vl / 2; i++) {
                            versions.add(e.getShort() & 0xffff);
                        }
                    }
                    case 51 -> {
                        int sl = e.getShort() & 0xffff;
                        int stop = e.position() + sl;
                        while (e.position() < stop) {
                            shares.add(e.getShort() & 0xffff);
                            int kl = e.getShort() & 0xffff;
                            e.position(e.position() + kl);
                        }
                    }
                    default -> { }
                }
            }
        }
        return new Hello(recordVersion, version, suites, versions, groups, shares, sni, len);
    }

    private byte[] answer(Hello h) throws IOException {
        if (h.supportedVersions().contains(0x0304) && script.suites().containsKey(0x0304)) {
            Integer suite = choose(script.suites().get(0x0304), h.suites());
            if (suite == null) {
                return alert(ALERT_HANDSHAKE_FAILURE, 0x0303);
            }
            Integer share = first(script.groups(), h.keyShares());
            if (share != null) {
                return record(22, 0x0303, serverHello(0x0303, new byte[32], suite, ext13(0x0304, share)));
            }
            Integer group = first(script.groups(), h.groups());
            if (group == null) {
                return alert(ALERT_HANDSHAKE_FAILURE, 0x0303);
            }
            return record(22, 0x0303, serverHello(0x0303, HRR_RANDOM, suite, ext13(0x0304, group)));
        }
        int wanted = h.version();
        int best = script.suites().keySet().stream().filter(v -> v < 0x0304 && v <= wanted).max(Integer::compare).orElse(-1);
        if (best < 0) {
            return alert(ALERT_PROTOCOL_VERSION, 0x0301);
        }
        Integer suite = choose(script.suites().get(best), h.suites());
        if (suite == null) {
            return alert(ALERT_HANDSHAKE_FAILURE, best);
        }
        ByteArrayOutputStream flight = new ByteArrayOutputStream();
        flight.write(serverHello(best, new byte[32], suite, new byte[0]));
        if (!script.chain().isEmpty()) {
            ByteArrayOutputStream list = new ByteArrayOutputStream();
            for (X509Certificate c : script.chain()) {
                byte[] d = der(c);
                u24(list, d.length);
                list.write(d);
            }
            flight.write(handshake(11, prefixed24(list.toByteArray())));
        }
        String name = de.tomaudit.probe.tls.SuiteCatalog.get().tls(suite).kx();
        if (name.startsWith("ECDHE")) {
            Integer curve = first(script.groups(), h.groups());
            if (curve == null) {
                return alert(ALERT_HANDSHAKE_FAILURE, best);
            }
            ByteArrayOutputStream ske = new ByteArrayOutputStream();
            ske.write(3);
            u16(ske, curve);
            ske.write(1);
            ske.write(4);
            flight.write(handshake(12, ske.toByteArray()));
        } else if (name.startsWith("DHE")) {
            ByteArrayOutputStream ske = new ByteArrayOutputStream();
            byte[] p = new byte[script.dhPrimeBits() / 8];
            p[0] = (byte) 0x80;
            p[p.length - 1] = 1;
            u16(ske, p.length);
            ske.write(p);
            u16(ske, 1);
            ske.write(2);
            u16(ske, 1);
            ske.write(5);
            flight.write(handshake(12, ske.toByteArray()));
        }
        flight.write(handshake(14, new byte[0]));
        return record(22, best, flight.toByteArray());
    }

    private Integer choose(List<Integer> accepted, List<Integer> offered) {
        if (script.serverOrder()) {
            return accepted.stream().filter(offered::contains).findFirst().orElse(null);
        }
        return offered.stream().filter(accepted::contains).findFirst().orElse(null);
    }

    private static Integer first(List<Integer> serverOrder, List<Integer> offered) {
        return serverOrder.stream().filter(offered::contains).findFirst().orElse(null);
    }

    private static byte[] ext13(int version, int group) throws IOException {
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        u16(e, 43);
        u16(e, 2);
        u16(e, version);
        u16(e, 51);
        u16(e, 2);
        u16(e, group);
        return e.toByteArray();
    }

    private static byte[] serverHello(int version, byte[] random, int suite, byte[] extensions) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        u16(b, version);
        b.write(random);
        b.write(0);
        u16(b, suite);
        b.write(0);
        if (extensions.length > 0) {
            u16(b, extensions.length);
            b.write(extensions);
        }
        return handshake(2, b.toByteArray());
    }

    static byte[] handshake(int type, byte[] body) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(type);
        u24(b, body.length);
        b.write(body);
        return b.toByteArray();
    }

    static byte[] record(int type, int version, byte[] payload) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int off = 0;
        do {
            int n = Math.min(16384, payload.length - off);
            b.write(type);
            u16(b, version);
            u16(b, n);
            b.write(payload, off, n);
            off += n;
        } while (off < payload.length);
        return b.toByteArray();
    }

    static byte[] alert(int description, int version) throws IOException {
        return record(21, version, new byte[] {2, (byte) description});
    }

    private static byte[] prefixed24(byte[] b) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        u24(o, b.length);
        o.write(b);
        return o.toByteArray();
    }

    private static byte[] der(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void u16(OutputStream o, int v) throws IOException {
        o.write(v >>> 8);
        o.write(v);
    }

    static void u24(OutputStream o, int v) throws IOException {
        o.write(v >>> 16);
        o.write(v >>> 8);
        o.write(v);
    }

    /** Script helper: versions to suites, in order. */
    public static Map<Integer, List<Integer>> suites(Object... versionThenSuites) {
        Map<Integer, List<Integer>> m = new LinkedHashMap<>();
        for (int i = 0; i < versionThenSuites.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<Integer> l = (List<Integer>) versionThenSuites[i + 1];
            m.put((Integer) versionThenSuites[i], l);
        }
        return m;
    }

    @Override
    public void close() throws IOException {
        server.close();
        pool.shutdownNow();
    }
}
