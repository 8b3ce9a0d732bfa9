package de.tomaudit.cli;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.audit.KindDetector;
import de.tomaudit.audit.TargetOpener;
import de.tomaudit.audit.TargetSpec;
import de.tomaudit.collect.Collector;
import de.tomaudit.collect.CollectorRegistry;
import de.tomaudit.collect.PlannedAccess;
import de.tomaudit.collect.bbb.BbbCollector;
import de.tomaudit.collect.mastodon.MastodonLivePhase;
import de.tomaudit.mastodondb.MastodonDbSettings;
import de.tomaudit.probe.ProbePhase;
import de.tomaudit.probe.ProbeSettings;
import de.tomaudit.target.bundle.CollectScript;
import de.tomaudit.target.ssh.SshConnectException;
import de.tomaudit.target.ssh.SshOptions;
import de.tomaudit.target.ssh.SshPlan;
import de.tomaudit.fleet.FleetTarget;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Prints, per target, every file, directory and command the audit would touch. Touches nothing:
 * for SSH targets no connection is made at all (not even the host-key check); commands are shown
 * exactly as they would be sent, with {@code env}, {@code sudo -n} and quoting.
 */
final class DryRun {

    private DryRun() { }

    static void print(List<TargetSpec> specs, Set<String> kinds, PrintStream out) {
        print(specs, kinds, SshOptions.defaults(), ProbeSettings.DEFAULT, out);
    }

    static void print(List<TargetSpec> specs, Set<String> kinds, SshOptions ssh, PrintStream out) {
        print(specs, kinds, ssh, ProbeSettings.DEFAULT, out);
    }

    static void print(List<TargetSpec> specs, Set<String> kinds, SshOptions ssh, ProbeSettings probes, PrintStream out) {
        print(specs, kinds, ssh, probes, MastodonDbSettings.NONE, out);
    }

    static void print(List<TargetSpec> specs, Set<String> kinds, SshOptions ssh, ProbeSettings probes, MastodonDbSettings db,
                      PrintStream out) {
        out.println(AuditTexts.get("dryrun.header"));
        for (TargetSpec spec : specs) {
            out.println(AuditTexts.get("dryrun.target", spec.text()));
            printTarget(spec, kinds, ssh, probes, db, out);
        }
        out.flush();
    }

    /** As {@link #print}, for a fleet: each target with its own kinds and SSH settings (sudo, key). */
    static void printFleet(List<FleetTarget> fleet, Set<String> kinds, Function<FleetTarget, SshOptions> ssh,
                           ProbeSettings probes, MastodonDbSettings db, PrintStream out) {
        out.println(AuditTexts.get("dryrun.header"));
        for (FleetTarget t : fleet) {
            out.println(AuditTexts.get("dryrun.target", t.spec().text())
                    + (t.name().equals(t.spec().text()) ? "" : " (" + t.name() + ", " + t.source() + ")"));
            printTarget(t.spec(), t.kinds().isEmpty() ? kinds : t.kinds(), ssh.apply(t), probes, db, out);
        }
        out.flush();
    }

    private static void printTarget(TargetSpec spec, Set<String> kinds, SshOptions ssh, ProbeSettings probes,
                                    MastodonDbSettings db, PrintStream out) {
        Optional<SshPlan> plan = Optional.empty();
        if (spec.type() == TargetSpec.Type.SSH) {
            try {
                plan = Optional.of(SshPlan.of(TargetOpener.destination(spec), ssh));
                plan.get().describe().forEach(l -> out.println("  # " + l));
            } catch (SshConnectException e) {
                out.println("  # " + e.getMessage());
            }
        }
        Set<String> effective = probes.only() ? Set.of() : kinds.isEmpty() ? new LinkedHashSet<>(KindDetector.KINDS) : withHost(kinds);
        if (kinds.isEmpty() && !probes.only()) {
            out.println("  # " + AuditTexts.get("dryrun.detect-first"));
            for (PlannedAccess a : KindDetector.plan()) {
                line(out, a, AuditTexts.get("dryrun.detect"), plan);
            }
        }
        for (Collector c : CollectorRegistry.forKinds(effective)) {
            for (PlannedAccess a : c.plan()) {
                line(out, a, c.id(), plan);
            }
        }
        boolean network = spec.type() == TargetSpec.Type.SSH || spec.type() == TargetSpec.Type.LOCAL;
        if (effective.contains("bbb") && network && probes.enabled()) {
            for (PlannedAccess a : BbbCollector.apiPlan()) {
                line(out, a, "bbb", Optional.empty());
            }
        }
        if (effective.contains("mastodon")) {
            if (kinds.isEmpty()) {
                out.println("  # " + AuditTexts.get("dryrun.mastodon-live"));
            }
            for (PlannedAccess a : MastodonLivePhase.plan(network, spec.type() == TargetSpec.Type.LOCAL, probes, db)) {
                line(out, a, "mastodon", Optional.empty());
            }
        }
        if (spec.type() != TargetSpec.Type.DIR) {
            for (PlannedAccess a : ProbePhase.plan(probes)) {
                line(out, a, "probe", Optional.empty());
            }
        }
    }

    /**
     * The offline collection script for these kinds (all when empty): every plan entry of the
     * detection and of the collectors, as {@code scripts/collect.sh} (see docs/bundles.md).
     */
    static String script(Set<String> kinds) {
        Set<String> effective = kinds.isEmpty() ? new LinkedHashSet<>(KindDetector.KINDS) : withHost(kinds);
        List<CollectScript.Step> steps = new ArrayList<>();
        KindDetector.plan().forEach(a -> steps.add(new CollectScript.Step("detect", a)));
        for (Collector c : CollectorRegistry.forKinds(effective)) {
            c.plan().forEach(a -> steps.add(new CollectScript.Step(c.id(), a)));
        }
        return CollectScript.generate(steps);
    }

    private static Set<String> withHost(Set<String> kinds) {
        Set<String> s = new LinkedHashSet<>(kinds);
        s.add("host");
        return s;
    }

    private static void line(PrintStream out, PlannedAccess a, String who, Optional<SshPlan> ssh) {
        String what = a.type() == PlannedAccess.Type.RUN && ssh.isPresent() ? ssh.get().commandLine(a.what()) : a.what();
        out.printf("  %-4s %-60s # %s: %s%n", a.type().name().toLowerCase(Locale.ROOT), what, who, PlanTexts.purpose(a.purpose()));
    }
}
