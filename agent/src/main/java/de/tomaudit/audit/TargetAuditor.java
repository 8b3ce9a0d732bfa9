package de.tomaudit.audit;

import de.tomaudit.collect.Collector;
import de.tomaudit.collect.CollectorRegistry;
import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Unavailable;
import de.tomaudit.probe.ProbePhase;
import de.tomaudit.result.Finding;
import de.tomaudit.result.RetentionEntry;
import de.tomaudit.result.TargetError;
import de.tomaudit.result.TargetResult;
import de.tomaudit.result.TargetStatus;
import de.tomaudit.rules.Rule;
import de.tomaudit.rules.RuleEvaluator;
import de.tomaudit.target.Target;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Audits one opened target: detect kinds, collect facts, probe its network endpoints, evaluate
 * rules (the product packs of the detected kinds, and the probe packs tls and http always: on a
 * target without probes their findings are not-applicable with the reason). Never throws.
 */
public final class TargetAuditor {
    private static final Logger LOG = LoggerFactory.getLogger(TargetAuditor.class);
    private final List<Collector> collectors;
    private final ProbePhase probes;

    public TargetAuditor(List<Collector> collectors, ProbePhase probes) {
        this.collectors = List.copyOf(collectors);
        this.probes = probes;
    }

    public TargetAuditor(List<Collector> collectors) {
        this(collectors, new ProbePhase("tomaudit"));
    }

    public TargetAuditor() {
        this(CollectorRegistry.all());
    }

    public TargetResult audit(Target target, AuditOptions options) {
        MDC.put("target", target.name());
        try {
            Set<String> kinds = options.kinds().isEmpty() ? KindDetector.detect(target) : withHost(options.kinds());
            FactSet facts = probe(target, kinds, collect(target, kinds), options);
            List<Finding> findings = evaluate(target, kinds, facts, options);
            List<TargetError> errors = errors(facts, findings);
            TargetStatus status = errors.isEmpty() ? TargetStatus.COMPLETE : TargetStatus.PARTIAL;
            List<RetentionEntry> retentions = facts.retentions().stream().map(RetentionEntry::of).toList();
            return new TargetResult(target.name(), target.address(), List.copyOf(kinds), status, errors, findings, retentions);
        } finally {
            MDC.remove("target");
        }
    }

    private static Set<String> withHost(Set<String> kinds) {
        Set<String> out = new LinkedHashSet<>();
        out.add("host");
        KindDetector.KINDS.stream().filter(kinds::contains).forEach(out::add);
        return out;
    }

    FactSet collect(Target target, Set<String> kinds) {
        FactSet.Builder facts = FactSet.builder();
        for (Collector c : collectors) {
            if (c.kinds().stream().noneMatch(kinds::contains)) {
                continue;
            }
            long start = System.nanoTime();
            try {
                c.collect(target, facts);
            } catch (RuntimeException | StackOverflowError e) {
                LOG.warn("collector {} failed: {}", c.id(), e.toString());
                for (String prefix : c.provides()) {
                    facts.error(prefix, "collect", "collector " + c.id() + " failed: " + e);
                }
            }
            LOG.debug("collector {} took {} ms", c.id(), (System.nanoTime() - start) / 1_000_000);
        }
        return facts.build();
    }

    /** The probe phase: reads the collected facts to find endpoints and adds the tls/http/xmpp facts. */
    FactSet probe(Target target, Set<String> kinds, FactSet collected, AuditOptions options) {
        long start = System.nanoTime();
        FactSet probed = probes.run(target, kinds, collected, options.probes());
        LOG.debug("probes took {} ms", (System.nanoTime() - start) / 1_000_000);
        return FactSet.builder().addAll(collected).addAll(probed).build();
    }

    private static List<Finding> evaluate(Target target, Set<String> kinds, FactSet facts, AuditOptions options) {
        LocalDate today = LocalDate.now();
        List<Finding> out = new ArrayList<>();
        for (Rule rule : options.rules()) {
            if (!kinds.contains(rule.pack()) && !ProbePhase.PACKS.contains(rule.pack())) {
                continue;
            }
            var evaluation = RuleEvaluator.evaluate(rule, facts);
            var waiver = FindingFactory.waiverFor(options.waivers(), rule.id(), target.name(), target.address());
            out.add(FindingFactory.finding(evaluation, options.lang(), waiver, today));
        }
        out.sort(Comparator.comparing(Finding::ruleId));
        return out;
    }

    /** Collection errors, then rules that could not be evaluated for another reason: either makes the target partial. */
    private static List<TargetError> errors(FactSet facts, List<Finding> findings) {
        Set<TargetError> out = new LinkedHashSet<>();
        for (Unavailable u : facts.unavailable()) {
            if (u.kind() == Unavailable.Kind.ERROR) {
                out.add(new TargetError(u.stage(), u.key() + ": " + u.reason()));
            }
        }
        Set<String> collectReasons = new java.util.HashSet<>();
        out.forEach(e -> collectReasons.add(e.message()));
        for (Finding f : findings) {
            if (f.status() == de.tomaudit.result.Status.ERROR
                    && collectReasons.stream().noneMatch(r -> f.reason().contains(r.substring(r.indexOf(": ") + 2)))) {
                out.add(new TargetError("rule", f.ruleId() + ": " + f.reason()));
            }
        }
        return List.copyOf(out);
    }
}
