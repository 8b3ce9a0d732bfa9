package de.tomaudit.collect.host;

import de.tomaudit.collect.Collector;
import de.tomaudit.collect.PlannedAccess;
import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.parse.apt.DebControlParagraph;
import de.tomaudit.parse.apt.DebControlParser;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Automatic security updates on Debian and Ubuntu: whether unattended-upgrades is installed and
 * switched on, which origins it takes, which security updates are pending and for how long at
 * least, how old the package lists are and when unattended-upgrades last ran.
 */
public final class AptCollector implements Collector {

    private final Clock clock;

    public AptCollector() {
        this(Clock.systemUTC());
    }

    public AptCollector(Clock clock) {
        this.clock = clock;
    }

    @Override public String id() { return "apt"; }
    @Override public Set<String> kinds() { return Set.of("host"); }
    @Override public List<String> provides() { return List.of("apt"); }

    @Override
    public List<PlannedAccess> plan() {
        return List.of(
                PlannedAccess.read(AptInstalledPackages.STATUS, "installed packages (unattended-upgrades)"),
                PlannedAccess.list(AptUnattendedSettings.PARTS, "apt configuration parts"),
                PlannedAccess.read(AptUnattendedSettings.PARTS + "/*", "APT::Periodic and Unattended-Upgrade settings"),
                PlannedAccess.read(AptUnattendedSettings.MAIN, "main apt configuration"),
                PlannedAccess.run(AptPendingUpdates.SIMULATE),
                PlannedAccess.read(AptPendingUpdates.LISTS + "/*security*_Packages*",
                        "security package indexes (plain, gzip or lz4): pending security updates"),
                PlannedAccess.stat(AptPendingUpdates.LISTS + "/*Release", "when the package lists were fetched"),
                PlannedAccess.stat(AptFreshness.PERIODIC + "/*-stamp", "when apt's daily jobs last ran"),
                PlannedAccess.read(AptFreshness.UU_LOG, "last run of unattended-upgrades"),
                PlannedAccess.read("/etc/timezone", "time zone of the unattended-upgrades log"));
    }

    @Override
    public void collect(Target target, FactSet.Builder facts) {
        String status = AptInstalledPackages.STATUS;
        Optional<String> text;
        try {
            text = Optional.of(target.read(status).text());
        } catch (TargetException e) {
            if (e.reason() == TargetException.Reason.NOT_FOUND) {
                facts.put("apt.present", false, Evidence.file(status, AuditTexts.get("evidence.host.apt.not-debian")));
                facts.notApplicable("apt", AuditTexts.get("evidence.host.apt.no-dpkg", status));
            } else {
                facts.error("apt", "read", e.getMessage());
            }
            return;
        }
        List<DebControlParagraph> paragraphs = DebControlParser.parse(status, text.get());
        if (paragraphs.isEmpty()) {
            facts.error("apt", "parse", AuditTexts.get("evidence.host.apt.no-entries", status));
            return;
        }
        AptInstalledPackages installed = AptInstalledPackages.of(status, paragraphs);
        facts.put("apt.present", true, Evidence.file(status, AuditTexts.get("evidence.host.apt.installed-count", installed.byName().size())));
        Optional<DebControlParagraph> uu = installed.get("unattended-upgrades");
        facts.put("apt.unattended_upgrades_installed", uu.isPresent(), uu
                .map(p -> Evidence.at(status, p.line(), AuditTexts.get("evidence.host.installed-version", "unattended-upgrades", p.get("Version").orElse(""))))
                .orElseGet(() -> Evidence.file(status, AuditTexts.get("evidence.not-installed", "unattended-upgrades"))));
        AptUnattendedSettings.collect(target, facts);
        AptPendingUpdates.Outcome pending = AptPendingUpdates.collect(target, installed, facts);
        AptFreshness.collect(target, clock, uu.isPresent(), pending, facts);
    }
}
