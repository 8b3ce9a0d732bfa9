package de.tomaudit.collect.host;

import de.tomaudit.collect.Collector;
import de.tomaudit.collect.PlannedAccess;
import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.target.CommandCatalog;
import de.tomaudit.target.CommandResult;
import de.tomaudit.target.FileContent;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Protection against password guessing on SSH: fail2ban (is a jail watching sshd enabled, which
 * jails does the running server report), sshguard and CrowdSec (installed, sshd scenarios, a
 * bouncer that blocks). Whether the daemons run comes from {@code processes.list}, collected
 * elsewhere; rules combine the two. Facts under {@code bruteforce.*}.
 */
public final class BruteforceCollector implements Collector {

    static final String DPKG_STATUS = "/var/lib/dpkg/status";
    static final String F2B = "/etc/fail2ban";
    static final String SSHGUARD_CONF = "/etc/sshguard/sshguard.conf";
    static final String CROWDSEC = "/etc/crowdsec";
    private static final Logger LOG = LoggerFactory.getLogger(BruteforceCollector.class);

    /** Tool, its Debian package, and a file that shows it is there where dpkg cannot tell. */
    private record Tool(String name, String pkg, List<String> marks) { }

    private static final List<Tool> TOOLS = List.of(
            new Tool("fail2ban", "fail2ban", List.of("/usr/bin/fail2ban-server", F2B + "/jail.conf")),
            new Tool("sshguard", "sshguard", List.of("/usr/sbin/sshguard", SSHGUARD_CONF)),
            new Tool("crowdsec", "crowdsec", List.of("/usr/bin/crowdsec", CROWDSEC + "/config.yaml")));

    @Override public String id() { return "bruteforce"; }
    @Override public Set<String> kinds() { return Set.of("host"); }
    @Override public List<String> provides() { return List.of("bruteforce"); }

    @Override
    public List<PlannedAccess> plan() {
        return List.of(
                PlannedAccess.read(DPKG_STATUS, "which of fail2ban, sshguard, crowdsec and its bouncers are installed"),
                PlannedAccess.stat("/usr/bin/fail2ban-server", "fail2ban present (where dpkg cannot tell)"),
                PlannedAccess.stat("/usr/sbin/sshguard", "sshguard present (where dpkg cannot tell)"),
                PlannedAccess.stat("/usr/bin/crowdsec", "CrowdSec present (where dpkg cannot tell)"),
                PlannedAccess.read(F2B + "/jail.conf", "fail2ban jails"),
                PlannedAccess.read(F2B + "/jail.d/*.conf", "fail2ban jails"),
                PlannedAccess.read(F2B + "/jail.local", "fail2ban jails (local overrides)"),
                PlannedAccess.read(F2B + "/jail.d/*.local", "fail2ban jails (local overrides)"),
                PlannedAccess.run(CommandCatalog.command("fail2ban-status")),
                PlannedAccess.stat(SSHGUARD_CONF, "sshguard configuration"),
                PlannedAccess.stat(CROWDSEC + "/config.yaml", "CrowdSec configuration"),
                PlannedAccess.stat(CROWDSEC + "/collections/sshd.yaml", "CrowdSec sshd collection installed"),
                PlannedAccess.stat(CROWDSEC + "/scenarios/ssh-*.yaml", "CrowdSec SSH scenarios installed"),
                PlannedAccess.list(CROWDSEC + "/bouncers", "CrowdSec bouncer configurations"));
    }

    @Override
    public void collect(Target target, FactSet.Builder facts) {
        try {
            collectChecked(target, facts);
        } catch (RuntimeException e) {
            LOG.info("brute-force collector failed on {}: {}", target.name(), de.tomaudit.facts.Crash.describe(e));
            facts.error("bruteforce", "collect", AuditTexts.get("evidence.host.collector-failed", "bruteforce", de.tomaudit.facts.Crash.describe(e)));
        }
    }

    private void collectChecked(Target target, FactSet.Builder facts) {
        Packages packages = packages(target);
        List<String> installed = new ArrayList<>();
        List<Evidence> installedEvidence = new ArrayList<>();
        Map<String, Boolean> present = new LinkedHashMap<>();
        for (Tool tool : TOOLS) {
            Optional<Evidence> ev = packages.installed(tool.pkg())
                    .or(() -> tool.marks().stream().filter(m -> exists(target, m)).findFirst()
                            .map(m -> Evidence.file(m, AuditTexts.get("evidence.host.present"))));
            present.put(tool.name(), ev.isPresent());
            ev.ifPresent(e -> {
                installed.add(tool.name());
                installedEvidence.add(e);
            });
            facts.put("bruteforce." + tool.name() + "_installed", ev.isPresent(),
                    ev.orElseGet(() -> packages.absenceEvidence(tool.pkg())));
        }
        facts.put("bruteforce.tools_installed", installed, installedEvidence.isEmpty()
                ? List.of(packages.absenceEvidence("fail2ban, sshguard, crowdsec")) : installedEvidence);
        fail2ban(target, present.get("fail2ban"), facts);
        crowdsec(target, packages, facts);
    }

    private static void fail2ban(Target target, boolean installed, FactSet.Builder facts) {
        BruteforceJailConfig config = new BruteforceJailConfig();
        List<String> files = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String pattern : List.of(F2B + "/jail.conf", F2B + "/jail.d/*.conf", F2B + "/jail.local", F2B + "/jail.d/*.local")) {
            List<String> paths;
            try {
                paths = target.glob(pattern);
            } catch (TargetException e) {
                errors.add(e.getMessage());
                continue;
            }
            for (String path : paths) {
                try {
                    config.add(path, target.read(path).text());
                    files.add(path);
                } catch (TargetException e) {
                    if (e.reason() != TargetException.Reason.NOT_FOUND) {
                        errors.add(e.getMessage());
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            facts.error("bruteforce.fail2ban_sshd_jail", "read", String.join("; ", errors));
            facts.error("bruteforce.fail2ban_jails_enabled", "read", String.join("; ", errors));
        } else {
            List<BruteforceJailConfig.Jail> sshd = config.sshdJails();
            boolean enabled = sshd.stream().anyMatch(BruteforceJailConfig.Jail::enabled);
            List<Evidence> ev = new ArrayList<>();
            for (BruteforceJailConfig.Jail j : sshd) {
                ev.add(j.enabledBy().map(v -> Evidence.at(v.file(), v.line(), "[" + j.name() + "] enabled = "
                        + (BruteforceJailConfig.isBoolean(v.value()) ? v.value() : AuditTexts.get("evidence.host.f2b.not-boolean"))))
                        .orElse(Evidence.byDefault("fail2ban jail [" + j.name() + "] enabled", "false")));
            }
            if (ev.isEmpty()) {
                ev.add(files.isEmpty() ? Evidence.file(F2B + "/jail.conf", AuditTexts.get(installed ? "evidence.host.f2b.no-jail-files" : "evidence.host.not-installed"))
                        : Evidence.file(String.join(", ", files), AuditTexts.get("evidence.host.f2b.no-sshd-jail")));
            }
            facts.put("bruteforce.fail2ban_sshd_jail", enabled, ev);
            List<String> names = config.jails().stream().filter(BruteforceJailConfig.Jail::enabled)
                    .map(BruteforceJailConfig.Jail::name).toList();
            facts.put("bruteforce.fail2ban_jails_enabled", names,
                    files.isEmpty() ? List.of(Evidence.file(F2B, AuditTexts.get("evidence.host.f2b.no-jail-files"))) : files.stream().map(f -> Evidence.file(f, AuditTexts.get("evidence.host.read"))).toList());
        }
        activeJails(target, installed, facts);
    }

    private static void activeJails(Target target, boolean installed, FactSet.Builder facts) {
        String key = "bruteforce.fail2ban_active_jails";
        if (!installed) {
            facts.notApplicable(key, AuditTexts.get("evidence.host.is-not-installed", "fail2ban"));
            return;
        }
        if (!target.canRunCommands()) {
            facts.notApplicable(key, AuditTexts.get("evidence.host.no-commands", target.address()));
            return;
        }
        var cmd = CommandCatalog.command("fail2ban-status");
        CommandResult r;
        try {
            r = target.run(cmd);
        } catch (TargetException e) {
            if (e.isAbsence()) {
                facts.notApplicable(key, e.getMessage());
            } else {
                facts.error(key, "command", e.getMessage());
            }
            return;
        }
        if (!r.ok()) {
            String err = r.stderr().strip().lines().findFirst().orElse("");
            if (err.contains("Failed to access socket") || err.contains("Is fail2ban running")) {
                facts.put(key, List.of(), Evidence.command(cmd.line(), err));
            } else {
                facts.error(key, "command", AuditTexts.get("evidence.host.exited", cmd.line(), String.valueOf(r.exitCode()), err));
            }
            return;
        }
        Optional<List<String>> jails = jailList(r.stdout());
        if (jails.isEmpty()) {
            facts.error(key, "parse", AuditTexts.get("evidence.host.f2b.no-jail-list", cmd.line()));
            return;
        }
        facts.put(key, jails.get(), Evidence.command(cmd.line(), "Jail list: " + String.join(", ", jails.get())));
    }

    /** The names after {@code Jail list:} in {@code fail2ban-client status}. */
    static Optional<List<String>> jailList(String out) {
        for (String line : out.split("\n")) {
            int i = line.indexOf("Jail list:");
            if (i >= 0) {
                List<String> names = new ArrayList<>();
                for (String n : line.substring(i + "Jail list:".length()).split(",")) {
                    if (!n.isBlank()) {
                        names.add(n.strip());
                    }
                }
                return Optional.of(names);
            }
        }
        return Optional.empty();
    }

    private static void crowdsec(Target target, Packages packages, FactSet.Builder facts) {
        List<Evidence> scen = new ArrayList<>();
        for (String pattern : List.of(CROWDSEC + "/collections/sshd.yaml", CROWDSEC + "/scenarios/ssh-*.yaml")) {
            try {
                target.glob(pattern).forEach(p -> scen.add(Evidence.file(p, AuditTexts.get("evidence.host.installed"))));
            } catch (TargetException e) {
                facts.error("bruteforce.crowdsec_sshd_collection", "read", e.getMessage());
                return;
            }
        }
        facts.put("bruteforce.crowdsec_sshd_collection", !scen.isEmpty(),
                scen.isEmpty() ? List.of(Evidence.file(CROWDSEC + "/collections/sshd.yaml", AuditTexts.get("evidence.host.not-found"))) : scen);
        Optional<Evidence> bouncer = packages.installedWithPrefix("crowdsec-firewall-bouncer");
        if (bouncer.isEmpty()) {
            try {
                bouncer = target.glob(CROWDSEC + "/bouncers/*.yaml").stream().findFirst().map(p -> Evidence.file(p, AuditTexts.get("evidence.host.present")));
            } catch (TargetException e) {
                facts.error("bruteforce.crowdsec_bouncer_installed", "read", e.getMessage());
                return;
            }
        }
        facts.put("bruteforce.crowdsec_bouncer_installed", bouncer.isPresent(),
                bouncer.orElseGet(() -> packages.absenceEvidence("crowdsec-firewall-bouncer-*")));
    }

    private static boolean exists(Target target, String path) {
        try {
            return target.exists(path);
        } catch (TargetException e) {
            return false;
        }
    }

    /** Installed packages from dpkg's status file, if it could be read. */
    private record Packages(Map<String, Integer> installed, boolean known, String why) {

        Optional<Evidence> installed(String pkg) {
            Integer line = installed.get(pkg);
            return line == null ? Optional.empty() : Optional.of(Evidence.at(DPKG_STATUS, line, pkg + " install ok installed"));
        }

        Optional<Evidence> installedWithPrefix(String prefix) {
            return installed.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).findFirst()
                    .map(e -> Evidence.at(DPKG_STATUS, e.getValue(), e.getKey() + " install ok installed"));
        }

        Evidence absenceEvidence(String what) {
            return Evidence.file(known ? DPKG_STATUS : "files", known ? AuditTexts.get("evidence.not-installed", what)
                    : AuditTexts.get("evidence.host.not-found-because", what, why));
        }
    }

    private static Packages packages(Target target) {
        FileContent content;
        try {
            content = target.read(DPKG_STATUS);
        } catch (TargetException e) {
            return new Packages(Map.of(), false, e.getMessage());
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        Set<String> wanted = new LinkedHashSet<>(List.of("fail2ban", "sshguard", "crowdsec"));
        String pkg = null;
        int pkgLine = 0;
        List<String> lines = content.lines();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.isEmpty()) {
                pkg = null;
            } else if (l.startsWith("Package: ")) {
                pkg = l.substring(9).strip();
                pkgLine = i + 1;
            } else if (l.startsWith("Status: ") && pkg != null
                    && (wanted.contains(pkg) || pkg.startsWith("crowdsec-firewall-bouncer"))
                    && l.substring(8).strip().equals("install ok installed")) {
                out.put(pkg, pkgLine);
            }
        }
        return new Packages(out, true, "");
    }
}
