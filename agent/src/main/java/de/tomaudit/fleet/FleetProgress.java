package de.tomaudit.fleet;

import de.tomaudit.result.TargetResult;

/** Told how a fleet run goes: how many targets, and each result as it comes in (from worker threads). */
public interface FleetProgress {

    /** Does nothing: the default, and what a run without a terminal gets. */
    FleetProgress NONE = new FleetProgress() { };

    /** The run starts with this many targets. */
    default void started(int total) { }

    /** One target is done (audited, partial, unreachable or stopped at its timeout). */
    default void finished(TargetResult result) { }

    /** Every target is done. */
    default void ended() { }
}
