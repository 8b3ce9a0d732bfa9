package de.tomaudit.probe.tls;

import de.tomaudit.probe.Connector;
import de.tomaudit.probe.ProbeException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enumerates one endpoint with hand-built hellos: which versions (SSLv2 to TLS 1.3) and which
 * suites of each the server accepts (offer a bundle, take the chosen suite out, offer again,
 * until the server refuses; at most {@value ClientHello#MAX_SUITES_PER_HELLO} suites per hello,
 * as testssl.sh does), the server's preference, key exchange groups and the DHE prime size.
 * Versions and follow-up questions run in parallel on {@code pool}; the endpoint's
 * {@link Connector} keeps the number of simultaneous connections bounded.
 */
public final class TlsScanner {
    private static final Logger LOG = LoggerFactory.getLogger(TlsScanner.class);
    private static final int MAX_GROUP_ROUNDS = 64;

    private final Connector connector;
    private final Handshaker handshaker;
    private final ExecutorService pool;
    private final SuiteCatalog catalog = SuiteCatalog.get();
    private final List<String> notes = Collections.synchronizedList(new ArrayList<>());
    private volatile List<byte[]> chain = List.of();
    private volatile ServerReply baseline;

    public TlsScanner(Connector connector, ExecutorService pool) {
        this.connector = connector;
        this.handshaker = new Handshaker(connector);
        this.pool = pool;
    }

    public TlsScan scan() throws ProbeException {
        baseline();
        Map<TlsVersion, Future<List<TlsSuite>>> versionTasks = new EnumMap<>(TlsVersion.class);
        for (TlsVersion v : TlsVersion.values()) {
            versionTasks.put(v, pool.submit(() -> enumerate(v)));
        }
        Map<TlsVersion, List<TlsSuite>> accepted = new EnumMap<>(TlsVersion.class);
        for (Map.Entry<TlsVersion, Future<List<TlsSuite>>> e : versionTasks.entrySet()) {
            accepted.put(e.getKey(), await(e.getValue(), versionTasks.values()));
        }
        if (accepted.values().stream().allMatch(List::isEmpty)) {
            throw nothingAccepted();
        }

        Map<TlsVersion, Future<String>> orderTasks = new EnumMap<>(TlsVersion.class);
        for (TlsVersion v : TlsVersion.values()) {
            if (v != TlsVersion.SSL_2 && accepted.get(v).size() >= 2) {
                orderTasks.put(v, pool.submit(() -> order(v, accepted.get(v))));
            }
        }
        Future<List<Integer>> groups13 = pool.submit(() -> accepted.get(TlsVersion.TLS_1_3).isEmpty()
                ? List.<Integer>of() : groupsTls13(accepted.get(TlsVersion.TLS_1_3)));
        Optional<TlsVersion> ecdheVersion = highestWith(accepted, s -> s.kx().startsWith("ECDHE")
                || (s.kx().equals("ECDH") && s.anonymous()));
        Future<List<Integer>> curves = pool.submit(() -> ecdheVersion.isEmpty() ? List.<Integer>of()
                : curvesLegacy(ecdheVersion.get(), accepted.get(ecdheVersion.get())));
        Optional<TlsVersion> dheVersion = highestWith(accepted, TlsSuite::ephemeralFiniteField);
        Future<Optional<Integer>> dh = pool.submit(() -> dheVersion.isEmpty() ? Optional.<Integer>empty()
                : dhPrimeBits(dheVersion.get(), accepted.get(dheVersion.get())));
        Optional<TlsVersion> certVersion = highestWith(accepted, s -> !s.anonymous() && !s.kx().startsWith("PSK")
                && !s.kx().equals("SRP") && !s.kx().equals("KRB5"));
        Future<Boolean> rawChain = pool.submit(() -> certVersion.isPresent() && rawChain(certVersion.get(), accepted.get(certVersion.get())));

        List<Future<?>> all = new ArrayList<>(orderTasks.values());
        all.addAll(List.of(groups13, curves, dh, rawChain));
        Map<TlsVersion, String> order = new EnumMap<>(TlsVersion.class);
        for (Map.Entry<TlsVersion, Future<String>> e : orderTasks.entrySet()) {
            order.put(e.getKey(), await(e.getValue(), all));
        }
        List<Integer> g13 = await(groups13, all);
        List<Integer> legacyCurves = await(curves, all);
        Optional<Integer> dhBits = await(dh, all);
        await(rawChain, all);
        return new TlsScan(connector.endpoint(), accepted, order, g13, legacyCurves, dhBits, chain, List.copyOf(notes));
    }

    /** A modern hello first: a server that does not answer it with TLS at all is an error for the whole endpoint. */
    private void baseline() throws ProbeException {
        List<Integer> suites = new ArrayList<>(codes(catalog.offerable(TlsVersion.TLS_1_3)));
        List<TlsSuite> legacy = new ArrayList<>(catalog.offerable(TlsVersion.TLS_1_2));
        legacy.sort(Comparator.comparingInt(TlsScanner::commonness));
        for (TlsSuite s : legacy) {
            if (suites.size() >= ClientHello.MAX_SUITES_PER_HELLO) {
                break;
            }
            suites.add(s.code());
        }
        ClientHello hello = ClientHello.of(TlsVersion.TLS_1_2, suites).groups(NamedGroups.forTls13())
                .supportedVersions(List.of(TlsVersion.TLS_1_3, TlsVersion.TLS_1_2, TlsVersion.TLS_1_1, TlsVersion.TLS_1_0));
        ServerReply r = handshaker.send(hello, false);
        baseline = r;
        if (r instanceof ServerReply.Closed c) {
            notes.add("the server " + (c.reset() ? "reset" : "closed") + " the connection on a TLS 1.0-1.3 hello");
        }
    }

    /** Not one version with one suite: whatever listens there, the probe cannot say anything about its TLS. */
    private ProbeException nothingAccepted() {
        String label = connector.endpoint().label();
        if (baseline instanceof ServerReply.Closed c) {
            return new ProbeException(c.reset() ? ProbeException.Kind.RESET : ProbeException.Kind.CLOSED, label
                    + ": the server " + (c.reset() ? "reset" : "closed") + " the connection on every ClientHello (SSLv2 to TLS 1.3)");
        }
        String how = baseline instanceof ServerReply.Alert a ? a.text() : "no ServerHello";
        return new ProbeException(ProbeException.Kind.IO, label + ": the server accepted no ClientHello of SSLv2 to TLS 1.3 ("
                + how + "): no common version and suite");
    }

    /** Lower is more common on real servers: AEAD with forward secrecy first. */
    private static int commonness(TlsSuite s) {
        int score = 0;
        if (!s.forwardSecrecy()) {
            score += 4;
        }
        if (!s.aead()) {
            score += 2;
        }
        if (s.anonymous() || s.kx().contains("PSK") || s.kx().equals("SRP") || s.kx().equals("DH") || s.kx().equals("ECDH")) {
            score += 8;
        }
        return score;
    }

    private List<TlsSuite> enumerate(TlsVersion v) throws ProbeException {
        if (v == TlsVersion.SSL_2) {
            return sslv2();
        }
        List<TlsSuite> accepted = new ArrayList<>();
        for (List<Integer> bundle : ClientHello.bundles(codes(catalog.offerable(v)), ClientHello.MAX_SUITES_PER_HELLO)) {
            List<Integer> remaining = new ArrayList<>(bundle);
            while (!remaining.isEmpty()) {
                Optional<ServerReply> reply = send(v, ClientHello.of(v, remaining), false);
                if (reply.isEmpty()) {
                    return accepted;
                }
                if (!(reply.get() instanceof ServerReply.Hello h)) {
                    break;
                }
                if (h.version() != v) {
                    return accepted; // the server negotiates another version instead: v is not supported
                }
                TlsSuite chosen = catalog.tls(h.suite());
                if (!remaining.contains(h.suite())) {
                    notes.add(v.display() + ": the server chose " + chosen.name() + ", which was not offered");
                    accepted.add(chosen);
                    break;
                }
                accepted.add(chosen);
                remaining.remove(Integer.valueOf(h.suite()));
            }
        }
        LOG.debug("{} {}: {} suites", connector.endpoint().id(), v.display(), accepted.size());
        return accepted;
    }

    private List<TlsSuite> sslv2() throws ProbeException {
        List<Integer> kinds = catalog.allSslv2().stream().map(TlsSuite::code).toList();
        ServerReply r;
        try {
            r = handshaker.send(Sslv2ClientHello.of(kinds), false);
        } catch (ProbeException e) {
            if (lenient(e)) {
                notes.add("SSLv2 hello: " + e.getMessage());
                return List.of();
            }
            throw e;
        }
        if (r instanceof ServerReply.Sslv2Hello h) {
            if (h.kinds().isEmpty()) {
                notes.add("SSLv2: the server answers SSLv2 hellos but shares no cipher kind");
            }
            return h.kinds().stream().map(catalog::sslv2).toList();
        }
        return List.of();
    }

    /** The reply, or empty when a legacy probe (SSLv3) met a server that answers with silence or noise. */
    private Optional<ServerReply> send(TlsVersion v, ClientHello hello, boolean flight) throws ProbeException {
        try {
            return Optional.of(handshaker.send(hello, flight));
        } catch (ProbeException e) {
            if (v == TlsVersion.SSL_3 && lenient(e)) {
                notes.add("SSLv3 hello: " + e.getMessage());
                return Optional.empty();
            }
            throw e;
        }
    }

    private static boolean lenient(ProbeException e) {
        return e.kind() == ProbeException.Kind.GARBAGE || e.kind() == ProbeException.Kind.TIMEOUT
                || e.kind() == ProbeException.Kind.CLOSED || e.kind() == ProbeException.Kind.RESET;
    }

    /** Offer the accepted suites in order and reversed: the same choice both times means the server decides. */
    private String order(TlsVersion v, List<TlsSuite> accepted) throws ProbeException {
        List<Integer> forward = codes(accepted);
        List<Integer> backward = new ArrayList<>(forward);
        Collections.reverse(backward);
        if (forward.size() > ClientHello.MAX_SUITES_PER_HELLO) {
            forward = forward.subList(0, ClientHello.MAX_SUITES_PER_HELLO);
            backward = backward.subList(0, ClientHello.MAX_SUITES_PER_HELLO);
        }
        Optional<ServerReply> a = send(v, ClientHello.of(v, forward), false);
        Optional<ServerReply> b = send(v, ClientHello.of(v, backward), false);
        if (a.isPresent() && b.isPresent() && a.get() instanceof ServerReply.Hello ha
                && b.get() instanceof ServerReply.Hello hb) {
            return ha.suite() == hb.suite() ? "server" : "client";
        }
        notes.add(v.display() + ": the server did not accept its own suites again when asked for its preference");
        return "unknown";
    }

    /** TLS 1.3 groups: hellos without key shares make the server name its group in a HelloRetryRequest. */
    private List<Integer> groupsTls13(List<TlsSuite> suites) throws ProbeException {
        List<Integer> remaining = new ArrayList<>(NamedGroups.forTls13());
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < MAX_GROUP_ROUNDS && !remaining.isEmpty(); i++) {
            ServerReply r = handshaker.send(ClientHello.of(TlsVersion.TLS_1_3, oneHello(suites)).groups(remaining)
                    .keyShares(false), false);
            if (!(r instanceof ServerReply.Hello h) || h.version() != TlsVersion.TLS_1_3 || h.group().isEmpty()) {
                break;
            }
            int g = h.group().get();
            out.add(g);
            if (!remaining.remove(Integer.valueOf(g))) {
                notes.add("TLS 1.3: the server chose group " + NamedGroups.name(g) + ", which was not offered");
                break;
            }
        }
        return out;
    }

    /** Curves of ECDHE in TLS 1.2 and older, read from the ServerKeyExchange. */
    private List<Integer> curvesLegacy(TlsVersion v, List<TlsSuite> accepted) throws ProbeException {
        List<Integer> ecdhe = oneHello(accepted.stream().filter(s -> s.kx().startsWith("ECDHE")
                || (s.kx().equals("ECDH") && s.anonymous())).toList());
        List<Integer> remaining = new ArrayList<>(NamedGroups.curves());
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < MAX_GROUP_ROUNDS && !remaining.isEmpty(); i++) {
            Optional<ServerReply> r = send(v, ClientHello.of(v, ecdhe).groups(remaining), true);
            if (r.isEmpty() || !(r.get() instanceof ServerReply.Hello h) || h.flight().isEmpty()) {
                break;
            }
            keepChain(h.flight().get());
            Optional<Integer> curve = h.flight().get().curve();
            if (curve.isEmpty()) {
                break;
            }
            out.add(curve.get());
            if (!remaining.remove(curve.get())) {
                notes.add(v.display() + ": the server chose curve " + NamedGroups.name(curve.get()) + ", which was not offered");
                break;
            }
        }
        return out;
    }

    private Optional<Integer> dhPrimeBits(TlsVersion v, List<TlsSuite> accepted) throws ProbeException {
        List<Integer> dhe = oneHello(accepted.stream().filter(TlsSuite::ephemeralFiniteField).toList());
        Optional<ServerReply> r = send(v, ClientHello.of(v, dhe), true);
        if (r.isPresent() && r.get() instanceof ServerReply.Hello h && h.flight().isPresent()) {
            keepChain(h.flight().get());
            return h.flight().get().dhPrimeBits();
        }
        notes.add(v.display() + ": no ServerKeyExchange with DH parameters seen");
        return Optional.empty();
    }

    private boolean rawChain(TlsVersion v, List<TlsSuite> accepted) throws ProbeException {
        List<Integer> suites = oneHello(accepted.stream().filter(s -> !s.anonymous()).toList());
        Optional<ServerReply> r = send(v, ClientHello.of(v, suites), true);
        if (r.isPresent() && r.get() instanceof ServerReply.Hello h && h.flight().isPresent()) {
            keepChain(h.flight().get());
            return true;
        }
        return false;
    }

    private void keepChain(ServerReply.Flight f) {
        if (chain.isEmpty() && !f.certificates().isEmpty()) {
            chain = f.certificates();
        }
    }

    private static Optional<TlsVersion> highestWith(Map<TlsVersion, List<TlsSuite>> accepted,
                                                    java.util.function.Predicate<TlsSuite> p) {
        for (TlsVersion v : List.of(TlsVersion.TLS_1_2, TlsVersion.TLS_1_1, TlsVersion.TLS_1_0, TlsVersion.SSL_3)) {
            if (accepted.getOrDefault(v, List.of()).stream().anyMatch(p)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    private static List<Integer> codes(List<TlsSuite> suites) {
        return suites.stream().map(TlsSuite::code).toList();
    }

    /** At most one hello's worth of suites, the most common first. */
    private static List<Integer> oneHello(List<TlsSuite> suites) {
        return suites.stream().sorted(Comparator.comparingInt(TlsScanner::commonness))
                .limit(ClientHello.MAX_SUITES_PER_HELLO).map(TlsSuite::code).toList();
    }

    private static <T> T await(Future<T> f, java.util.Collection<? extends Future<?>> siblings) throws ProbeException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            siblings.forEach(s -> s.cancel(true));
            throw new ProbeException(ProbeException.Kind.BUDGET, "interrupted");
        } catch (ExecutionException e) {
            siblings.forEach(s -> s.cancel(true));
            if (e.getCause() instanceof ProbeException pe) {
                throw pe;
            }
            throw new ProbeException(ProbeException.Kind.IO, "probe failed: " + e.getCause(), e.getCause());
        }
    }

}
