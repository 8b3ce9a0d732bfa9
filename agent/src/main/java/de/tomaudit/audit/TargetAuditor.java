package de.tomaudit.audit;

import de.tomaudit.facts.Crash;
import de.tomaudit.collect.Collector;
import de.tomaudit.collect.CollectorRegistry;
import de.tomaudit.collect.mastodon.MastodonLivePhase;
import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Unavailable;
import de.tomaudit.probe.ProbePhase;
import de.tomaudit.result.Finding;
import de.tomaudit.result.ProcessorEntry;
import de.tomaudit.result.RetentionEntry;
import de.tomaudit.result.TargetError;
import de.tomaudit.result.TargetResult;
import de.tomaudit.result.TargetStatus;
import de.tomaudit.rules.Rule;
import de.tomaudit.rules.RuleEvaluator;
import de.tomaudit.target.AccessProblem;
import de.tomaudit.target.Target;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
    /**
     * Shared by all targets of a run. Large enough that parallel targets never queue behind each
     * other (an SSH target waits on round trips, not on this machine's CPU; it rations its own
     * channels); idle threads expire.
     */
    private static final ExecutorService COLLECTOR_POOL = collectorPool(128);

    private static ExecutorService collectorPool(int threads) {
        java.util.concurrent.ThreadPoolExecutor pool = new java.util.concurrent.ThreadPoolExecutor(threads, threads,
                10, java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "collector");
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
    /**
     * The organisational measures (manual rules): listed for every audited target, since each
     * server's hoster, contracts and restore test are its own; the TOM annex shows a question
     * once, with the targets it was asked for.
     */
    static final String ORG_PACK = "org";
    /** Present whenever claims apply to the target: a --policy file or a served notice such as Mastodon's template. */
    private static final String POLICY_FILE = "policy.file";
    private final List<Collector> collectors;
    private final ProbePhase probes;
    private final MastodonLivePhase mastodonLive;

    public TargetAuditor(List<Collector> collectors, ProbePhase probes, MastodonLivePhase mastodonLive) {
        this.collectors = List.copyOf(collectors);
        this.probes = probes;
        this.mastodonLive = mastodonLive;
    }

    public TargetAuditor(List<Collector> collectors, ProbePhase probes) {
        this(collectors, probes, new MastodonLivePhase("tomaudit"));
    }

    public TargetAuditor(List<Collector> collectors) {
        this(collectors, new ProbePhase("tomaudit"));
    }

    public TargetAuditor() {
        this(CollectorRegistry.all());
    }

    /** Audits the target under its own name ({@link Target#name()}). */
    public TargetResult audit(Target target, AuditOptions options) {
        return audit(target.name(), target, options);
    }

    /**
     * Audits the target under the name the audit plan gives it (an inventory's name for it): the
     * name is the result's and the one waivers match; the target itself is used as it is, so a
     * name can never change what is read, probed or reported as a problem.
     */
    public TargetResult audit(String name, Target target, AuditOptions options) {
        // the target's own texts (its access problems, its failures on the collectors' threads) in the audit's language
        return de.tomaudit.i18n.AuditTexts.with(options.lang(), () -> auditIn(name, target, options));
    }

    private TargetResult auditIn(String name, Target target, AuditOptions options) {
        MDC.put("target", name);
        try {
            boolean probeOnly = options.probes().only();
            Set<String> kinds = probeOnly ? Set.of() : options.kinds().isEmpty() ? KindDetector.detect(target) : withHost(options.kinds());
            FactSet collected = probeOnly ? FactSet.builder().build() : collect(target, name, kinds, options.lang());
            FactSet facts = de.tomaudit.i18n.AuditTexts.with(options.lang(), () -> probe(target, kinds, collected, options));
            List<Finding> findings = evaluate(name, target.address(), kinds, facts, options);
            List<TargetError> errors = errors(facts, findings, new AccessProblemErrors(target.accessProblems()),
                    options.lang());
            TargetStatus status = errors.isEmpty() ? TargetStatus.COMPLETE : TargetStatus.PARTIAL;
            List<RetentionEntry> retentions = facts.retentions().stream().map(RetentionEntry::of).toList();
            List<ProcessorEntry> processors = facts.processors().stream().map(ProcessorEntry::of).toList();
            return new TargetResult(name, target.address(), List.copyOf(kinds), status, errors, findings,
                    retentions, processors);
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

    /**
     * Runs the collectors for these kinds concurrently (a slow command such as apt's simulation
     * overlaps with the rest; over SSH every round trip does), each into its own builder, merged
     * in registry order so the result does not depend on timing.
     */
    FactSet collect(Target target, String targetName, Set<String> kinds) {
        return collect(target, targetName, kinds, "en");
    }

    /** As {@link #collect(Target, String, Set)}, the collectors' evidence texts in {@code lang}. */
    FactSet collect(Target target, String targetName, Set<String> kinds, String lang) {
        List<Collector> selected = collectors.stream()
                .filter(c -> c.kinds().stream().anyMatch(kinds::contains)).toList();
        List<CompletableFuture<FactSet>> parts = new ArrayList<>();
        for (Collector c : selected) {
            parts.add(CompletableFuture.supplyAsync(() -> de.tomaudit.i18n.AuditTexts.with(lang,
                    () -> collectOne(c, target, targetName)), COLLECTOR_POOL));
        }
        FactSet.Builder facts = FactSet.builder();
        for (String kind : KindDetector.KINDS) {
            if (!kinds.contains(kind)) {
                facts.notApplicable(kind, de.tomaudit.i18n.Texts.of(lang).get("cause.kind-not-detected", kind));
            }
        }
        for (int i = 0; i < parts.size(); i++) {
            facts.addAll(await(parts.get(i), selected.get(i)));
        }
        for (AccessProblem p : target.accessProblems()) {
            facts.error("target." + p.stage(), p.stage(), p.message());
        }
        return facts.build();
    }

    private static FactSet collectOne(Collector c, Target target, String targetName) {
        MDC.put("target", targetName);
        FactSet.Builder facts = FactSet.builder();
        long start = System.nanoTime();
        try {
            c.collect(target, facts);
        } catch (RuntimeException | StackOverflowError e) {
            LOG.info("collector {} failed: {}", c.id(), Crash.describe(e));
            facts = FactSet.builder();
            for (String prefix : c.provides()) {
                facts.error(prefix, "collect", de.tomaudit.i18n.AuditTexts.get("collect.failed", c.id(), Crash.describe(e)));
            }
        } finally {
            LOG.debug("collector {} took {} ms", c.id(), (System.nanoTime() - start) / 1_000_000);
            MDC.remove("target");
        }
        return facts.build();
    }

    private static FactSet await(CompletableFuture<FactSet> part, Collector c) {
        try {
            return part.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(c, de.tomaudit.i18n.AuditTexts.get("collect.interrupted"));
        } catch (ExecutionException e) {
            return failed(c, Crash.describe(e));
        }
    }

    private static FactSet failed(Collector c, String why) {
        FactSet.Builder facts = FactSet.builder();
        c.provides().forEach(p -> facts.error(p, "collect", de.tomaudit.i18n.AuditTexts.get("collect.failed", c.id(), why)));
        return facts.build();
    }

    /** The probe phase: reads the collected facts to find endpoints and adds the tls/http/xmpp facts. */
    FactSet probe(Target target, Set<String> kinds, FactSet collected, AuditOptions options) {
        long start = System.nanoTime();
        FactSet probed = probes.run(target, kinds, collected, options.probes());
        LOG.debug("probes took {} ms", (System.nanoTime() - start) / 1_000_000);
        FactSet mastodon = options.probes().only() ? FactSet.builder().build()
                : de.tomaudit.i18n.AuditTexts.with(options.lang(),
                        () -> mastodonLive.run(target, kinds, collected, options.probes(), options.mastodonDb(), options.policy()));
        // the built-in privacy policy's claims (merged with --policy's) replace the claims file's alone
        FactSet own = mastodon.get(POLICY_FILE).isPresent() ? collected.withoutPrefix("policy") : collected;
        return FactSet.builder().addAll(own).addAll(probed).addAll(mastodon).build();
    }

    private static List<Finding> evaluate(String name, String address, Set<String> kinds, FactSet facts, AuditOptions options) {
        LocalDate today = LocalDate.now();
        List<Finding> out = new ArrayList<>();
        for (Rule rule : options.rules()) {
            boolean policyRule = rule.pack().equals("policy") && (options.policy().isPresent() || facts.get(POLICY_FILE).isPresent())
                    && !options.probes().only();
            boolean orgRule = rule.pack().equals(ORG_PACK) && !options.probes().only();
            if (!kinds.contains(rule.pack()) && !policyRule && !orgRule && !ProbePhase.PACKS.contains(rule.pack())) {
                continue;
            }
            var evaluation = RuleEvaluator.evaluate(rule, facts);
            var waiver = FindingFactory.waiverFor(options.waivers(), rule.id(), name, address);
            out.add(FindingFactory.finding(evaluation, options.lang(), waiver, today));
        }
        out.sort(Comparator.comparing(Finding::ruleId));
        return out;
    }

    /**
     * The target's access problems first (each once, with what it affected: sudo refused, SFTP
     * missing, a lost connection), then every other root cause once ({@link ErrorCauses}); a cause
     * an access problem explains is not repeated. Any makes the target partial.
     */
    private static List<TargetError> errors(FactSet facts, List<Finding> findings, AccessProblemErrors access,
                                            String lang) {
        List<TargetError> out = new java.util.ArrayList<>(access.errors(facts, findings));
        for (TargetError e : ErrorCauses.of(facts, findings, lang)) {
            if (!access.covers(e.message())) {
                out.add(e);
            }
        }
        return List.copyOf(out);
    }
}
