package de.tomaudit.collect.host;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.parse.apt.PackageIndexScanner;
import de.tomaudit.parse.apt.PackageIndexText;

import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.parse.apt.AptSimulation;
import de.tomaudit.parse.apt.AptSimulationParser;
import de.tomaudit.parse.apt.DebControlParagraph;
import de.tomaudit.parse.apt.DebControlParser;
import de.tomaudit.parse.apt.DebianVersion;
import de.tomaudit.parse.apt.PendingUpdate;
import de.tomaudit.target.Command;
import de.tomaudit.target.CommandCatalog;
import de.tomaudit.target.CommandResult;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pending security updates: the installed versions (dpkg status) compared with the security
 * suite's {@code Packages} indexes in /var/lib/apt/lists (plain, gzip or lz4): exact for "a fixed
 * version is published and not installed", cheap, and the same on every kind of target (pinning
 * is not taken into account). Where no such index can be read, {@code apt-get -s dist-upgrade}
 * decides (security when an origin is a {@code …-security} archive); that simulation costs
 * seconds of CPU, more where apt's binary cache is switched off.
 */
final class AptPendingUpdates {

    static final Command SIMULATE = CommandCatalog.command("apt-simulate-upgrade");
    static final String LISTS = "/var/lib/apt/lists";
    static final String KEY = "apt.security_pending";

    /** Whether security updates are pending, when that is known. */
    record Outcome(boolean known, boolean anySecurity) { }

    static final List<String> KEYS = List.of(KEY, "apt.updates_pending", "apt.security_pending_days");

    private static Outcome error(FactSet.Builder facts, String stage, String message) {
        KEYS.forEach(k -> facts.error(k, stage, message));
        return new Outcome(false, false);
    }

    private AptPendingUpdates() { }

    static Outcome collect(Target target, AptInstalledPackages installed, FactSet.Builder facts) {
        List<String> indexes;
        try {
            indexes = target.glob(LISTS + "/*security*_Packages*").stream().filter(PackageIndexText::readable).toList();
        } catch (TargetException e) {
            indexes = List.of();
        }
        if (!indexes.isEmpty()) {
            return fromLists(target, installed, facts);
        }
        if (target.canRunCommands()) {
            try {
                CommandResult r = target.run(SIMULATE);
                return fromSimulation(r, facts);
            } catch (TargetException e) {
                if (e.reason() != TargetException.Reason.NOT_FOUND && e.reason() != TargetException.Reason.NOT_SUPPORTED) {
                    return error(facts, "command", e.getMessage());
                }
            }
        }
        return fromLists(target, installed, facts);
    }

    private static Outcome fromSimulation(CommandResult r, FactSet.Builder facts) {
        String line = SIMULATE.line();
        AptSimulation sim = AptSimulationParser.parse("command: " + line, r.stdout());
        if (!r.ok() || !sim.problems().isEmpty()) {
            String why = !r.ok() ? AuditTexts.get("evidence.host.exit-code", String.valueOf(r.exitCode()), r.stderr().strip())
                    : sim.problems().get(0).message();
            return error(facts, "command", AuditTexts.get("evidence.host.failed", line, why));
        }
        List<Map<String, Object>> security = new ArrayList<>();
        List<Evidence> ev = new ArrayList<>();
        for (PendingUpdate u : sim.security()) {
            security.add(item(u.pkg(), u.current().orElse(""), u.candidate(), String.join(", ", u.origins())));
            ev.add(new Evidence("command: " + line + " (line " + u.line() + ")",
                    u.pkg() + " " + u.current().orElseGet(() -> AuditTexts.get("evidence.host.apt.new")) + " -> " + u.candidate()));
        }
        if (ev.isEmpty()) {
            ev.add(Evidence.command(line, AuditTexts.get("evidence.host.apt.no-security-pending")));
        }
        facts.put(KEY, security, ev);
        facts.put("apt.updates_pending", (long) sim.updates().size(),
                Evidence.command(line, AuditTexts.get("evidence.host.apt.would-upgrade", sim.updates().size())));
        return new Outcome(true, !security.isEmpty());
    }

    private static Map<String, Object> item(String pkg, String current, String candidate, String origin) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("package", pkg);
        m.put("current", current);
        m.put("candidate", candidate);
        m.put("origin", origin);
        return m;
    }

    private static Outcome fromLists(Target target, AptInstalledPackages installed, FactSet.Builder facts) {
        facts.notApplicable("apt.updates_pending", AuditTexts.get("evidence.host.apt.only-indexes", target.address()));
        List<String> packagesLists;
        List<String> anySecurity;
        try {
            anySecurity = target.glob(LISTS + "/*security*_Packages*");
            packagesLists = anySecurity.stream().filter(PackageIndexText::readable).toList();
        } catch (TargetException e) {
            return error(facts, "read", e.getMessage());
        }
        if (packagesLists.isEmpty()) {
            if (anySecurity.isEmpty()) {
                facts.put(KEY, List.of(), Evidence.file(LISTS, AuditTexts.get("evidence.host.apt.no-security-archive")));
                return new Outcome(true, false);
            }
            String why = AuditTexts.get("evidence.host.apt.lists-unreadable", target.address(), anySecurity.get(0));
            facts.notApplicable(KEY, why);
            facts.notApplicable("apt.security_pending_days", why);
            return new Outcome(false, false);
        }
        Map<String, Map<String, Object>> pending = new LinkedHashMap<>();
        List<Evidence> ev = new ArrayList<>();
        for (String path : packagesLists) {
            String text;
            try {
                text = PackageIndexText.decode(path, target.readBytes(path).bytes());
            } catch (TargetException e) {
                return error(facts, "read", e.getMessage());
            } catch (java.io.IOException e) {
                return error(facts, "parse", path + ": " + e.getMessage());
            }
            String origin = path.substring(path.lastIndexOf('/') + 1);
            for (PackageIndexScanner.Offer offer : PackageIndexScanner.scan(text)) {
                Optional<DebControlParagraph> inst = installed.get(offer.pkg());
                if (inst.isEmpty()) {
                    continue;
                }
                String current = inst.get().get("Version").orElse("");
                String arch = offer.architecture();
                String instArch = inst.get().get("Architecture").orElse("all");
                if (!arch.equals("all") && !instArch.equals("all") && !arch.equals(instArch)) {
                    continue;
                }
                Map<String, Object> prev = pending.get(offer.pkg());
                boolean newer = DebianVersion.compare(offer.version(), current) > 0;
                boolean better = prev == null || DebianVersion.compare(offer.version(), (String) prev.get("candidate")) > 0;
                if (newer && better) {
                    pending.put(offer.pkg(), item(offer.pkg(), current, offer.version(), origin));
                    ev.removeIf(e -> e.value().startsWith(offer.pkg() + " "));
                    String shown = offer.pkg() + " " + current + " -> " + offer.version();
                    ev.add(path.endsWith("_Packages") ? Evidence.at(path, offer.line(), shown)
                            : Evidence.decompressed(path, offer.line(), shown));
                }
            }
        }
        if (ev.isEmpty()) {
            ev.add(Evidence.file(packagesLists.get(0), AuditTexts.get("evidence.host.apt.all-current")));
        }
        facts.put(KEY, List.copyOf(pending.values()), ev);
        return new Outcome(true, !pending.isEmpty());
    }
}
