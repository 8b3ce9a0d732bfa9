package de.tomaudit.collect.host;

import de.tomaudit.parse.cron.ShellCommand;
import de.tomaudit.parse.cron.ShellRedirect;
import de.tomaudit.parse.yaml.YamlDocuments;
import de.tomaudit.parse.yaml.YamlException;
import de.tomaudit.parse.yaml.YamlNode;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where each tool writes, from its arguments, its environment, its redirections and its own
 * configuration: pg_dump {@code -f}/redirect, pg_basebackup {@code -D}, borg {@code REPO::archive} or
 * BORG_REPO, restic {@code -r}/RESTIC_REPOSITORY(_FILE), duplicity's target URL, rsnapshot's
 * snapshot_root, borgmatic's repositories, tar {@code -f}, rsync's destination.
 */
final class BackupLocations {

    static final String RSNAPSHOT_CONF = "/etc/rsnapshot.conf";
    static final List<String> BORGMATIC_CONFIGS = List.of("/etc/borgmatic/config.yaml", "/etc/borgmatic.d/*.yaml",
            "/etc/borgmatic.d/*.yml");

    private BackupLocations() { }

    static List<BackupLocation> of(BackupInvocation inv, Target target, String home, List<String> unreadable) {
        List<String> a = inv.argv();
        return switch (inv.tool()) {
            case "pg_dump", "pg_dumpall" -> List.of(option(a, "-f", "--file").map(BackupLocation::fileOrDir)
                    .orElseGet(() -> stdout(inv)));
            case "mysqldump", "mariadb-dump" -> List.of(option(a, "-r", "--result-file").map(BackupLocation::fileOrDir)
                    .orElseGet(() -> stdout(inv)));
            case "pg_basebackup" -> List.of(option(a, "-D", "--pgdata").map(BackupLocations::asDir)
                    .orElse(BackupLocation.unknown("pg_basebackup without -D")));
            case "tar" -> List.of(tarArchive(a, inv.command()).map(BackupLocation::fileOrDir)
                    .orElse(BackupLocation.unknown("tar archive not named")));
            case "rsync" -> List.of(lastOperand(a).map(BackupLocations::dirOrRemote)
                    .orElse(BackupLocation.unknown("rsync without destination")));
            case "borg" -> List.of(borgRepo(a, inv));
            case "restic" -> List.of(resticRepo(a, inv, target, unreadable));
            case "duplicity" -> List.of(lastOperand(a).map(BackupLocations::url)
                    .orElse(BackupLocation.unknown("duplicity without target URL")));
            case "duplicati-cli" -> List.of(after(a, "backup").map(BackupLocations::url)
                    .orElse(BackupLocation.unknown("duplicati-cli without target URL")));
            case "rdiff-backup" -> List.of(lastOperand(a).map(d -> d.contains("::") ? BackupLocation.remote(d)
                    : BackupLocation.local(BackupLocation.Kind.RDIFF_DEST, d))
                    .orElse(BackupLocation.unknown("rdiff-backup without destination")));
            case "rsnapshot" -> List.of(rsnapshotRoot(option(a, "-c", "--config").orElse(RSNAPSHOT_CONF), target, unreadable));
            case "borgmatic" -> borgmaticRepos(a, target, home, unreadable);
            case "pg_backupcluster" -> List.of(pgBackupCluster(a));
            default -> List.of(BackupLocation.unknown(inv.tool()));
        };
    }

    /** The value of {@code -f X}, {@code -fX}, {@code --file=X} or {@code --file X}. */
    static Optional<String> option(List<String> a, String shortOpt, String longOpt) {
        for (int i = 0; i < a.size(); i++) {
            String w = a.get(i);
            if ((w.equals(shortOpt) || w.equals(longOpt)) && i + 1 < a.size()) {
                return Optional.of(a.get(i + 1));
            }
            if (w.startsWith(longOpt + "=")) {
                return Optional.of(w.substring(longOpt.length() + 1));
            }
            if (w.startsWith(shortOpt) && !w.startsWith("--") && w.length() > shortOpt.length()) {
                return Optional.of(w.substring(shortOpt.length()));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> after(List<String> a, String word) {
        int i = a.indexOf(word);
        return i >= 0 && i + 1 < a.size() ? Optional.of(a.get(i + 1)) : Optional.empty();
    }

    /** The last argument when it is not an option: rsync's, duplicity's and rdiff-backup's destination. */
    static Optional<String> lastOperand(List<String> a) {
        if (a.size() < 2) {
            return Optional.empty();
        }
        String last = a.get(a.size() - 1);
        return last.startsWith("-") ? Optional.empty() : Optional.of(last);
    }

    /** Where a dump on standard output ends up: the stdout redirection at the end of its pipeline. */
    private static BackupLocation stdout(BackupInvocation inv) {
        List<ShellCommand> cmds = inv.pipeline().commands();
        for (int i = cmds.size() - 1; i >= 0; i--) {
            for (ShellRedirect r : cmds.get(i).redirects()) {
                if (r.writesStdout() && !r.target().isEmpty() && !r.target().equals("/dev/null")) {
                    return BackupLocation.fileOrDir(r.target());
                }
            }
            if (cmds.get(i) == inv.command()) {
                break;
            }
        }
        return BackupLocation.unknown("written to standard output of the job");
    }

    private static BackupLocation asDir(String raw) {
        BackupLocation l = BackupLocation.fileOrDir(raw);
        return l.kind() == BackupLocation.Kind.FILE ? BackupLocation.local(BackupLocation.Kind.DIR, raw) : l;
    }

    private static BackupLocation dirOrRemote(String dest) {
        if (BackupLocation.isRemote(dest)) {
            return BackupLocation.remote(dest);
        }
        return asDir(dest.endsWith("/") && dest.length() > 1 ? dest.substring(0, dest.length() - 1) : dest);
    }

    private static BackupLocation url(String u) {
        if (u.startsWith("file://")) {
            return asDir(u.substring("file://".length()));
        }
        if (u.startsWith("/")) {
            return asDir(u);
        }
        return BackupLocation.remote(u);
    }

    /** True when tar is asked to create an archive ({@code -c}, {@code czf}, {@code --create}). */
    static boolean tarCreates(List<String> a) {
        for (int i = 1; i < a.size(); i++) {
            String w = a.get(i);
            if (w.equals("--create") || (w.startsWith("-") && !w.startsWith("--") && w.indexOf('c') > 0)
                    || (i == 1 && !w.startsWith("-") && w.matches("[A-Za-z]+") && w.indexOf('c') >= 0)) {
                return true;
            }
        }
        return false;
    }

    /** The archive of {@code tar -czf X}, {@code tar czf X}, {@code --file=X}; "-" means the redirection. */
    static Optional<String> tarArchive(List<String> a, ShellCommand c) {
        for (int i = 1; i < a.size(); i++) {
            String w = a.get(i);
            String value = null;
            if (w.startsWith("--file=")) {
                value = w.substring(7);
            } else if (w.equals("--file") && i + 1 < a.size()) {
                value = a.get(i + 1);
            } else if ((w.startsWith("-") && !w.startsWith("--") || i == 1 && w.matches("[A-Za-z]+")) && w.indexOf('f') >= 0) {
                int f = w.indexOf('f');
                value = f == w.length() - 1 ? (i + 1 < a.size() ? a.get(i + 1) : null) : w.substring(f + 1);
            }
            if (value != null) {
                if (value.equals("-")) {
                    return c.redirects().stream().filter(ShellRedirect::writesStdout).map(ShellRedirect::target).findFirst();
                }
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** Debian's postgresql-common: {@code pg_backupcluster 15-main dump} writes to /var/backups/postgresql/15-main. */
    private static BackupLocation pgBackupCluster(List<String> a) {
        List<String> operands = a.stream().skip(1).filter(w -> !w.startsWith("-")).toList();
        String cluster = operands.size() >= 3 ? operands.get(0) + "-" + operands.get(1)
                : operands.size() == 2 ? operands.get(0) : null;
        if (cluster == null || cluster.contains("$") || cluster.contains("/")) {
            return BackupLocation.unknown("cluster not named");
        }
        return BackupLocation.local(BackupLocation.Kind.DIR, PG_BACKUPCLUSTER_ROOT + "/" + cluster);
    }

    static final String PG_BACKUPCLUSTER_ROOT = "/var/backups/postgresql";

    private static BackupLocation borgRepo(List<String> a, BackupInvocation inv) {
        String repo = null;
        for (String w : a) {
            int sep = w.indexOf("::");
            if (sep >= 0 && !w.startsWith("-")) {
                repo = w.substring(0, sep);
                break;
            }
        }
        if (repo == null || repo.isEmpty()) {
            repo = inv.env().get("BORG_REPO");
        }
        if (repo == null || repo.isEmpty() || repo.contains("$")) {
            return BackupLocation.unknown("borg repository not named (BORG_REPO unset)");
        }
        return borgLocation(repo);
    }

    static BackupLocation borgLocation(String repo) {
        if (BackupLocation.isRemote(repo)) {
            return BackupLocation.remote(repo);
        }
        String path = repo.startsWith("file://") ? repo.substring(7) : repo;
        return path.startsWith("/") ? BackupLocation.local(BackupLocation.Kind.BORG_REPO, stripSlash(path))
                : BackupLocation.unknown("relative borg repository " + repo);
    }

    private static BackupLocation resticRepo(List<String> a, BackupInvocation inv, Target target, List<String> unreadable) {
        Optional<String> repo = option(a, "-r", "--repo").or(() -> Optional.ofNullable(inv.env().get("RESTIC_REPOSITORY")));
        if (repo.isEmpty()) {
            Optional<String> file = option(a, "--repository-file", "--repository-file")
                    .or(() -> Optional.ofNullable(inv.env().get("RESTIC_REPOSITORY_FILE")));
            if (file.isPresent()) {
                try {
                    repo = target.read(file.get()).lines().stream().map(String::strip).filter(s -> !s.isEmpty()).findFirst();
                } catch (TargetException e) {
                    unreadable.add(e.getMessage());
                }
            }
        }
        if (repo.isEmpty() || repo.get().contains("$")) {
            return BackupLocation.unknown("restic repository not named");
        }
        String r = repo.get().startsWith("local:") ? repo.get().substring(6) : repo.get();
        if (BackupLocation.isRemote(r) || !r.startsWith("/")) {
            return BackupLocation.remote(r);
        }
        return BackupLocation.local(BackupLocation.Kind.RESTIC_REPO, stripSlash(r));
    }

    private static BackupLocation rsnapshotRoot(String conf, Target target, List<String> unreadable) {
        try {
            for (String line : target.read(conf).lines()) {
                String[] f = line.strip().split("\\s+", 2);
                if (f.length == 2 && f[0].equals("snapshot_root")) {
                    return BackupLocation.local(BackupLocation.Kind.DIR, stripSlash(f[1].strip()));
                }
            }
            return BackupLocation.unknown("no snapshot_root in " + conf);
        } catch (TargetException e) {
            if (e.reason() != TargetException.Reason.NOT_FOUND) {
                unreadable.add(e.getMessage());
            }
            return BackupLocation.unknown(conf + " not readable");
        }
    }

    private static List<BackupLocation> borgmaticRepos(List<String> a, Target target, String home, List<String> unreadable) {
        List<String> configs = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            if ((a.get(i).equals("-c") || a.get(i).equals("--config"))) {
                for (int k = i + 1; k < a.size() && !a.get(k).startsWith("-"); k++) {
                    configs.add(a.get(k));
                }
            }
        }
        if (configs.isEmpty()) {
            configs.addAll(BORGMATIC_CONFIGS);
            configs.add(home + "/.config/borgmatic/config.yaml");
        }
        List<BackupLocation> out = new ArrayList<>();
        for (String pattern : configs) {
            List<String> paths;
            try {
                paths = pattern.contains("*") ? target.glob(pattern) : List.of(pattern);
            } catch (TargetException e) {
                unreadable.add(e.getMessage());
                continue;
            }
            for (String path : paths) {
                try {
                    String text = target.read(path).text();
                    Optional<YamlNode> doc = YamlDocuments.parse(path, text);
                    if (doc.isPresent()) {
                        borgmaticRepositories(doc.get()).forEach(r -> out.add(borgLocation(r)));
                    }
                } catch (TargetException e) {
                    if (e.reason() != TargetException.Reason.NOT_FOUND) {
                        unreadable.add(e.getMessage());
                    }
                } catch (YamlException e) {
                    unreadable.add(path + ":" + e.line() + ": " + e.getMessage());
                }
            }
        }
        return out.isEmpty() ? List.of(BackupLocation.unknown("borgmatic configuration not readable")) : out;
    }

    /** borgmatic ≥ 1.8: {@code repositories: [{path: …}]}; older: {@code location: {repositories: […]}}. */
    private static List<String> borgmaticRepositories(YamlNode doc) throws YamlException {
        if (!doc.isMapping()) {
            return List.of();
        }
        Optional<YamlNode> repos = doc.get("repositories");
        if (repos.isEmpty()) {
            Optional<YamlNode> location = doc.get("location");
            if (location.isPresent() && location.get().isMapping()) {
                repos = location.get().get("repositories");
            }
        }
        List<String> out = new ArrayList<>();
        if (repos.isPresent() && repos.get().isSequence()) {
            for (YamlNode item : repos.get().items()) {
                if (item.isScalar()) {
                    out.add(item.text());
                } else if (item.isMapping() && item.get("path").isPresent()) {
                    out.add(item.get("path").get().text());
                }
            }
        }
        return out;
    }

    private static String stripSlash(String p) {
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    static final Set<String> ENCRYPTING_FILTERS = Set.of("gpg", "gpg2", "age", "ccrypt", "openssl");
}
