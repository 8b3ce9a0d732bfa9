package de.tomaudit.probe.tls;

import de.tomaudit.i18n.AuditTexts;
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
    private static final int ALERT_PROTOCOL_VERSION = 70;
    /**
     * An SSLv3 hello has no extensions to pad it: with 105 suites and the renegotiation SCSV it stays
     * below the 256 bytes some servers hang on (RFC 7685 section 4).
     */
    private static final int SSL3_SUITES_PER_HELLO = 105;

    private final Connector connector;
    private final Handshaker handshaker;
    private final ExecutorService pool;
    private final SuiteCatalog catalog = SuiteCatalog.get();
    private final List<String> notes = Collections.synchronizedList(new ArrayList<>());
    private final Map<TlsVersion, Seen> seen = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile ServerReply baseline;
    private volatile ClientHello baselineHello;

    public TlsScanner(Connector connector, ExecutorService pool) {
        this.connector = connector;
        this.handshaker = new Handshaker(connector);
        this.pool = pool;
    }

    public TlsScan scan() throws ProbeException {
        Optional<TlsVersion> highest = baseline();
        Map<TlsVersion, Future<List<TlsSuite>>> versionTasks = new EnumMap<>(TlsVersion.class);
        for (TlsVersion v : TlsVersion.values()) {
            if (highest.isPresent() && v.compareTo(highest.get()) > 0) {
                continue; // the server chose a lower version when offered this one: it does not speak it
            }
            versionTasks.put(v, pool.submit(AuditTexts.carry(() -> enumerate(v))));
        }
        Map<TlsVersion, List<TlsSuite>> accepted = new EnumMap<>(TlsVersion.class);
        for (TlsVersion v : TlsVersion.values()) {
            Future<List<TlsSuite>> f = versionTasks.get(v);
            accepted.put(v, f == null ? List.of() : await(f, versionTasks.values()));
        }
        if (accepted.values().stream().allMatch(List::isEmpty)) {
            throw nothingAccepted();
        }

        Map<TlsVersion, Future<String>> orderTasks = new EnumMap<>(TlsVersion.class);
        for (TlsVersion v : TlsVersion.values()) {
            if (v != TlsVersion.SSL_2 && accepted.get(v).size() >= 2) {
                orderTasks.put(v, pool.submit(AuditTexts.carry(() -> order(v, accepted.get(v)))));
            }
        }
        Future<List<Integer>> groups13 = pool.submit(AuditTexts.carry(() -> accepted.get(TlsVersion.TLS_1_3).isEmpty()
                ? List.<Integer>of() : groupsTls13(accepted.get(TlsVersion.TLS_1_3))));
        Optional<TlsVersion> ecdheVersion = highestWith(accepted, TlsScanner::ellipticEphemeral);
        Future<List<Integer>> curves = pool.submit(AuditTexts.carry(() -> ecdheVersion.isEmpty() ? List.<Integer>of()
                : curvesLegacy(ecdheVersion.get(), accepted.get(ecdheVersion.get()))));
        Optional<TlsVersion> dheVersion = highestWith(accepted, TlsSuite::ephemeralFiniteField);
        Future<Optional<Integer>> dh = pool.submit(AuditTexts.carry(() -> dheVersion.isEmpty() ? Optional.<Integer>empty()
                : dhPrimeBits(dheVersion.get(), accepted.get(dheVersion.get()))));
        Optional<TlsVersion> certVersion = highestWith(accepted, TlsScanner::certified);
        Future<List<byte[]>> rawChain = pool.submit(AuditTexts.carry(() -> certVersion.isEmpty() ? List.<byte[]>of()
                : rawChain(certVersion.get(), accepted.get(certVersion.get()))));

        List<Future<?>> all = new ArrayList<>(orderTasks.values());
        all.addAll(List.of(groups13, curves, dh, rawChain));
        Map<TlsVersion, String> order = new EnumMap<>(TlsVersion.class);
        for (Map.Entry<TlsVersion, Future<String>> e : orderTasks.entrySet()) {
            order.put(e.getKey(), await(e.getValue(), all));
        }
        List<Integer> g13 = await(groups13, all);
        List<Integer> legacyCurves = await(curves, all);
        Optional<Integer> dhBits = await(dh, all);
        List<byte[]> chain = await(rawChain, all);
        LOG.debug("{}: {} connections for the enumeration ({} dropped and retried)", connector.endpoint().id(),
                handshaker.connections(), handshaker.drops());
        return new TlsScan(connector.endpoint(), accepted, order, g13, legacyCurves, dhBits, chain,
                certVersion.filter(v -> !chain.isEmpty()), List.copyOf(notes));
    }

    /**
     * A modern hello first: a server that does not answer it with TLS at all is an error for the whole endpoint.
     * The version it chooses is the highest it speaks (servers settle the version before the suite).
     */
    private Optional<TlsVersion> baseline() throws ProbeException {
        List<Integer> suites = OfferOrder.BASELINE;
        ClientHello hello = ClientHello.of(TlsVersion.TLS_1_2, suites).groups(NamedGroups.forTls13())
                .supportedVersions(List.of(TlsVersion.TLS_1_3, TlsVersion.TLS_1_2, TlsVersion.TLS_1_1, TlsVersion.TLS_1_0));
        ServerReply r = handshaker.send(hello, false);
        baseline = r;
        baselineHello = hello;
        if (r instanceof ServerReply.Closed c) {
            notes.add("the server " + (c.reset() ? "reset" : "closed") + " the connection on a TLS 1.0-1.3 hello");
        }
        return r instanceof ServerReply.Hello h ? Optional.of(h.version()) : Optional.empty();
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

    /**
     * The suites of one version: offer up to {@value ClientHello#MAX_SUITES_PER_HELLO} of those not yet
     * decided (the most common first), take out the one the server chooses, refill, offer again; a hello the
     * server picks nothing from rules out all of its suites. The first refusal of the version itself (a
     * protocol_version alert, or a ServerHello of another version) ends it. Every TLS 1.2-or-older
     * answer is read to its ServerHelloDone, so the chain, the curve and the DHE prime come with it; TLS 1.3
     * hellos carry no key share, so the HelloRetryRequest names the server's favourite group.
     */
    private List<TlsSuite> enumerate(TlsVersion v) throws ProbeException {
        if (v == TlsVersion.SSL_2) {
            return sslv2();
        }
        Seen seen = new Seen();
        this.seen.put(v, seen);
        List<Integer> offerOrder = OfferOrder.of(v);
        List<Integer> pending = new ArrayList<>(offerOrder);
        List<TlsSuite> accepted = new ArrayList<>();
        int lastPosition = -1;
        int perHello = v == TlsVersion.SSL_3 ? SSL3_SUITES_PER_HELLO : ClientHello.MAX_SUITES_PER_HELLO;
        while (!pending.isEmpty()) {
            List<Integer> window = List.copyOf(pending.subList(0, Math.min(pending.size(), perHello)));
            ClientHello hello = ClientHello.of(v, window);
            if (v == TlsVersion.TLS_1_3) {
                hello.keyShares(false);
            }
            Optional<ServerReply> reply = send(v, hello, v != TlsVersion.TLS_1_3);
            if (reply.isEmpty()) {
                return accepted;
            }
            if (!(reply.get() instanceof ServerReply.Hello h)) {
                if (accepted.isEmpty() && reply.get() instanceof ServerReply.Alert a && a.description() == ALERT_PROTOCOL_VERSION) {
                    return accepted; // the version itself is refused
                }
                if (reply.get() instanceof ServerReply.Closed) {
                    stillAnswering("the enumeration of " + v.display() + " suites ("
                            + (accepted.isEmpty() ? "none" : accepted.size()) + " found so far)");
                }
                pending.removeAll(window); // none of these
                continue;
            }
            if (h.version() != v) {
                return accepted; // the server negotiates another version instead: v is not supported
            }
            TlsSuite chosen = catalog.tls(h.suite());
            accepted.add(chosen);
            seen.take(h, chosen);
            if (!window.contains(h.suite())) {
                notes.add(v.display() + ": the server chose " + chosen.name() + ", which was not offered");
                pending.removeAll(window);
                continue;
            }
            pending.remove(Integer.valueOf(h.suite()));
            int position = offerOrder.indexOf(h.suite());
            if (position < lastPosition) {
                seen.serverDecides = true; // it chose a suite we offered after one it took earlier
            }
            lastPosition = position;
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

    /**
     * A hello closed without an answer, even when retried alone, is how some servers refuse a version or a suite
     * list; a server that stopped answering this client does the same. The first hello, answered before, tells
     * them apart: closed now too means the enumeration cannot be completed, an error that names what is missing.
     */
    private void stillAnswering(String during) throws ProbeException {
        if (!(baseline instanceof ServerReply.Hello) || handshaker.send(baselineHello, false) instanceof ServerReply.Hello) {
            return;
        }
        throw new ProbeException(ProbeException.Kind.CLOSED, connector.endpoint().label() + ": the server stopped answering"
                + " after " + handshaker.connections() + " connections, during " + during
                + ": the rest of it is unknown (a per-client limit or a ban?)");
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

    /**
     * Whose preference decides. A server that follows the client's order takes the suites in the order they
     * were offered; one choice out of that order during the enumeration means the server decides, without
     * another hello. Otherwise one hello with the accepted suites reversed: the first of them taken means the
     * client decides.
     */
    private String order(TlsVersion v, List<TlsSuite> accepted) throws ProbeException {
        if (seen(v).serverDecides) {
            return "server";
        }
        List<Integer> backward = new ArrayList<>(codes(accepted));
        Collections.reverse(backward);
        if (backward.size() > ClientHello.MAX_SUITES_PER_HELLO) {
            backward = backward.subList(0, ClientHello.MAX_SUITES_PER_HELLO);
        }
        Optional<ServerReply> b = send(v, ClientHello.of(v, backward), false);
        if (b.isPresent() && b.get() instanceof ServerReply.Hello hb && hb.version() == v) {
            return hb.suite() == backward.get(0) ? "client" : "server";
        }
        notes.add(v.display() + ": the server did not accept its own suites again when asked for its preference");
        return "unknown";
    }

    /** TLS 1.3 groups: hellos without key shares make the server name its group in a HelloRetryRequest. */
    private List<Integer> groupsTls13(List<TlsSuite> suites) throws ProbeException {
        List<Integer> remaining = new ArrayList<>(NamedGroups.forTls13());
        List<Integer> out = new ArrayList<>();
        Optional<Integer> favourite = seen(TlsVersion.TLS_1_3).group; // the enumeration's HelloRetryRequest named it
        if (favourite.isPresent()) {
            out.add(favourite.get());
            if (!remaining.remove(favourite.get())) {
                notes.add("TLS 1.3: the server chose group " + NamedGroups.name(favourite.get()) + ", which was not offered");
                return out;
            }
        }
        for (int i = 0; i < MAX_GROUP_ROUNDS && !remaining.isEmpty(); i++) {
            ServerReply r = handshaker.send(ClientHello.of(TlsVersion.TLS_1_3, oneHello(suites)).groups(remaining)
                    .keyShares(false), false);
            if (r instanceof ServerReply.Closed) {
                stillAnswering("the TLS 1.3 groups (" + out.size() + " found so far)");
            }
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
        Optional<Integer> favourite = seen(v).curve; // from the enumeration's first ECDHE answer at v
        if (favourite.isPresent()) {
            out.add(favourite.get());
            if (!remaining.remove(favourite.get())) {
                notes.add(v.display() + ": the server chose curve " + NamedGroups.name(favourite.get()) + ", which was not offered");
                return out;
            }
        }
        for (int i = 0; i < MAX_GROUP_ROUNDS && !remaining.isEmpty(); i++) {
            Optional<ServerReply> r = send(v, ClientHello.of(v, ecdhe).groups(remaining), true);
            if (r.isPresent() && r.get() instanceof ServerReply.Closed) {
                stillAnswering("the " + v.display() + " ECDHE curves (" + out.size() + " found so far)");
            }
            if (r.isEmpty() || !(r.get() instanceof ServerReply.Hello h) || h.flight().isEmpty()) {
                break;
            }
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
        if (seen(v).dhPrimeBits.isPresent()) {
            return seen(v).dhPrimeBits;
        }
        List<Integer> dhe = oneHello(accepted.stream().filter(TlsSuite::ephemeralFiniteField).toList());
        Optional<ServerReply> r = send(v, ClientHello.of(v, dhe), true);
        if (r.isPresent() && r.get() instanceof ServerReply.Hello h && h.flight().isPresent()) {
            return h.flight().get().dhPrimeBits();
        }
        notes.add(v.display() + ": no ServerKeyExchange with DH parameters seen");
        return Optional.empty();
    }

    /** The chain of the enumeration's first answer at {@code v} that had one; one more hello only if none had. */
    private List<byte[]> rawChain(TlsVersion v, List<TlsSuite> accepted) throws ProbeException {
        if (!seen(v).chain.isEmpty()) {
            return seen(v).chain;
        }
        List<Integer> suites = oneHello(accepted.stream().filter(TlsScanner::certified).toList());
        Optional<ServerReply> r = send(v, ClientHello.of(v, suites), true);
        if (r.isPresent() && r.get() instanceof ServerReply.Hello h && h.flight().isPresent()) {
            return h.flight().get().certificates();
        }
        return List.of();
    }

    private static boolean certified(TlsSuite s) {
        return !s.anonymous() && !s.kx().startsWith("PSK") && !s.kx().equals("SRP") && !s.kx().equals("KRB5");
    }

    private static boolean ellipticEphemeral(TlsSuite s) {
        return s.kx().startsWith("ECDHE") || (s.kx().equals("ECDH") && s.anonymous());
    }

    private Seen seen(TlsVersion v) {
        return seen.getOrDefault(v, new Seen());
    }

    /** What the enumeration of one version saw besides the suites (its first sight of each). */
    private static final class Seen {
        private List<byte[]> chain = List.of();
        private Optional<Integer> curve = Optional.empty();
        private Optional<Integer> dhPrimeBits = Optional.empty();
        private Optional<Integer> group = Optional.empty();
        private volatile boolean serverDecides;

        synchronized void take(ServerReply.Hello h, TlsSuite chosen) {
            if (h.retry() && group.isEmpty()) {
                group = h.group();
            }
            if (h.flight().isEmpty()) {
                return;
            }
            ServerReply.Flight f = h.flight().get();
            if (chain.isEmpty() && certified(chosen) && !f.certificates().isEmpty()) {
                chain = f.certificates();
            }
            if (curve.isEmpty() && ellipticEphemeral(chosen)) {
                curve = f.curve();
            }
            if (dhPrimeBits.isEmpty() && chosen.ephemeralFiniteField()) {
                dhPrimeBits = f.dhPrimeBits();
            }
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

    /**
     * The catalog's suites in offering order (the most common first), per version, and the baseline
     * hello's suites: the same for every scan, so made once per JVM rather than before each scan's first
     * connection (which, on a port that refuses, was all the scan did).
     */
    private static final class OfferOrder {
        private static final Map<TlsVersion, List<Integer>> BY_VERSION = new java.util.concurrent.ConcurrentHashMap<>();
        /** Every TLS 1.3 suite, then the most common TLS 1.2 ones up to one hello's worth. */
        static final List<Integer> BASELINE;

        static {
            List<Integer> suites = new ArrayList<>(codes(SuiteCatalog.get().offerable(TlsVersion.TLS_1_3)));
            for (int code : of(TlsVersion.TLS_1_2)) {
                if (suites.size() >= ClientHello.MAX_SUITES_PER_HELLO) {
                    break;
                }
                suites.add(code);
            }
            BASELINE = List.copyOf(suites);
        }

        static List<Integer> of(TlsVersion v) {
            return BY_VERSION.computeIfAbsent(v, x -> codes(SuiteCatalog.get().offerable(x).stream()
                    .sorted(Comparator.comparingInt(TlsScanner::commonness)).toList()));
        }
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
            throw new ProbeException(ProbeException.Kind.IO, AuditTexts.get("evidence.probe.failed-plain", String.valueOf(e.getCause())), e.getCause());
        }
    }

}
