package de.tomaudit.cli;

import de.tomaudit.audit.KindDetector;
import de.tomaudit.audit.TargetSpec;
import de.tomaudit.collect.Collector;
import de.tomaudit.collect.CollectorRegistry;
import de.tomaudit.collect.PlannedAccess;
import de.tomaudit.probe.ProbePhase;
import de.tomaudit.probe.ProbeSettings;
import java.io.PrintStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Prints, per target, every file, directory and command the audit would touch. Touches nothing. */
final class DryRun {

    private DryRun() { }

    static void print(List<TargetSpec> specs, Set<String> kinds, PrintStream out) {
        print(specs, kinds, ProbeSettings.DEFAULT, out);
    }

    static void print(List<TargetSpec> specs, Set<String> kinds, ProbeSettings probes, PrintStream out) {
        out.println("# dry run: nothing below is read, run or contacted");
        for (TargetSpec spec : specs) {
            out.println("target " + spec.text());
            Set<String> effective = kinds.isEmpty() ? new LinkedHashSet<>(KindDetector.KINDS) : withHost(kinds);
            if (kinds.isEmpty()) {
                out.println("  # products are detected first; their collectors run only when detected");
                for (PlannedAccess a : KindDetector.plan()) {
                    line(out, a, "detect");
                }
            }
            for (Collector c : CollectorRegistry.forKinds(effective)) {
                for (PlannedAccess a : c.plan()) {
                    line(out, a, c.id());
                }
            }
            if (spec.type() != TargetSpec.Type.DIR) {
                for (PlannedAccess a : ProbePhase.plan(probes)) {
                    line(out, a, "probe");
                }
            }
        }
        out.flush();
    }

    private static Set<String> withHost(Set<String> kinds) {
        Set<String> s = new LinkedHashSet<>(kinds);
        s.add("host");
        return s;
    }

    private static void line(PrintStream out, PlannedAccess a, String who) {
        out.printf("  %-4s %-60s # %s: %s%n", a.type().name().toLowerCase(Locale.ROOT), a.what(), who, a.purpose());
    }
}
