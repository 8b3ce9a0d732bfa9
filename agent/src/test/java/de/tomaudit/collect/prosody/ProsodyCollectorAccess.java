package de.tomaudit.collect.prosody;

import de.tomaudit.facts.FactSet;
import de.tomaudit.parse.lua.SandboxLimits;
import de.tomaudit.target.DirTarget;
import de.tomaudit.target.Limits;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** The Prosody collector with a fixed clock, for tests in other packages (policy, live tests). */
public final class ProsodyCollectorAccess {
    public static final Instant NOW = ProsodyCollectorTest.NOW;

    private ProsodyCollectorAccess() { }

    /** Collects from a directory treated as a file-system root, at {@link #NOW}. */
    public static void collect(Path root, FactSet.Builder facts) {
        try (DirTarget t = new DirTarget(root, Limits.DEFAULT)) {
            new ProsodyCollector(Clock.fixed(NOW, ZoneOffset.UTC), SandboxLimits.DEFAULT).collect(t, facts);
        }
    }
}
