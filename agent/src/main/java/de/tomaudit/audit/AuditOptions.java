package de.tomaudit.audit;

import de.tomaudit.probe.ProbeSettings;
import de.tomaudit.rules.Rule;
import de.tomaudit.target.Limits;
import de.tomaudit.waiver.Waiver;
import java.util.List;
import java.util.Set;

/** Everything an audit run needs besides its targets, bound once from the command line. */
public record AuditOptions(Set<String> kinds, List<Rule> rules, List<Waiver> waivers, String lang,
                           int parallel, Limits limits, ProbeSettings probes) {

    public AuditOptions {
        kinds = Set.copyOf(kinds);
        rules = List.copyOf(rules);
        waivers = List.copyOf(waivers);
        java.util.Objects.requireNonNull(probes, "probes");
    }

    /** With the default probe settings. */
    public AuditOptions(Set<String> kinds, List<Rule> rules, List<Waiver> waivers, String lang, int parallel, Limits limits) {
        this(kinds, rules, waivers, lang, parallel, limits, ProbeSettings.DEFAULT);
    }
}
