package de.tomaudit.collect.host;

import de.tomaudit.collect.ConfigValidity;
import de.tomaudit.parse.cron.CronEntry;
import de.tomaudit.parse.cron.CronEnvVar;
import de.tomaudit.parse.cron.Crontab;
import de.tomaudit.parse.cron.CrontabParser;
import de.tomaudit.parse.systemd.UnitEntry;
import de.tomaudit.parse.systemd.UnitFile;
import de.tomaudit.parse.systemd.UnitFileParser;
import de.tomaudit.target.DirEntry;
import de.tomaudit.target.FileStat;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds every scheduled job on the host: /etc/crontab and /etc/cron.d/* (with a user field),
 * /var/spool/cron/crontabs/* (without), executable scripts in /etc/cron.{hourly,daily,weekly,monthly}
 * (names as run-parts accepts them), and systemd timers enabled through a {@code .wants}
 * link in /etc/systemd/system, with the ExecStart lines of the service they start.
 */
final class BackupTriggers {

    static final List<String> PERIODIC = List.of("hourly", "daily", "weekly", "monthly");
    static final List<String> UNIT_DIRS = List.of("/etc/systemd/system", "/lib/systemd/system", "/usr/lib/systemd/system");
    static final String SPOOL = "/var/spool/cron/crontabs";
    /** run-parts (Debian) and cron.d: letters, digits, underscores and hyphens only. */
    private static final Pattern RUN_PARTS_NAME = Pattern.compile("[A-Za-z0-9_-]+");

    /** The jobs found, and what could not be read (a job may hide there). */
    record Found(List<BackupTrigger> triggers, List<String> unreadable, List<ConfigValidity.Problem> problems) { }

    private final Target target;
    private final List<BackupTrigger> triggers = new ArrayList<>();
    private final List<String> unreadable = new ArrayList<>();
    private final List<ConfigValidity.Problem> problems = new ArrayList<>();

    private BackupTriggers(Target target) {
        this.target = target;
    }

    static Found find(Target target) {
        BackupTriggers t = new BackupTriggers(target);
        t.crontab("/etc/crontab", true, Optional.empty());
        for (String name : t.names("/etc/cron.d")) {
            if (RUN_PARTS_NAME.matcher(name).matches()) {
                t.crontab("/etc/cron.d/" + name, true, Optional.empty());
            }
        }
        for (String name : t.names(SPOOL)) {
            t.crontab(SPOOL + "/" + name, false, Optional.of(name));
        }
        for (String period : PERIODIC) {
            t.runParts(period);
        }
        t.timers();
        return new Found(t.triggers, t.unreadable, t.problems);
    }

    private List<String> names(String dir) {
        try {
            return target.list(dir).stream().filter(e -> e.type() != FileStat.Type.DIRECTORY)
                    .map(DirEntry::name).toList();
        } catch (TargetException e) {
            if (e.reason() != TargetException.Reason.NOT_FOUND) {
                unreadable.add(e.getMessage());
            }
            return List.of();
        }
    }

    private Optional<String> text(String path) {
        try {
            return Optional.of(target.read(path).text());
        } catch (TargetException e) {
            if (e.reason() != TargetException.Reason.NOT_FOUND) {
                unreadable.add(e.getMessage());
            }
            return Optional.empty();
        }
    }

    private void crontab(String path, boolean userField, Optional<String> owner) {
        Optional<String> text = text(path);
        if (text.isEmpty()) {
            return;
        }
        Crontab tab = CrontabParser.parse(path, text.get(), userField);
        tab.problems().forEach(p -> problems.add(new ConfigValidity.Problem(p.path() + ":" + p.line(), p.message())));
        for (CronEntry e : tab.entries()) {
            Map<String, String> env = new LinkedHashMap<>();
            for (CronEnvVar v : tab.envFor(e).values()) {
                env.put(v.name(), v.value());
            }
            String user = e.user().or(() -> owner).orElse("root");
            triggers.add(new BackupTrigger(e.schedule(), e.source(), user, e.command(), env, Optional.empty()));
        }
    }

    private void runParts(String period) {
        String dir = "/etc/cron." + period;
        List<DirEntry> entries;
        try {
            entries = target.list(dir);
        } catch (TargetException e) {
            if (e.reason() != TargetException.Reason.NOT_FOUND) {
                unreadable.add(e.getMessage());
            }
            return;
        }
        for (DirEntry e : entries) {
            String path = dir + "/" + e.name();
            if (!RUN_PARTS_NAME.matcher(e.name()).matches() || e.type() == FileStat.Type.DIRECTORY) {
                continue;
            }
            try {
                Optional<FileStat> st = target.stat(path);
                if (st.isEmpty() || st.get().type() != FileStat.Type.FILE || (st.get().mode() & 0111) == 0) {
                    continue;
                }
            } catch (TargetException ex) {
                unreadable.add(ex.getMessage());
                continue;
            }
            triggers.add(new BackupTrigger(period, dir, "root", "", Map.of(), Optional.of(path)));
        }
    }

    private void timers() {
        Set<String> enabled = new LinkedHashSet<>();
        Map<String, String> enabledBy = new LinkedHashMap<>();
        List<DirEntry> dirs;
        try {
            dirs = target.list(UNIT_DIRS.get(0));
        } catch (TargetException e) {
            if (e.reason() != TargetException.Reason.NOT_FOUND) {
                unreadable.add(e.getMessage());
            }
            return;
        }
        for (DirEntry d : dirs) {
            if (!d.name().endsWith(".wants")) {
                continue;
            }
            String wants = UNIT_DIRS.get(0) + "/" + d.name();
            for (String name : names(wants)) {
                if (name.endsWith(".timer") && enabled.add(name)) {
                    enabledBy.put(name, wants + "/" + name);
                }
            }
        }
        for (String timer : enabled) {
            Optional<UnitFile> unit = unit(timer);
            if (unit.isEmpty()) {
                continue;
            }
            UnitFile t = unit.get();
            String service = t.last("Timer", "Unit").map(UnitEntry::value)
                    .orElse(timer.substring(0, timer.length() - ".timer".length()) + ".service");
            List<UnitEntry> when = new ArrayList<>();
            for (String key : List.of("OnCalendar", "OnBootSec", "OnStartupSec", "OnActiveSec", "OnUnitActiveSec",
                    "OnUnitInactiveSec")) {
                when.addAll(t.values("Timer", key));
            }
            String schedule = when.isEmpty() ? "timer" : when.stream().map(w -> w.key().equals("OnCalendar")
                    ? w.value() : w.key() + "=" + w.value()).collect(Collectors.joining("; "));
            String scheduledBy = when.isEmpty() ? enabledBy.get(timer) : when.get(0).source();
            unit(service).ifPresent(s -> serviceTriggers(s, schedule, scheduledBy));
        }
    }

    private void serviceTriggers(UnitFile service, String schedule, String scheduledBy) {
        String user = service.last("Service", "User").map(UnitEntry::value).orElse("root");
        Map<String, String> env = new LinkedHashMap<>();
        for (UnitEntry f : service.values("Service", "EnvironmentFile")) {
            String path = f.value().startsWith("-") ? f.value().substring(1) : f.value();
            text(path).ifPresent(t -> env.putAll(envFile(t)));
        }
        env.putAll(service.environment("Service"));
        for (UnitEntry exec : service.values("Service", "ExecStart")) {
            String cmd = exec.value().replaceFirst("^[-@:+!]+", "");
            triggers.add(new BackupTrigger(schedule, scheduledBy + " -> " + exec.source(), user, cmd, env, Optional.empty()));
        }
    }

    /** {@code KEY=value} lines of an EnvironmentFile (quotes removed, comments skipped). */
    static Map<String, String> envFile(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.startsWith("export ")) {
                l = l.substring(7).strip();
            }
            int eq = l.indexOf('=');
            if (l.isEmpty() || l.startsWith("#") || eq <= 0) {
                continue;
            }
            String v = l.substring(eq + 1).strip();
            if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.endsWith(v.substring(0, 1))) {
                v = v.substring(1, v.length() - 1);
            }
            out.put(l.substring(0, eq).strip(), v);
        }
        return out;
    }

    /** The unit, or for {@code name@instance.type} the template {@code name@.type} made concrete. */
    private Optional<UnitFile> unit(String name) {
        Optional<UnitFile> direct = unitFile(name);
        int at = name.indexOf('@');
        int dot = name.lastIndexOf('.');
        if (direct.isPresent() || at < 0 || dot < at) {
            return direct;
        }
        String instance = name.substring(at + 1, dot);
        return unitFile(name.substring(0, at + 1) + name.substring(dot)).map(u -> u.forInstance(instance));
    }

    /** The unit file from the first unit directory that has it, with its drop-ins from /etc. */
    private Optional<UnitFile> unitFile(String name) {
        for (String dir : UNIT_DIRS) {
            String path = dir + "/" + name;
            try {
                Optional<FileStat> st = target.stat(path);
                if (st.isEmpty()) {
                    continue;
                }
                if (st.get().type() != FileStat.Type.FILE) {
                    return Optional.empty();
                }
            } catch (TargetException e) {
                unreadable.add(e.getMessage());
                return Optional.empty();
            }
            Optional<String> text = text(path);
            if (text.isEmpty()) {
                return Optional.empty();
            }
            UnitFile unit = UnitFileParser.parse(path, text.get());
            List<UnitFile> dropIns = new ArrayList<>();
            String dropInDir = UNIT_DIRS.get(0) + "/" + name + ".d";
            for (String conf : names(dropInDir)) {
                if (conf.endsWith(".conf")) {
                    text(dropInDir + "/" + conf).ifPresent(t -> dropIns.add(UnitFileParser.parse(dropInDir + "/" + conf, t)));
                }
            }
            UnitFile merged = unit.withDropIns(dropIns);
            merged.problems().forEach(p -> problems.add(new ConfigValidity.Problem(p.path() + ":" + p.line(), p.message())));
            return Optional.of(merged);
        }
        return Optional.empty();
    }
}
