package de.tomaudit.cli;

import de.tomaudit.fleet.FleetProgress;
import de.tomaudit.history.HistoryStore;
import de.tomaudit.result.TargetResult;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Writes each target's history JSON as the target ends, on the thread that audited it, while the
 * other targets are still audited: the history write after the run is then only the inserts. Passes
 * every event on to the progress it wraps. A target whose JSON could not be made here is written
 * by the history itself (and fails there, with the history's own message).
 */
final class PreparedHistoryJson implements FleetProgress {
    private final FleetProgress shown;
    private final Map<TargetResult, String> json = new IdentityHashMap<>();

    PreparedHistoryJson(FleetProgress shown) {
        this.shown = shown;
    }

    @Override
    public void started(int total) {
        shown.started(total);
    }

    @Override
    public void finished(TargetResult result) {
        try {
            String text = HistoryStore.jsonOf(result);
            synchronized (json) {
                json.put(result, text);
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
            // left to the history write, which reports it
        }
        shown.finished(result);
    }

    @Override
    public void ended() {
        shown.ended();
    }

    /** The JSON made for this very result object, or null. */
    String of(TargetResult result) {
        synchronized (json) {
            return json.get(result);
        }
    }
}
