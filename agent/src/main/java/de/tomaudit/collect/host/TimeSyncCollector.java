package de.tomaudit.collect.host;

import de.tomaudit.collect.Collector;
import de.tomaudit.collect.PlannedAccess;
import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Unavailable;
import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.target.DirEntry;
import de.tomaudit.target.FileStat;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether the clock is kept in sync: a time daemon (chronyd, ntpd of ntp/ntpsec/openntpd,
 * systemd-timesyncd, htpdate) among the running processes; where processes cannot be seen, a
 * time service enabled through a systemd {@code .wants} link or a SysV rc2.d start link.
 */
public final class TimeSyncCollector implements Collector {

    /** Process names as ps prints them (the kernel cuts them to 15 characters). */
    static final Map<String, String> DAEMONS = Map.of("chronyd", "chronyd", "ntpd", "ntpd",
            "systemd-timesyn", "systemd-timesyncd", "systemd-timesyncd", "systemd-timesyncd", "openntpd", "openntpd",
            "htpdate", "htpdate", "timemaster", "timemaster");
    /** Unit and SysV script names of time services, with the daemon each starts. */
    static final Map<String, String> SERVICES = Map.of("chrony.service", "chronyd", "chronyd.service", "chronyd",
            "ntp.service", "ntpd", "ntpd.service", "ntpd", "ntpsec.service", "ntpd", "openntpd.service", "openntpd",
            "systemd-timesyncd.service", "systemd-timesyncd", "htpdate.service", "htpdate");
    static final Map<String, String> SYSV = Map.of("chrony", "chronyd", "ntp", "ntpd", "ntpsec", "ntpd",
            "openntpd", "openntpd", "htpdate", "htpdate");
    static final String UNITS = "/etc/systemd/system";

    @Override public String id() { return "timesync"; }
    @Override public Set<String> kinds() { return Set.of("host"); }
    @Override public List<String> provides() { return List.of("timesync"); }

    @Override
    public List<PlannedAccess> plan() {
        return List.of(PlannedAccess.run(ProcessesReader.PS),
                PlannedAccess.list(UNITS + "/*.wants", "enabled time services, where processes cannot be seen"),
                PlannedAccess.stat(UNITS + "/*.service", "masked time services"),
                PlannedAccess.list("/etc/rc2.d", "SysV start links of time services"));
    }

    @Override
    public void collect(Target target, FactSet.Builder facts) {
        ProcessesReader.Table table = ProcessesReader.read(target, "timesync.active");
        if (table.ok()) {
            Set<String> running = new LinkedHashSet<>();
            List<Evidence> ev = new ArrayList<>();
            for (ProcessesEntry p : table.entries()) {
                String daemon = DAEMONS.get(p.comm());
                if (daemon != null && running.add(daemon)) {
                    ev.add(Evidence.command(ProcessesReader.PS.line(), p.user() + " " + p.comm() + " " + p.args()));
                }
            }
            if (ev.isEmpty()) {
                ev.add(Evidence.command(ProcessesReader.PS.line(), AuditTexts.get("evidence.host.timesync.no-daemon")));
            }
            put(facts, running, "processes", ev);
            return;
        }
        Unavailable why = table.failure().orElseThrow();
        List<Evidence> ev = new ArrayList<>();
        Set<String> enabled;
        try {
            enabled = enabledServices(target, ev);
        } catch (TargetException e) {
            // processes that could not be seen for a lasting reason (ps missing, no /proc) are no error of their own:
            // the failure is the services' (a lost connection stays that cause, not a remark on /proc)
            facts.error("timesync", "read", why.kind() == Unavailable.Kind.ERROR
                    ? AuditTexts.get("evidence.host.timesync.unreadable", why.reason(), e.getMessage()) : e.getMessage());
            return;
        }
        if (enabled.isEmpty() && why.kind() == Unavailable.Kind.ERROR) {
            facts.error("timesync", why.stage(), why.reason());
            return;
        }
        if (enabled.isEmpty() && !hasInitConfig(target)) {
            facts.notApplicable("timesync", AuditTexts.get("evidence.host.timesync.no-init", why.reason(), UNITS));
            return;
        }
        if (ev.isEmpty()) {
            ev.add(Evidence.file(UNITS, AuditTexts.get("evidence.host.timesync.none-enabled", why.reason())));
        }
        put(facts, enabled, "enabled-services", ev);
    }

    private static void put(FactSet.Builder facts, Set<String> daemons, String method, List<Evidence> ev) {
        facts.put("timesync.active", !daemons.isEmpty(), ev);
        facts.put("timesync.daemons", List.copyOf(daemons), ev);
        facts.put("timesync.method", method, ev);
    }

    private static Set<String> enabledServices(Target target, List<Evidence> ev) throws TargetException {
        Set<String> out = new LinkedHashSet<>();
        List<DirEntry> units;
        try {
            units = target.list(UNITS);
        } catch (TargetException e) {
            if (e.reason() != TargetException.Reason.NOT_FOUND) {
                throw e;
            }
            units = List.of();
        }
        for (DirEntry d : units) {
            if (!d.name().endsWith(".wants")) {
                continue;
            }
            for (DirEntry link : target.list(UNITS + "/" + d.name())) {
                if (SERVICES.containsKey(link.name()) && !masked(target, link.name())) {
                    if (out.add(SERVICES.get(link.name()))) {
                        ev.add(Evidence.file(UNITS + "/" + d.name() + "/" + link.name(), AuditTexts.get("evidence.host.enabled")));
                    }
                }
            }
        }
        try {
            for (DirEntry link : target.list("/etc/rc2.d")) {
                String n = link.name();
                if (n.matches("S\\d\\d.+") && SYSV.containsKey(n.substring(3))) {
                    if (out.add(SYSV.get(n.substring(3)))) {
                        ev.add(Evidence.file("/etc/rc2.d/" + n, AuditTexts.get("evidence.host.timesync.sysv-link")));
                    }
                }
            }
        } catch (TargetException e) {
            if (e.reason() != TargetException.Reason.NOT_FOUND) {
                throw e;
            }
        }
        return out;
    }

    private static boolean hasInitConfig(Target target) {
        try {
            return target.exists(UNITS) || target.exists("/etc/rc2.d");
        } catch (TargetException e) {
            return true;
        }
    }

    /** A unit linked to /dev/null in /etc/systemd/system is masked and never starts. */
    private static boolean masked(Target target, String unit) throws TargetException {
        String path = UNITS + "/" + unit;
        boolean listed = target.list(UNITS).stream().anyMatch(e -> e.name().equals(unit));
        if (!listed) {
            return false;
        }
        Optional<FileStat> st = target.stat(path);
        return st.isEmpty() || st.get().type() != FileStat.Type.FILE;
    }
}
