package de.tomaudit.collect;

import de.tomaudit.facts.FactSet;
import de.tomaudit.target.Target;
import java.util.List;
import java.util.Set;

/**
 * Reads one area of a target (sshd, nginx, logrotate, …) and turns it into facts with
 * provenance. A collector never judges: it records values, and where it cannot know a value
 * it records why ({@link FactSet.Builder#notApplicable} / {@link FactSet.Builder#error}).
 * It must not throw; if it does, the runner marks every key under {@link #provides()} as error.
 */
public interface Collector {

    /** Short id, e.g. {@code sshd}; used in logs and errors. */
    String id();

    /** The kinds this collector serves: {@code host}, {@code prosody}, {@code mastodon}, … */
    Set<String> kinds();

    /** Fact key prefixes this collector owns, e.g. {@code sshd}. */
    List<String> provides();

    /** Everything it may read or run, for {@code --dry-run} and the offline collection script. */
    List<PlannedAccess> plan();

    void collect(Target target, FactSet.Builder facts);
}
