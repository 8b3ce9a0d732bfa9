package de.tomaudit.cli;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.i18n.Texts;
import de.tomaudit.history.HistoryDatabase;
import de.tomaudit.history.HistoryDiff;
import de.tomaudit.history.HistoryException;
import de.tomaudit.history.HistoryLocation;
import de.tomaudit.history.HistoryStore;
import de.tomaudit.result.AuditResult;
import de.tomaudit.result.TargetResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stores a finished run in the history, and finds its regressions (findings that passed in the
 * target's previous stored run and fail now) before it does. A history that fails is one line,
 * never the end of the run: the report is written anyway, marked unrecorded.
 */
final class RunRecording {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunRecording.class);

    /** The run's id in the history (empty when it could not be stored), its regressions, and the failure. */
    record Outcome(Optional<Long> runId, List<String> regressions, Optional<String> failure) { }

    private RunRecording() { }

    static Outcome record(HistoryLocation location, AuditResult result, boolean findRegressions) {
        return record(location, result, findRegressions, t -> null);
    }

    /** As {@link #record(HistoryLocation, AuditResult, boolean)}, with the targets' JSON made beside the audit where given. */
    static Outcome record(HistoryLocation location, AuditResult result, boolean findRegressions,
                          java.util.function.Function<TargetResult, String> prepared) {
        try {
            HistoryStore store = new HistoryStore(HistoryDatabase.open(location));
            List<String> regressions = new ArrayList<>();
            if (findRegressions) {
                Map<String, HistoryStore.StoredTarget> previous = store.latest(result.targets().stream()
                        .map(TargetResult::name).distinct().toList());
                for (TargetResult t : result.targets()) {
                    HistoryStore.StoredTarget p = previous.get(t.name());
                    if (p != null) {
                        HistoryDiff.regressions(p.result(), t).forEach(c -> regressions.add(AuditTexts.get("history.regression", t.name(),
                                c.ruleId(), HistoryDiff.label(p.runLabel(), Texts.of(AuditTexts.lang())))));
                    }
                }
            }
            long start = System.nanoTime();
            long id = store.record(result, prepared);
            LOG.info("history: run {} stored ({} targets) in {} ms", id, result.targets().size(),
                    (System.nanoTime() - start) / 1_000_000);
            return new Outcome(Optional.of(id), regressions, Optional.empty());
        } catch (HistoryException e) {
            return new Outcome(Optional.empty(), List.of(), Optional.of(e.getMessage()));
        }
    }
}
