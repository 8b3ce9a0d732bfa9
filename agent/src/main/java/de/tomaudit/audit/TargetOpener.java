package de.tomaudit.audit;

import de.tomaudit.target.DirTarget;
import de.tomaudit.target.Limits;
import de.tomaudit.target.LocalTarget;
import de.tomaudit.target.Target;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a target from its spec; failure to reach it is an {@link UnreachableException}. */
public final class TargetOpener {

    /** The target could not be opened at all; stage says where (ssh, dir, bundle). */
    public static final class UnreachableException extends Exception {
        private final String stage;

        public UnreachableException(String stage, String message) {
            super(message);
            this.stage = stage;
        }

        public String stage() {
            return stage;
        }
    }

    private TargetOpener() { }

    public static Target open(TargetSpec spec, Limits limits) throws UnreachableException {
        return switch (spec.type()) {
            case LOCAL -> new LocalTarget(limits);
            case DIR -> {
                Path root = Path.of(spec.path());
                if (!Files.isDirectory(root)) {
                    throw new UnreachableException("dir", spec.path() + " is not a directory");
                }
                yield new DirTarget(root, limits);
            }
            case SSH -> throw new UnreachableException("ssh", "SSH targets are not available in this build yet");
            case BUNDLE -> throw new UnreachableException("bundle", "offline bundles are not available in this build yet");
        };
    }
}
