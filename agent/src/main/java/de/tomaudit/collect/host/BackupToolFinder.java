package de.tomaudit.collect.host;

import de.tomaudit.parse.cron.ShellCommand;
import de.tomaudit.parse.cron.ShellCommandParser;
import de.tomaudit.parse.cron.ShellPipeline;
import de.tomaudit.parse.cron.ShellScript;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds backup tools in what a scheduled job runs: the command itself, and one level into the
 * scripts it calls (a run-parts script is itself level zero). Tools: pg_dump, pg_dumpall,
 * pg_basebackup, mysqldump, mariadb-dump, borg (create), borgmatic, restic (backup), duplicity,
 * duplicati-cli, rsnapshot, rdiff-backup, and tar or rsync writing to a path that names a backup.
 */
final class BackupToolFinder {

    static final Set<String> TOOLS = Set.of("pg_dump", "pg_dumpall", "pg_basebackup", "mysqldump", "mariadb-dump",
            "borg", "borgmatic", "restic", "duplicity", "duplicati-cli", "rsnapshot", "rdiff-backup", "tar", "rsync", "pg_backupcluster");
    private static final Set<String> RESERVED = Set.of("if", "then", "else", "elif", "do", "while", "until", "!", "{",
            "time", "exec", "command", "nohup", "chronic", "ionice", "nice", "timeout", "flock", "sudo", "su", "runuser",
            "env", "setpriv", "sh", "bash", "dash");
    private static final Set<String> SHELLS = Set.of("sh", "bash", "dash");

    private final Target target;
    private final List<String> unreadable;

    BackupToolFinder(Target target, List<String> unreadable) {
        this.target = target;
        this.unreadable = unreadable;
    }

    List<BackupInvocation> find(BackupTrigger trigger) {
        List<BackupInvocation> out = new ArrayList<>();
        if (trigger.script().isPresent()) {
            script(trigger.script().get(), trigger, trigger.env(), 1, out);
        } else {
            scan(ShellCommandParser.parse(trigger.command(), trigger.env()), trigger.scheduledBy(), trigger,
                    trigger.env(), 1, out, trigger.command());
        }
        return out;
    }

    private void script(String path, BackupTrigger trigger, Map<String, String> env, int depth, List<BackupInvocation> out) {
        String text;
        try {
            text = target.read(path).text();
        } catch (TargetException e) {
            if (e.reason() == TargetException.Reason.PERMISSION_DENIED || e.reason() == TargetException.Reason.IO) {
                unreadable.add(e.getMessage());
            }
            return;
        }
        ShellScript s = ShellScript.parse(path, text, env);
        for (ShellPipeline p : s.pipelines()) {
            scanPipeline(p, path + ":" + p.line(), trigger, s.vars(), depth, out, null);
        }
    }

    private void scan(List<ShellPipeline> pipelines, String source, BackupTrigger trigger, Map<String, String> env,
                      int depthLeft, List<BackupInvocation> out, String line) {
        for (ShellPipeline p : pipelines) {
            scanPipeline(p, source, trigger, env, depthLeft, out, line);
        }
    }

    /**
     * Looks at every command of the pipeline; a script called with an absolute path is followed
     * while {@code depthLeft} allows.
     */
    private void scanPipeline(ShellPipeline p, String source, BackupTrigger trigger, Map<String, String> env,
                              int depthLeft, List<BackupInvocation> out, String line) {
        for (ShellCommand c : p.commands()) {
            Map<String, String> vars = new LinkedHashMap<>(env);
            for (String a : c.assignments()) {
                int eq = a.indexOf('=');
                vars.put(a.substring(0, eq), a.substring(eq + 1));
            }
            Optional<List<String>> nested = shellDashC(c.argv());
            if (nested.isPresent()) {
                for (String inner : nested.get()) {
                    scan(ShellCommandParser.parse(inner, vars), source, trigger, vars, depthLeft, out, inner);
                }
                continue;
            }
            List<String> argv = unwrap(c.argv(), vars);
            if (argv.isEmpty()) {
                continue;
            }
            String program = basename(argv.get(0));
            String display = line != null ? line : String.join(" ", c.argv());
            if (TOOLS.contains(program) && isBackupUse(program, argv, c)) {
                out.add(new BackupInvocation(program, argv, p, c, source, display, vars, trigger));
            } else if (depthLeft > 0 && argv.get(0).startsWith("/") && !TOOLS.contains(program)) {
                script(argv.get(0), trigger, vars, depthLeft - 1, out);
            } else if (depthLeft > 0 && SHELLS.contains(program) && argv.size() > 1 && argv.get(1).startsWith("/")) {
                script(argv.get(1), trigger, vars, depthLeft - 1, out);
            }
        }
    }

    /** {@code su - user -c "…"}, {@code sh -c "…"}: the inner command lines. */
    private static Optional<List<String>> shellDashC(List<String> argv) {
        int start = 0;
        while (start < argv.size() && Set.of("sudo", "nice", "ionice", "nohup", "time", "exec", "chronic")
                .contains(basename(argv.get(start)))) {
            start++;
            while (start < argv.size() && argv.get(start).startsWith("-")) {
                start++;
            }
        }
        if (start >= argv.size()) {
            return Optional.empty();
        }
        String p = basename(argv.get(start));
        if (!p.equals("su") && !p.equals("runuser") && !SHELLS.contains(p)) {
            return Optional.empty();
        }
        for (int i = start + 1; i + 1 < argv.size(); i++) {
            if (argv.get(i).equals("-c") || argv.get(i).equals("--command")) {
                return Optional.of(List.of(argv.get(i + 1)));
            }
        }
        return Optional.empty();
    }

    /** Removes leading wrappers (sudo -u x, nice -n 19, ionice -c3, flock -n f, timeout 2h, env A=b, runuser -u x --). */
    static List<String> unwrap(List<String> argv, Map<String, String> vars) {
        int i = 0;
        while (i < argv.size()) {
            String w = basename(argv.get(i));
            if (!RESERVED.contains(w) || SHELLS.contains(w)) {
                break;
            }
            i++;
            switch (w) {
                case "sudo", "runuser", "setpriv" -> {
                    while (i < argv.size() && argv.get(i).startsWith("-")) {
                        String opt = argv.get(i++);
                        if (opt.equals("--")) {
                            break;
                        }
                        if (Set.of("-u", "-g", "-U", "-C", "-h", "-p", "-r", "-t", "--user", "--group").contains(opt)) {
                            i++;
                        }
                    }
                }
                case "nice", "ionice" -> {
                    while (i < argv.size() && argv.get(i).startsWith("-")) {
                        String opt = argv.get(i++);
                        if (opt.matches("-[ncpP]") && i < argv.size()) {
                            i++;
                        }
                    }
                }
                case "flock" -> {
                    while (i < argv.size() && argv.get(i).startsWith("-")) {
                        String opt = argv.get(i++);
                        if (opt.matches("-[wEc]|--timeout|--conflict-exit-code") && i < argv.size()) {
                            i++;
                        }
                    }
                    i++;
                }
                case "timeout" -> {
                    while (i < argv.size() && argv.get(i).startsWith("-")) {
                        String opt = argv.get(i++);
                        if (opt.matches("-[sk]") && i < argv.size()) {
                            i++;
                        }
                    }
                    i++;
                }
                case "env" -> {
                    while (i < argv.size() && (argv.get(i).startsWith("-") || argv.get(i).indexOf('=') > 0)) {
                        String a = argv.get(i++);
                        int eq = a.indexOf('=');
                        if (eq > 0 && !a.startsWith("-")) {
                            vars.put(a.substring(0, eq), a.substring(eq + 1));
                        }
                    }
                }
                default -> { }
            }
        }
        return i >= argv.size() ? List.of() : List.copyOf(argv.subList(i, argv.size()));
    }

    /** borg and restic only back up with their create/backup command; tar and rsync only to a backup path. */
    private static boolean isBackupUse(String program, List<String> argv, ShellCommand c) {
        return switch (program) {
            case "borg" -> argv.contains("create");
            case "restic" -> argv.contains("backup");
            case "duplicity" -> argv.stream().noneMatch(a -> Set.of("restore", "verify", "collection-status",
                    "list-current-files", "remove-older-than", "remove-all-but-n-full", "remove-all-inc-of-but-n-full",
                    "cleanup").contains(a));
            case "duplicati-cli" -> argv.contains("backup");
            case "pg_backupcluster" -> argv.contains("dump") || argv.contains("basebackup");
            case "tar" -> BackupLocations.tarArchive(argv, c).map(BackupToolFinder::namesABackup).orElse(false)
                    && BackupLocations.tarCreates(argv);
            case "rsync" -> BackupLocations.lastOperand(argv).map(BackupToolFinder::namesABackup).orElse(false);
            default -> true;
        };
    }

    static boolean namesABackup(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        return p.contains("backup") || p.contains("sicherung") || p.contains("bkp") || p.contains("/bak");
    }

    static String basename(String w) {
        int slash = w.lastIndexOf('/');
        return slash >= 0 ? w.substring(slash + 1) : w;
    }
}
