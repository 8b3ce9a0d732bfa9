package de.tomaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import de.tomaudit.fleet.FleetProgress;
import de.tomaudit.history.HistoryDatabase;
import de.tomaudit.history.HistoryLocation;
import de.tomaudit.history.HistoryStore;
import de.tomaudit.report.JsonRenderer;
import de.tomaudit.result.AuditResult;
import de.tomaudit.result.Finding;
import de.tomaudit.result.Status;
import de.tomaudit.result.TargetError;
import de.tomaudit.result.TargetResult;
import de.tomaudit.result.TargetStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The targets' history JSON made beside the audit gives the very run the history would have written itself. */
class PreparedHistoryJsonTest {
    @TempDir Path tmp;

    private static TargetResult target(String name, Status s) {
        Finding f = new Finding("host.x", s, "high", "title", "fix it", "", List.of(),
                new Finding.Tom(List.of("art32-1b"), List.of(), List.of()), List.of());
        return new TargetResult(name, "dir:/srv/" + name, List.of("host"), TargetStatus.PARTIAL,
                List.of(new TargetError("ssh", "refused")), List.of(f), List.of());
    }

    @Test
    void preparedAndWrittenAtTheEndStoreTheSameRunAndEveryEventIsPassedOn() throws Exception {
        List<String> seen = new ArrayList<>();
        FleetProgress shown = new FleetProgress() {
            @Override public void started(int total) { seen.add("started " + total); }
            @Override public void finished(TargetResult r) { seen.add("finished " + r.name()); }
            @Override public void ended() { seen.add("ended"); }
        };
        PreparedHistoryJson prepared = new PreparedHistoryJson(shown);
        TargetResult a = target("web1", Status.FAIL);
        TargetResult b = target("web2", Status.PASS);
        prepared.started(2);
        prepared.finished(b);
        prepared.finished(a);
        prepared.ended();
        assertEquals(List.of("started 2", "finished web2", "finished web1", "ended"), seen);
        assertEquals(HistoryStore.jsonOf(a), prepared.of(a));
        assertNull(prepared.of(target("web1", Status.FAIL)), "kept for that very result object, not an equal one");

        AuditResult run = AuditResult.of("1.2.3", "2026-12-07T03:00:00Z", "2026-12-07T03:01:00Z", List.of(a, b));
        HistoryStore one = new HistoryStore(HistoryDatabase.open(HistoryLocation.of("jdbc:h2:file:" + tmp.resolve("one"), Map.of())));
        HistoryStore two = new HistoryStore(HistoryDatabase.open(HistoryLocation.of("jdbc:h2:file:" + tmp.resolve("two"), Map.of())));
        long withPrepared = one.record(run, prepared::of);
        long withoutPrepared = two.record(run);
        assertEquals(JsonRenderer.mapper().writeValueAsString(two.show(Long.toString(withoutPrepared)).orElseThrow()),
                JsonRenderer.mapper().writeValueAsString(one.show(Long.toString(withPrepared)).orElseThrow()));
    }
}
