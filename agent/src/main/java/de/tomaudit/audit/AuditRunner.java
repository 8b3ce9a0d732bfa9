package de.tomaudit.audit;

import de.tomaudit.result.AuditResult;
import de.tomaudit.result.TargetError;
import de.tomaudit.result.TargetResult;
import de.tomaudit.target.Target;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Audits targets in a bounded pool; one target's failure never stops the others. */
public final class AuditRunner {
    private static final Logger LOG = LoggerFactory.getLogger(AuditRunner.class);
    private final TargetAuditor auditor;
    private final String version;

    public AuditRunner(TargetAuditor auditor, String version) {
        this.auditor = auditor;
        this.version = version;
    }

    public AuditResult run(List<TargetSpec> specs, AuditOptions options) {
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<TargetResult> results = new ArrayList<>();
        if (specs.size() == 1) {
            results.add(auditOne(specs.get(0), options));
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(options.parallel(), specs.size())));
            try {
                List<Future<TargetResult>> futures = new ArrayList<>();
                for (TargetSpec s : specs) {
                    futures.add(pool.submit(() -> auditOne(s, options)));
                }
                for (int i = 0; i < futures.size(); i++) {
                    results.add(await(futures.get(i), specs.get(i)));
                }
            } finally {
                pool.shutdownNow();
            }
        }
        Instant finished = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return AuditResult.of(version, started.toString(), finished.toString(), results);
    }

    private static TargetResult await(Future<TargetResult> f, TargetSpec spec) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TargetResult.unreachable(spec.text(), spec.text(), List.of(), new TargetError("audit", "interrupted"));
        } catch (ExecutionException e) {
            return TargetResult.unreachable(spec.text(), spec.text(), List.of(), new TargetError("audit", de.tomaudit.facts.Crash.describe(e)));
        }
    }

    TargetResult auditOne(TargetSpec spec, AuditOptions options) {
        try (Target target = TargetOpener.open(spec, options)) {
            return auditor.audit(target, options);
        } catch (TargetOpener.UnreachableException e) {
            LOG.warn("{}: {}", spec.text(), e.getMessage());
            return TargetResult.unreachable(spec.text(), spec.text(), List.copyOf(options.kinds()),
                    new TargetError(e.stage(), e.getMessage()));
        } catch (RuntimeException | StackOverflowError e) {
            LOG.error("{}: audit failed: {}", spec.text(), de.tomaudit.facts.Crash.describe(e));
            return TargetResult.unreachable(spec.text(), spec.text(), List.copyOf(options.kinds()),
                    new TargetError("audit", "internal error: " + de.tomaudit.facts.Crash.describe(e)));
        }
    }
}
