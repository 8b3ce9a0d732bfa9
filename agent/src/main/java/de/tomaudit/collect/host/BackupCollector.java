package de.tomaudit.collect.host;

import de.tomaudit.collect.Collector;
import de.tomaudit.collect.PlannedAccess;
import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fact {@code backup.jobs}: every scheduled job (cron, run-parts, systemd timer) that runs a backup
 * tool, directly or in a script it calls, as {@code {tool, schedule, command, source, scheduled_by,
 * user, location, artefact, newest_age_hours, encrypted, encryption}}. {@code command} has secrets
 * redacted; {@code newest_age_hours} and {@code encrypted} are {@code "unknown"} where the host
 * cannot tell (remote repositories, locations built at run time).
 */
public final class BackupCollector implements Collector {

    public static final String KEY = "backup.jobs";
    private final Clock clock;

    public BackupCollector() {
        this(Clock.systemUTC());
    }

    public BackupCollector(Clock clock) {
        this.clock = clock;
    }

    @Override public String id() { return "backup"; }
    @Override public Set<String> kinds() { return Set.of("host"); }
    @Override public List<String> provides() { return List.of("backup"); }

    @Override
    public List<PlannedAccess> plan() {
        List<PlannedAccess> p = new ArrayList<>(List.of(
                PlannedAccess.read("/etc/crontab", "system crontab"),
                PlannedAccess.list("/etc/cron.d", "package and admin crontabs"),
                PlannedAccess.read("/etc/cron.d/*", "package and admin crontabs"),
                PlannedAccess.list(BackupTriggers.SPOOL, "user crontabs"),
                PlannedAccess.read(BackupTriggers.SPOOL + "/*", "user crontabs")));
        for (String period : BackupTriggers.PERIODIC) {
            p.add(PlannedAccess.list("/etc/cron." + period, period + " run-parts scripts"));
            p.add(PlannedAccess.read("/etc/cron." + period + "/*", period + " run-parts scripts"));
        }
        p.add(PlannedAccess.list("/etc/systemd/system/*.wants", "enabled systemd timers"));
        for (String dir : BackupTriggers.UNIT_DIRS) {
            p.add(PlannedAccess.read(dir + "/*.timer", "timer schedules"));
            p.add(PlannedAccess.read(dir + "/*.service", "what the timers start (ExecStart, Environment, User)"));
        }
        p.add(PlannedAccess.read("/etc/systemd/system/*.d/*.conf", "unit drop-ins"));
        p.add(PlannedAccess.read("/etc/passwd", "home directories of job users"));
        p.add(PlannedAccess.read("(absolute paths of scripts the jobs call)", "backup tools inside job scripts, one level deep"));
        p.add(PlannedAccess.read(BackupLocations.RSNAPSHOT_CONF, "rsnapshot snapshot_root"));
        BackupLocations.BORGMATIC_CONFIGS.forEach(c -> p.add(PlannedAccess.read(c, "borgmatic repositories")));
        p.add(PlannedAccess.stat("(backup locations the jobs name)", "newest backup artefact and its age"));
        p.add(PlannedAccess.read("/root/.config/borg/security/*/location", "borg repository per security directory"));
        p.add(PlannedAccess.read("/root/.config/borg/security/*/key-type", "borg encryption mode per repository"));
        p.add(PlannedAccess.read("/home/*/.config/borg/security/*/*", "borg encryption mode for jobs of other users"));
        p.add(PlannedAccess.read("/root/.config/borgmatic/config.yaml", "borgmatic repositories of root"));
        return p;
    }

    @Override
    public void collect(Target target, FactSet.Builder facts) {
        BackupTriggers.Found found = BackupTriggers.find(target);
        // a crontab line cron rejects or a unit line systemd ignores is an error naming file:line, never
        // dropped silently (issue 13): the schedule of a backup may stand in it
        de.tomaudit.collect.ConfigValidity.put(facts, "scheduler.config_valid", "/etc/crontab", found.problems());
        List<String> unreadable = new ArrayList<>(found.unreadable());
        BackupToolFinder finder = new BackupToolFinder(target, unreadable);
        ProcessesPasswdFile passwd = passwd(target);
        List<Map<String, Object>> jobs = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        for (BackupTrigger trigger : found.triggers()) {
            String home = passwd.byName(trigger.user()).map(ProcessesPasswdFile.Account::home)
                    .orElse(trigger.user().equals("root") ? "/root" : "/home/" + trigger.user());
            for (BackupInvocation inv : finder.find(trigger)) {
                for (BackupLocation loc : BackupLocations.of(inv, target, home, unreadable)) {
                    BackupArtefacts.Newest newest = BackupArtefacts.of(target, loc, unreadable);
                    BackupEncryption.Verdict enc = BackupEncryption.of(target, inv, loc, newest, home, unreadable);
                    Map<String, Object> job = job(inv, trigger, loc, newest, enc);
                    jobs.add(job);
                    evidence.add(new Evidence(inv.source(), job.get("tool") + " (" + trigger.schedule() + "): "
                            + job.get("command")));
                }
            }
        }
        if (jobs.isEmpty() && !unreadable.isEmpty()) {
            facts.error(KEY, "read", AuditTexts.get("evidence.host.backup.unreadable",
                    String.join("; ", unreadable.subList(0, Math.min(3, unreadable.size())))));
            return;
        }
        if (jobs.isEmpty() && found.triggers().isEmpty() && !hasSchedulers(target)) {
            facts.notApplicable(KEY, AuditTexts.get("evidence.host.backup.no-scheduler", target.address(), BackupTriggers.SPOOL));
            return;
        }
        if (evidence.isEmpty()) {
            evidence.add(new Evidence("/etc/crontab, /etc/cron.d, " + BackupTriggers.SPOOL + ", /etc/cron.*, systemd timers",
                    AuditTexts.get("evidence.host.backup.no-job", found.triggers().size())));
        }
        unreadable.forEach(u -> evidence.add(new Evidence(AuditTexts.get("evidence.host.unreadable"), u)));
        facts.put(KEY, jobs, evidence);
    }

    private Map<String, Object> job(BackupInvocation inv, BackupTrigger trigger, BackupLocation loc,
                                    BackupArtefacts.Newest newest, BackupEncryption.Verdict enc) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tool", inv.tool());
        m.put("schedule", trigger.schedule());
        m.put("command", ProcessesArgumentRedactor.redact(inv.commandLine()));
        m.put("source", inv.source());
        m.put("scheduled_by", trigger.scheduledBy());
        m.put("user", trigger.user());
        m.put("location", ProcessesArgumentRedactor.redact(loc.display()));
        m.put("artefact", newest.state());
        m.put("newest_age_hours", newest.newest()
                .map(s -> (Object) Math.max(0, Duration.between(s.modified(), clock.instant()).toHours()))
                .orElse("unknown"));
        newest.newest().ifPresent(s -> m.put("newest", s.path()));
        m.put("encrypted", enc.value());
        m.put("encryption", ProcessesArgumentRedactor.redact(enc.why()));
        return m;
    }

    private static boolean hasSchedulers(Target target) {
        for (String p : List.of("/etc/crontab", "/etc/cron.d", "/etc/cron.daily", BackupTriggers.SPOOL, "/etc/systemd/system")) {
            try {
                if (target.exists(p)) {
                    return true;
                }
            } catch (TargetException e) {
                return true;
            }
        }
        return false;
    }

    private static ProcessesPasswdFile passwd(Target target) {
        try {
            return ProcessesPasswdFile.parse(target.read("/etc/passwd").text());
        } catch (TargetException e) {
            return new ProcessesPasswdFile(List.of());
        }
    }
}
