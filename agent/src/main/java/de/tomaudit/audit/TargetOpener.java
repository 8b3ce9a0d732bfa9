package de.tomaudit.audit;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.target.DirTarget;
import de.tomaudit.target.Limits;
import de.tomaudit.target.LocalTarget;
import de.tomaudit.target.Target;
import de.tomaudit.target.bundle.BundleException;
import de.tomaudit.target.bundle.BundleTarget;
import de.tomaudit.target.ssh.SshConnectException;
import de.tomaudit.target.ssh.SshDestination;
import de.tomaudit.target.ssh.SshOptions;
import de.tomaudit.target.ssh.SshTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/** Opens a target from its spec; failure to reach it is an {@link UnreachableException}. */
public final class TargetOpener {
    /** The spec text names a port: host:port or [v6]:port at the end (a v6 address is always in brackets). */
    private static final Pattern EXPLICIT_PORT = Pattern.compile(".*:\\d{1,5}/?");

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
        return open(spec, limits, SshOptions.defaults());
    }

    public static Target open(TargetSpec spec, AuditOptions options) throws UnreachableException {
        return open(spec, options.limits(), options.ssh());
    }

    public static Target open(TargetSpec spec, Limits limits, SshOptions ssh) throws UnreachableException {
        return switch (spec.type()) {
            case LOCAL -> new LocalTarget(limits);
            case DIR -> {
                Path root = Path.of(spec.path());
                if (!Files.isDirectory(root)) {
                    throw new UnreachableException("dir", AuditTexts.get("input.target.not-directory", spec.path()));
                }
                yield new DirTarget(root, limits);
            }
            case SSH -> {
                try {
                    yield SshTarget.open(destination(spec), ssh, limits);
                } catch (SshConnectException e) {
                    throw new UnreachableException(e.stage(), e.getMessage());
                }
            }
            case BUNDLE -> {
                try {
                    yield BundleTarget.open(Path.of(spec.path()), limits);
                } catch (BundleException e) {
                    throw new UnreachableException("bundle", e.getMessage());
                }
            }
        };
    }

    /** The SSH destination of a spec; a port is passed on only when the spec names one (else ~/.ssh/config decides). */
    public static SshDestination destination(TargetSpec spec) {
        String text = spec.text().startsWith("ssh://") ? spec.text().substring(6) : spec.text();
        OptionalInt port = EXPLICIT_PORT.matcher(text).matches() ? OptionalInt.of(spec.port()) : OptionalInt.empty();
        return new SshDestination(spec.user(), spec.host(), port);
    }
}
