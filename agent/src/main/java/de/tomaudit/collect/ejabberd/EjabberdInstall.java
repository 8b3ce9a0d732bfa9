package de.tomaudit.collect.ejabberd;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.facts.Evidence;
import de.tomaudit.parse.ejabberd.EjabberdVersion;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.util.List;
import java.util.Optional;

/** Where ejabberd is on a target: its files, the user's home, the installed release. */
final class EjabberdInstall {
    static final List<String> CTL_FILES = List.of("/etc/ejabberd/ejabberdctl.cfg", "/etc/default/ejabberd",
            "/opt/ejabberd/conf/ejabberdctl.cfg");
    static final List<String> CONFIG_FILES = List.of("/etc/ejabberd/ejabberd.yml", "/opt/ejabberd/conf/ejabberd.yml");
    static final List<String> BINARIES = List.of("/usr/sbin/ejabberdctl", "/opt/ejabberd/bin/ejabberdctl");
    /** Release directories of the Debian package, the binary installer and source installs. */
    static final List<String> RELEASE_GLOBS = List.of("/usr/lib/*-linux-gnu*/ejabberd-[0-9]*", "/opt/ejabberd-[0-9]*",
            "/usr/lib/erlang/lib/ejabberd-[0-9]*", "/usr/local/lib/erlang/lib/ejabberd-[0-9]*");
    static final String PASSWD = "/etc/passwd";
    static final String DEFAULT_HOME = "/var/lib/ejabberd";

    private EjabberdInstall() { }

    static Optional<String> firstExisting(Target target, List<String> paths) {
        for (String p : paths) {
            try {
                if (target.exists(p)) {
                    return Optional.of(p);
                }
            } catch (TargetException e) {
                // unreadable parent: not evidence of the file
            }
        }
        return Optional.empty();
    }

    /** The home directory of the user {@code ejabberd} (for {@code @HOME@} and {@code $HOME}), else Debian's. */
    static String home(Target target) {
        try {
            for (String line : target.read(PASSWD).lines()) {
                String[] f = line.split(":", -1);
                if (f.length >= 7 && f[0].equals("ejabberd") && f[5].startsWith("/")) {
                    return f[5];
                }
            }
        } catch (TargetException e) {
            // fall back to Debian's home of the ejabberd user
        }
        return DEFAULT_HOME;
    }

    /** The installed release and where it was seen, or Debian 12's release as an assumption. */
    record Release(EjabberdVersion version, Evidence evidence, boolean assumed) { }

    static Release release(Target target) {
        for (String glob : RELEASE_GLOBS) {
            try {
                for (String dir : target.glob(glob)) {
                    String name = dir.substring(dir.lastIndexOf('/') + 1);
                    Optional<EjabberdVersion> v = EjabberdVersion.find(name);
                    if (v.isPresent()) {
                        return new Release(v.get(), Evidence.file(dir, AuditTexts.get("evidence.ejabberd.release-dir", name)), false);
                    }
                }
            } catch (TargetException e) {
                // try the next place
            }
        }
        return new Release(EjabberdVersion.DEBIAN_12, Evidence.byDefault(AuditTexts.get("evidence.ejabberd.release-assumed",
                String.join(", ", RELEASE_GLOBS)), EjabberdVersion.DEBIAN_12), true);
    }
}
