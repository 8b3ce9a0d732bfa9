package de.tomaudit.probe;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.probe.http.HttpObservation;
import de.tomaudit.probe.http.HttpProbe;
import de.tomaudit.probe.tls.CertificateFetcher;
import de.tomaudit.probe.tls.CertificateInspector;
import de.tomaudit.probe.tls.CertificateReport;
import de.tomaudit.probe.tls.TlsScan;
import de.tomaudit.probe.tls.TlsScanner;
import de.tomaudit.probe.tls.TlsVersion;
import de.tomaudit.probe.xmpp.XmppObservation;
import de.tomaudit.probe.xmpp.XmppProbe;
import de.tomaudit.probe.xmpp.XmppStartTls;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Probes the planned endpoints of one target: ports in parallel ({@link ProbeSettings#parallelEndpoints()}),
 * each port's connections bounded by its {@link Connector}, everything within the target's budget.
 * Per port: reachability, then the TLS enumeration (once), then per name on that port the
 * certificate, the XMPP features and the HTTP answer. Never throws; failures are values.
 */
final class ProbeRun {
    private static final Logger LOG = LoggerFactory.getLogger(ProbeRun.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ProbeSettings settings;
    private final ProbeBudget budget;
    private final CertificateInspector inspector;
    private final Clock clock;
    private final String userAgent;

    ProbeRun(ProbeSettings settings, CertificateInspector inspector, Clock clock, String userAgent) {
        this.settings = settings;
        this.budget = new ProbeBudget(settings.budget());
        this.inspector = inspector;
        this.clock = clock;
        this.userAgent = userAgent;
    }

    List<EndpointResult> run(List<Endpoint> endpoints) {
        Map<String, List<Endpoint>> byPort = new LinkedHashMap<>();
        for (Endpoint e : endpoints) {
            byPort.computeIfAbsent(e.port() + "/" + e.startTls() + "/" + e.tls(), k -> new ArrayList<>()).add(e);
        }
        String target = MDC.get("target");
        ExecutorService ports = Executors.newFixedThreadPool(Math.max(1, Math.min(settings.parallelEndpoints(), byPort.size())),
                daemon("probe-port"));
        ExecutorService handshakes = Executors.newFixedThreadPool(
                Math.max(2, settings.parallelEndpoints() * settings.handshakesPerEndpoint()), daemon("probe-hs"));
        List<EndpointResult> out = new ArrayList<>();
        // OkHttp (and its Kotlin runtime) only for a run with an HTTP endpoint: a TLS-only run never loads it
        boolean web = endpoints.stream().anyMatch(e -> e.protocol() == Endpoint.Protocol.HTTP);
        try (HttpProbe http = web ? new HttpProbe(settings, budget, userAgent) : null) {
            Map<List<Endpoint>, Future<List<EndpointResult>>> futures = new LinkedHashMap<>();
            for (List<Endpoint> group : byPort.values()) {
                futures.put(group, ports.submit(de.tomaudit.i18n.AuditTexts.carry(() -> {
                    if (target != null) {
                        MDC.put("target", target);
                    }
                    return port(group, handshakes, http);
                })));
            }
            for (Map.Entry<List<Endpoint>, Future<List<EndpointResult>>> f : futures.entrySet()) {
                out.addAll(await(f.getKey(), f.getValue()));
            }
        } finally {
            ports.shutdownNow();
            handshakes.shutdownNow();
        }
        return out;
    }

    private List<EndpointResult> await(List<Endpoint> group, Future<List<EndpointResult>> f) {
        try {
            return f.get(budget.remainingMillis() + settings.readTimeout().toMillis() + settings.connectTimeout().toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return group.stream().map(x -> EndpointResult.error(x, AuditTexts.get("evidence.probe.budget", x.label(), String.valueOf(settings.budget().toSeconds())))).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return group.stream().map(x -> EndpointResult.error(x, AuditTexts.get("evidence.probe.interrupted", x.label()))).toList();
        } catch (ExecutionException e) {
            LOG.info("probe of port {} failed: {}", group.get(0).port(), e.getCause().toString());
            return group.stream().map(x -> EndpointResult.error(x, AuditTexts.get("evidence.probe.failed", x.label(), String.valueOf(e.getCause())))).toList();
        }
    }

    private List<EndpointResult> port(List<Endpoint> group, ExecutorService handshakes, HttpProbe http) {
        Endpoint first = group.get(0);
        long start = System.nanoTime();
        ConnectionSlots slots = new ConnectionSlots(settings.handshakesPerEndpoint());
        // A TLS-only port needs no connection of its own to learn that it is reachable: the scan's first does it
        boolean tlsFirst = first.tls() && group.stream().noneMatch(Endpoint::isXmpp);
        Connector reach = connector(first, slots);
        Attempt<Boolean> reachable = tlsFirst ? new Attempt.Done<>(true) : Attempt.of(() -> {
            try (Connector.Connection c = reach.openPlain()) {
                return true;
            }
        });
        if (reachable instanceof Attempt.Failed<Boolean> f) {
            return unreachable(group, f);
        }
        // XMPP first: a STARTTLS port that does not offer STARTTLS has no TLS to enumerate (a fact, not an error)
        Map<Endpoint, Attempt<XmppObservation>> xmpp = new LinkedHashMap<>();
        for (Endpoint e : group) {
            if (e.isXmpp()) {
                Connector c = connector(e, slots);
                xmpp.put(e, Attempt.of(() -> XmppProbe.probe(c)));
            }
        }
        boolean noStartTls = first.startTls() != Endpoint.StartTls.NONE && xmpp.containsKey(first)
                && xmpp.get(first).value().flatMap(XmppObservation::beforeTls).map(f -> !f.starttls()).orElse(false);
        Optional<Attempt<TlsScan>> scan = Optional.empty();
        if (first.tls() && !noStartTls) {
            Connector c = connector(first, slots);
            scan = Optional.of(Attempt.of(() -> new TlsScanner(c, handshakes).scan()));
            if (tlsFirst && !c.connected() && scan.get() instanceof Attempt.Failed<TlsScan> f) {
                return unreachable(group, f);
            }
        }
        List<EndpointResult> out = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            Endpoint e = group.get(i);
            Connector c = connector(e, slots);
            Optional<Attempt<CertificateReport>> cert = Optional.empty();
            if (e.tls() && !noStartTls) {
                Optional<TlsScan> seen = scan.flatMap(Attempt::value);
                List<byte[]> raw = seen.map(TlsScan::chain).orElse(List.of());
                // the scan's handshake was made with this name (SNI): its chain is the one this name gets
                Optional<TlsVersion> sameHandshake = e.name().equals(first.name())
                        ? seen.flatMap(TlsScan::chainVersion) : Optional.empty();
                cert = Optional.of(Attempt.of(() -> {
                    CertificateFetcher.Fetched f = sameHandshake.isPresent()
                            ? CertificateFetcher.fromHandshake(c, raw, sameHandshake.get()) : CertificateFetcher.fetch(c, raw);
                    return inspector.inspect(f.chain(), e.name(), clock.instant(), f.via(), f.protocol());
                }));
            }
            Optional<Attempt<HttpObservation>> web = e.protocol() == Endpoint.Protocol.HTTP
                    ? Optional.of(Attempt.of(() -> http.probe(e))) : Optional.empty();
            out.add(new EndpointResult(e, EndpointResult.Status.PROBED, noStartTls ? AuditTexts.get("evidence.probe.no-starttls") : "",
                    i == 0 ? scan : Optional.empty(), cert, Optional.ofNullable(xmpp.get(e)), web));
        }
        LOG.debug("probed port {} ({} names) in {} ms", first.port(), group.size(), (System.nanoTime() - start) / 1_000_000);
        return out;
    }

    /** Every name on a port nothing could connect to: skipped on a default port where nothing listens, else an error. */
    private static List<EndpointResult> unreachable(List<Endpoint> group, Attempt.Failed<?> f) {
        List<EndpointResult> out = new ArrayList<>();
        for (Endpoint e : group) {
            boolean quiet = e.origin() == Endpoint.Origin.DEFAULT && f.kind() == ProbeException.Kind.REFUSED;
            out.add(quiet ? EndpointResult.skipped(e, AuditTexts.get("evidence.probe.default-port-quiet", String.valueOf(e.port())))
                    : EndpointResult.error(e, f.message()));
        }
        return out;
    }

    private Connector connector(Endpoint e, ConnectionSlots slots) {
        return new Connector(e, settings, budget, new XmppStartTls(), slots);
    }

    private static ThreadFactory daemon(String prefix) {
        return r -> {
            Thread t = new Thread(r, prefix + "-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
