package de.tomaudit.probe;

import de.tomaudit.collect.PlannedAccess;
import de.tomaudit.facts.FactSet;
import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.probe.tls.CertificateInspector;
import de.tomaudit.target.Target;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network probes of one target, after the collectors: reads the collected facts (read-only)
 * to find endpoints, probes them from the agent's side at the target's probe address, and
 * returns the {@code tls.*}, {@code http.*} and {@code xmpp.*} facts. Never throws.
 */
public final class ProbePhase {
    private static final Logger LOG = LoggerFactory.getLogger(ProbePhase.class);
    /** The fact prefixes this phase owns; the rule packs {@code tls} and {@code http} read them. */
    public static final List<String> PREFIXES = List.of("tls", "http", "xmpp");
    /** Rule packs evaluated for every target the probe phase ran on. */
    public static final Set<String> PACKS = Set.of("tls", "http");

    private final java.util.function.Supplier<CertificateInspector> inspector;
    private final Clock clock;
    private final String userAgent;

    public ProbePhase(CertificateInspector inspector, Clock clock, String userAgent) {
        this(() -> inspector, clock, userAgent);
    }

    private ProbePhase(java.util.function.Supplier<CertificateInspector> inspector, Clock clock, String userAgent) {
        this.inspector = inspector;
        this.clock = clock;
        this.userAgent = userAgent;
    }

    /** With the system trust store, read only when a certificate is first judged (not for --no-probe or dir: targets). */
    public ProbePhase(String userAgent) {
        this(SystemStore::get, Clock.systemUTC(), userAgent);
    }

    /** The JVM's trust anchors, loaded once and only on first use (parsing them is a noticeable part of start-up). */
    private static final class SystemStore {
        private static final CertificateInspector INSTANCE = CertificateInspector.systemStore();

        static CertificateInspector get() {
            return INSTANCE;
        }
    }

    public FactSet run(Target target, Set<String> kinds, FactSet collected, ProbeSettings settings) {
        FactSet.Builder facts = FactSet.builder();
        try {
            if (!settings.enabled()) {
                notApplicable(facts, AuditTexts.get("evidence.probe.off"));
                return facts.build();
            }
            Optional<String> host = target.probeHost();
            if (host.isEmpty()) {
                notApplicable(facts, AuditTexts.get("evidence.probe.no-address", target.address()));
                return facts.build();
            }
            EndpointPlan plan = EndpointPlanner.plan(collected, kinds, settings.extra(), host.get(), target.name());
            LOG.debug("probing {} endpoints at {} ({} not probed)", plan.endpoints().size(), host.get(), plan.skipped().size());
            List<EndpointResult> results = plan.endpoints().isEmpty() ? List.of()
                    : new ProbeRun(settings, inspector.get(), clock, userAgent).run(plan.endpoints());
            EndpointFacts.put(plan, results, facts);
            TlsFacts.put(results, facts);
            XmppFacts.put(results, facts);
            HttpFacts.put(results, facts);
        } catch (RuntimeException e) {
            LOG.info("probe phase failed: {}", e.toString());
            for (String p : PREFIXES) {
                facts.error(p, "probe", AuditTexts.get("evidence.probe.phase-failed", de.tomaudit.facts.Crash.describe(e)));
            }
        }
        return facts.build();
    }

    private static void notApplicable(FactSet.Builder facts, String reason) {
        for (String p : PREFIXES) {
            facts.notApplicable(p, reason);
        }
    }

    /** What {@code --dry-run} prints: the endpoints are only known after collection, so the sources and defaults. */
    public static List<PlannedAccess> plan(ProbeSettings settings) {
        List<PlannedAccess> out = new ArrayList<>();
        if (!settings.enabled()) {
            return out;
        }
        for (ProbeSpec s : settings.extra()) {
            out.add(PlannedAccess.connect("PROBE-ADDRESS:" + s.port(), "--probe " + s.text()));
        }
        if (settings.only()) {
            return out;
        }
        out.add(PlannedAccess.connect("PROBE-ADDRESS:<port>", "TLS, XMPP and HTTP endpoints declared in the collected "
                + "configuration (nginx listen, endpoints.declared)"));
        EndpointPlanner.defaultPorts().forEach((what, ports) -> out.add(PlannedAccess.connect(
                "PROBE-ADDRESS:" + ports.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse(""),
                "default ports of " + what + " when detected and nothing else names the port")));
        return out;
    }
}
