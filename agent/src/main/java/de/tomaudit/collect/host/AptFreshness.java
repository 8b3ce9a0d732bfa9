package de.tomaudit.collect.host;

import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.parse.apt.UnattendedUpgradesLog;
import de.tomaudit.target.FileStat;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How current the host's update state is, from timestamps apt leaves behind: the package lists
 * (mtime of /var/lib/apt/lists/*Release files, which apt sets to the time it fetched them or the
 * server's Last-Modified, and /var/lib/apt/periodic/update-success-stamp), the last run of
 * unattended-upgrades (its log and stamp files) and, where security updates are pending, a lower
 * bound for how long: the age of the security list that offers them. {@code -1} means "never".
 */
final class AptFreshness {

    static final String PERIODIC = "/var/lib/apt/periodic";
    static final String UU_LOG = "/var/log/unattended-upgrades/unattended-upgrades.log";

    private record Stamp(Instant time, Evidence evidence) { }

    private AptFreshness() { }

    static void collect(Target target, Clock clock, boolean uuInstalled, AptPendingUpdates.Outcome pending,
                        FactSet.Builder facts) {
        Instant now = clock.instant();
        List<Stamp> lists = new ArrayList<>();
        List<Stamp> security = new ArrayList<>();
        boolean listsKnown = true;
        try {
            for (String p : target.glob(AptPendingUpdates.LISTS + "/*Release")) {
                if (p.endsWith(".gpg")) {
                    continue;
                }
                Optional<Stamp> s = mtime(target, p, AuditTexts.get("evidence.host.apt.list-fetched"));
                s.ifPresent(lists::add);
                if (p.contains("security")) {
                    s.ifPresent(security::add);
                }
            }
            mtime(target, PERIODIC + "/update-success-stamp", AuditTexts.get("evidence.host.apt.last-update")).ifPresent(lists::add);
        } catch (TargetException e) {
            facts.error("apt.lists_age_days", "read", e.getMessage());
            facts.error("apt.security_lists", "read", e.getMessage());
            listsKnown = false;
        }
        if (listsKnown) {
            facts.put("apt.security_lists", (long) security.size(), security.isEmpty()
                    ? List.of(Evidence.file(AptPendingUpdates.LISTS, AuditTexts.get("evidence.host.apt.no-security-release")))
                    : security.stream().map(Stamp::evidence).toList());
            putAge(facts, "apt.lists_age_days", newest(lists), now, AptPendingUpdates.LISTS, AuditTexts.get("evidence.host.apt.no-lists"));
        }
        if (pending.known()) {
            if (!pending.anySecurity()) {
                facts.put("apt.security_pending_days", 0L, Evidence.byDefault(AuditTexts.get("evidence.host.apt.pending-security"), AuditTexts.get("evidence.host.none")));
            } else {
                Optional<Stamp> from = newest(security).or(() -> newest(lists));
                if (from.isPresent()) {
                    facts.put("apt.security_pending_days", days(from.get().time(), now), from.get().evidence());
                } else {
                    facts.error("apt.security_pending_days", "read", AuditTexts.get("evidence.host.apt.pending-no-time"));
                }
            }
        }
        if (!uuInstalled) {
            facts.put("apt.last_unattended_run_days", -1L,
                    Evidence.file(AptInstalledPackages.STATUS, AuditTexts.get("evidence.host.apt.uu-never-runs")));
            return;
        }
        lastUnattendedRun(target, now, facts);
    }

    private static void lastUnattendedRun(Target target, Instant now, FactSet.Builder facts) {
        List<Stamp> runs = new ArrayList<>();
        String failure = null;
        try {
            mtime(target, PERIODIC + "/unattended-upgrades-stamp", AuditTexts.get("evidence.host.apt.uu-started")).ifPresent(runs::add);
            mtime(target, PERIODIC + "/upgrade-stamp", AuditTexts.get("evidence.host.apt.last-upgrade")).ifPresent(runs::add);
        } catch (TargetException e) {
            failure = e.getMessage();
        }
        try {
            List<String> lines = target.read(UU_LOG).lines();
            ZoneId zone = zone(target);
            UnattendedUpgradesLog.lastRun(lines).ifPresent(e -> runs.add(new Stamp(
                    e.time().atZone(zone).toInstant(), Evidence.at(UU_LOG, e.line(), e.time() + " " + e.message()))));
        } catch (TargetException e) {
            if (e.reason() != TargetException.Reason.NOT_FOUND) {
                failure = e.getMessage();
            }
        }
        Optional<Stamp> last = newest(runs);
        if (last.isEmpty() && failure != null) {
            facts.error("apt.last_unattended_run_days", "read", failure);
            return;
        }
        putAge(facts, "apt.last_unattended_run_days", last, now, UU_LOG, AuditTexts.get("evidence.host.apt.no-uu-run"));
    }

    private static void putAge(FactSet.Builder facts, String key, Optional<Stamp> newest, Instant now,
                               String where, String never) {
        if (newest.isPresent()) {
            facts.put(key, days(newest.get().time(), now), newest.get().evidence());
        } else {
            facts.put(key, -1L, Evidence.file(where, never));
        }
    }

    private static long days(Instant then, Instant now) {
        return Math.max(0, Duration.between(then, now).toDays());
    }

    private static Optional<Stamp> newest(List<Stamp> stamps) {
        return stamps.stream().max((a, b) -> a.time().compareTo(b.time()));
    }

    private static Optional<Stamp> mtime(Target target, String path, String what) throws TargetException {
        Optional<FileStat> st = target.stat(path);
        return st.map(s -> new Stamp(s.modified(), Evidence.file(path, what + " " + s.modified())));
    }

    /** The host's zone from /etc/timezone (the log writes local time); UTC when unknown. */
    private static ZoneId zone(Target target) {
        try {
            return ZoneId.of(target.read("/etc/timezone").text().strip());
        } catch (TargetException | DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
