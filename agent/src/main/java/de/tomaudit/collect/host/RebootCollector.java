package de.tomaudit.collect.host;

import de.tomaudit.collect.Collector;
import de.tomaudit.collect.PlannedAccess;
import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.parse.apt.DebianVersion;
import de.tomaudit.target.Command;
import de.tomaudit.target.CommandCatalog;
import de.tomaudit.target.CommandResult;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether the host waits for a reboot: the flag file packages leave after a kernel or library
 * update (/var/run/reboot-required, with the packages in .pkgs), and the running kernel
 * ({@code uname -r}) against the newest installed /boot/vmlinuz-* of the same flavour.
 */
public final class RebootCollector implements Collector {

    static final Command UNAME = CommandCatalog.command("uname-release");
    static final List<String> FLAG_FILES = List.of("/var/run/reboot-required", "/run/reboot-required");

    @Override public String id() { return "reboot"; }
    @Override public Set<String> kinds() { return Set.of("host"); }
    @Override public List<String> provides() { return List.of("reboot"); }

    @Override
    public List<PlannedAccess> plan() {
        return List.of(
                PlannedAccess.stat("/var/run/reboot-required", "reboot flag left by package updates"),
                PlannedAccess.stat("/run/reboot-required", "reboot flag (where /var/run is not a link to /run)"),
                PlannedAccess.read("/var/run/reboot-required.pkgs", "packages that asked for the reboot"),
                PlannedAccess.run(UNAME),
                PlannedAccess.list("/boot", "installed kernel images (vmlinuz-*)"));
    }

    @Override
    public void collect(Target target, FactSet.Builder facts) {
        List<String> flagProblem = new ArrayList<>(1);
        Optional<Boolean> flag = flag(target, facts, flagProblem);
        KernelCheck check = kernel(target, facts);
        Optional<Boolean> kernel = check.pending();
        if (flag.isEmpty()) {
            facts.error("reboot.pending", "read", AuditTexts.get("evidence.host.reboot.flag-unknown", String.join("; ", flagProblem)));
        } else if (flag.get() || kernel.orElse(false)) {
            List<Evidence> ev = new ArrayList<>();
            if (flag.get()) {
                ev.add(Evidence.file(FLAG_FILES.get(0), AuditTexts.get("evidence.host.present")));
            }
            if (kernel.orElse(false)) {
                ev.add(Evidence.file("/boot", check.why()));
            }
            facts.put("reboot.pending", true, ev);
        } else if (kernel.isPresent()) {
            facts.put("reboot.pending", false, Evidence.file(FLAG_FILES.get(0), AuditTexts.get("evidence.host.absent")),
                    Evidence.file("/boot", check.why()));
        } else if (check.error()) {
            facts.error("reboot.pending", "command", AuditTexts.get("evidence.host.reboot.check-failed", check.why()));
        } else {
            facts.notApplicable("reboot.pending", AuditTexts.get("evidence.host.reboot.not-comparable", check.why()));
        }
    }

    /** Present, absent, or empty after recording why it could not be told (also into {@code problem}). */
    private Optional<Boolean> flag(Target target, FactSet.Builder facts, List<String> problem) {
        for (String path : FLAG_FILES) {
            try {
                if (target.exists(path)) {
                    facts.put("reboot.required_file", true, Evidence.file(path, "present"));
                    facts.put("reboot.required_pkgs", pkgs(target, path + ".pkgs"), Evidence.file(path + ".pkgs", "packages"));
                    return Optional.of(true);
                }
            } catch (TargetException e) {
                facts.error("reboot.required_file", "read", e.getMessage());
                problem.add(e.getMessage());
                return Optional.empty();
            }
        }
        facts.put("reboot.required_file", false, Evidence.file(FLAG_FILES.get(0), "absent"));
        facts.put("reboot.required_pkgs", List.of(), Evidence.file(FLAG_FILES.get(0) + ".pkgs", "absent"));
        return Optional.of(false);
    }

    private static List<String> pkgs(Target target, String path) {
        try {
            return target.read(path).lines().stream().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
        } catch (TargetException e) {
            return List.of();
        }
    }

    /** The kernel comparison: pending when known, else why not (an error or not applicable). */
    private record KernelCheck(Optional<Boolean> pending, boolean error, String why) {
        static KernelCheck known(boolean pending, String why) {
            return new KernelCheck(Optional.of(pending), false, why);
        }
    }

    private KernelCheck kernel(Target target, FactSet.Builder facts) {
        List<String> installed = new ArrayList<>();
        try {
            for (String p : target.glob("/boot/vmlinuz-*")) {
                installed.add(p.substring("/boot/vmlinuz-".length()));
            }
        } catch (TargetException e) {
            facts.error("reboot.kernel_update_pending", "read", e.getMessage());
            return new KernelCheck(Optional.empty(), true, e.getMessage());
        }
        if (!target.canRunCommands()) {
            String why = AuditTexts.get("evidence.host.reboot.kernel-unknown", target.address());
            facts.notApplicable("reboot.running_kernel", why);
            facts.notApplicable("reboot.kernel_update_pending", why);
            return new KernelCheck(Optional.empty(), false, why);
        }
        String running;
        try {
            CommandResult r = target.run(UNAME);
            running = r.stdout().strip();
            if (!r.ok() || !running.matches("[A-Za-z0-9._+~-]{1,100}")) {
                String why = AuditTexts.get("evidence.host.reboot.no-release", UNAME.line(), String.valueOf(r.exitCode()));
                facts.error("reboot.kernel_update_pending", "command", why);
                return new KernelCheck(Optional.empty(), true, why);
            }
        } catch (TargetException e) {
            if (e.isAbsence()) {
                facts.notApplicable("reboot.kernel_update_pending", e.getMessage());
            } else {
                facts.error("reboot.kernel_update_pending", "command", e.getMessage());
            }
            return new KernelCheck(Optional.empty(), !e.isAbsence(), e.getMessage());
        }
        facts.put("reboot.running_kernel", running, Evidence.command(UNAME.line(), running));
        Optional<String> newest = RebootKernels.newest(running, installed);
        if (newest.isEmpty()) {
            facts.put("reboot.kernel_update_pending", false, Evidence.command(UNAME.line(), running),
                    Evidence.file("/boot", AuditTexts.get("evidence.host.reboot.no-image", RebootKernels.flavour(running))));
            return KernelCheck.known(false, AuditTexts.get("evidence.host.reboot.running-no-image", running));
        }
        facts.put("reboot.newest_kernel", newest.get(), Evidence.file("/boot/vmlinuz-" + newest.get(), newest.get()));
        boolean pending = DebianVersion.compare(newest.get(), running) > 0;
        facts.put("reboot.kernel_update_pending", pending, Evidence.command(UNAME.line(), running),
                Evidence.file("/boot/vmlinuz-" + newest.get(), AuditTexts.get("evidence.host.reboot.newest", newest.get())));
        return KernelCheck.known(pending, AuditTexts.get("evidence.host.reboot.running-newest", running, newest.get()));
    }
}
