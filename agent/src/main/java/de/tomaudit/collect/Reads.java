package de.tomaudit.collect;

import de.tomaudit.facts.FactSet;
import de.tomaudit.target.Command;
import de.tomaudit.target.CommandResult;
import de.tomaudit.target.FileContent;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.util.List;
import java.util.Optional;

/**
 * Reads and commands for collectors, with failures recorded as unavailable facts instead of
 * exceptions: a missing file is not-applicable, a denied or broken one is an error.
 */
public final class Reads {

    private Reads() { }

    /** The file, or empty after recording why under {@code factKey}. */
    public static Optional<FileContent> file(Target target, String path, String factKey, FactSet.Builder facts) {
        try {
            return Optional.of(target.read(path));
        } catch (TargetException e) {
            record(e, factKey, "read", facts);
            return Optional.empty();
        }
    }

    /** The file if it exists, empty without recording anything if it does not; errors are recorded. */
    public static Optional<FileContent> optionalFile(Target target, String path, String factKey, FactSet.Builder facts) {
        try {
            return Optional.of(target.read(path));
        } catch (TargetException e) {
            if (e.reason() != TargetException.Reason.NOT_FOUND) {
                record(e, factKey, "read", facts);
            }
            return Optional.empty();
        }
    }

    /** Matches of a glob, or an empty list after recording an error. */
    public static List<String> glob(Target target, String pattern, String factKey, FactSet.Builder facts) {
        try {
            return target.glob(pattern);
        } catch (TargetException e) {
            record(e, factKey, "read", facts);
            return List.of();
        }
    }

    /**
     * The command's result when it ran (any exit code), or empty when it could not run:
     * not installed or not possible on this target (not-applicable), refused, timed out
     * or failed (error). Nothing is recorded when {@code factKey} is null.
     */
    public static Optional<CommandResult> command(Target target, Command command, String factKey, FactSet.Builder facts) {
        try {
            return Optional.of(target.run(command));
        } catch (TargetException e) {
            if (factKey != null) {
                record(e, factKey, "command", facts);
            }
            return Optional.empty();
        }
    }

    public static void record(TargetException e, String factKey, String stage, FactSet.Builder facts) {
        if (e.isAbsence()) {
            facts.notApplicable(factKey, e.getMessage());
        } else {
            facts.error(factKey, stage, e.getMessage());
        }
    }
}
