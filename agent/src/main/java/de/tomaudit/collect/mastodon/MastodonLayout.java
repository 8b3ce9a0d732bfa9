package de.tomaudit.collect.mastodon;

import de.tomaudit.parse.systemd.UnitEntry;
import de.tomaudit.parse.systemd.UnitFile;
import de.tomaudit.parse.systemd.UnitFileParser;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where Mastodon lives on a target: the live tree of a native install (from the
 * {@code mastodon-web}/{@code -sidekiq}/{@code -streaming} systemd units' WorkingDirectory and
 * EnvironmentFile, or the mastodon user's {@code ~/live}), or a docker-compose directory
 * ({@code .env.production} beside {@code docker-compose.yml}).
 *
 * @param kind     {@code native} or {@code docker}
 * @param root     the live tree or the compose directory
 * @param envFile  the {@code .env.production} the services read
 * @param units    the Mastodon systemd units found (parsed), for the scheduler check
 * @param evidence where the layout was seen ({@code path:line} or path)
 */
public record MastodonLayout(String kind, String root, String envFile, List<UnitFile> units, List<String> evidence) {

    static final List<String> UNIT_DIRS = List.of("/etc/systemd/system", "/lib/systemd/system", "/usr/lib/systemd/system");
    static final List<String> UNIT_NAMES = List.of("mastodon-web.service", "mastodon-sidekiq.service", "mastodon-streaming.service");
    static final List<String> UNIT_GLOBS = List.of("mastodon-sidekiq*.service", "mastodon-streaming*.service");
    /** Directories where the documentation and common guides put a docker-compose install. */
    static final List<String> COMPOSE_DIRS = List.of("/home/mastodon/live", "/home/mastodon/mastodon", "/opt/mastodon",
            "/srv/mastodon", "/var/lib/mastodon", "/root/mastodon");
    static final List<String> COMPOSE_FILES = List.of("docker-compose.yml", "docker-compose.yaml", "compose.yml", "compose.yaml");

    public MastodonLayout {
        units = List.copyOf(units);
        evidence = List.copyOf(evidence);
    }

    /** Every path {@link #find} may read, for {@code --dry-run}. */
    static List<String> plannedPaths() {
        List<String> out = new ArrayList<>();
        for (String d : UNIT_DIRS) {
            out.add(d + "/mastodon-*.service");
        }
        out.add("/etc/passwd");
        for (String d : COMPOSE_DIRS) {
            out.add(d + "/.env.production");
            out.add(d + "/lib/mastodon/version.rb");
            for (String f : COMPOSE_FILES) {
                out.add(d + "/" + f);
            }
        }
        return out;
    }

    /** The layout, or empty when no Mastodon install is found. */
    static Optional<MastodonLayout> find(Target target) {
        List<UnitFile> units = units(target);
        Set<String> evidence = new LinkedHashSet<>();
        String root = null;
        String env = null;
        for (UnitFile u : units) {
            Optional<UnitEntry> wd = u.last("Service", "WorkingDirectory");
            Optional<UnitEntry> ef = u.last("Service", "EnvironmentFile");
            if (wd.isPresent() && root == null) {
                root = wd.get().value().strip();
                evidence.add(wd.get().source());
            }
            if (ef.isPresent() && env == null) {
                env = ef.get().value().strip().replaceFirst("^-", "");
                evidence.add(ef.get().source());
            }
        }
        if (root != null || env != null) {
            if (root == null) {
                root = parent(env);
            }
            if (env == null) {
                env = root + "/.env.production";
            }
            if (composeFile(target, root).isPresent()) {
                return Optional.of(new MastodonLayout("docker", root, env, units, List.copyOf(evidence)));
            }
            return Optional.of(new MastodonLayout("native", root, env, units, List.copyOf(evidence)));
        }
        for (String dir : candidateDirs(target)) {
            Optional<String> compose = composeFile(target, dir);
            if (compose.isPresent() && exists(target, dir + "/.env.production")) {
                return Optional.of(new MastodonLayout("docker", dir, dir + "/.env.production", units, List.of(compose.get())));
            }
            if (exists(target, dir + "/.env.production") || exists(target, dir + "/config/application.rb")) {
                return Optional.of(new MastodonLayout("native", dir, dir + "/.env.production", units, List.of(dir)));
            }
        }
        return Optional.empty();
    }

    private static List<String> candidateDirs(Target target) {
        Set<String> out = new LinkedHashSet<>();
        mastodonHome(target).ifPresent(h -> out.add(h + "/live"));
        out.addAll(COMPOSE_DIRS);
        return List.copyOf(out);
    }

    /** The home directory of the user {@code mastodon} from /etc/passwd. */
    static Optional<String> mastodonHome(Target target) {
        try {
            for (String line : target.read("/etc/passwd").lines()) {
                String[] f = line.split(":", -1);
                if (f.length >= 6 && f[0].equals("mastodon") && f[5].startsWith("/")) {
                    return Optional.of(f[5]);
                }
            }
        } catch (TargetException e) {
            // fall back to the usual paths
        }
        return Optional.empty();
    }

    static List<UnitFile> units(Target target) {
        List<UnitFile> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String dir : UNIT_DIRS) {
            List<String> paths = new ArrayList<>();
            for (String name : UNIT_NAMES) {
                paths.add(dir + "/" + name);
            }
            for (String glob : UNIT_GLOBS) {
                try {
                    paths.addAll(target.glob(dir + "/" + glob));
                } catch (TargetException e) {
                    // unreadable unit directory: the units there are not known
                }
            }
            for (String p : paths) {
                String name = p.substring(p.lastIndexOf('/') + 1);
                if (seen.contains(name)) {
                    continue;
                }
                try {
                    out.add(UnitFileParser.parse(p, target.read(p).text()));
                    seen.add(name);
                } catch (TargetException e) {
                    // absent or unreadable
                }
            }
        }
        return out;
    }

    static Optional<String> composeFile(Target target, String dir) {
        for (String f : COMPOSE_FILES) {
            if (exists(target, dir + "/" + f)) {
                return Optional.of(dir + "/" + f);
            }
        }
        return Optional.empty();
    }

    static boolean exists(Target target, String path) {
        try {
            return target.exists(path);
        } catch (TargetException e) {
            return false;
        }
    }

    private static String parent(String path) {
        int i = path.lastIndexOf('/');
        return i <= 0 ? "/" : path.substring(0, i);
    }
}
