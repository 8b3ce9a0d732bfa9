package de.tomaudit.audit;

import de.tomaudit.rules.Rule;
import de.tomaudit.target.Limits;
import de.tomaudit.waiver.Waiver;
import java.util.List;
import java.util.Set;

/** Everything an audit run needs besides its targets, bound once from the command line. */
public record AuditOptions(Set<String> kinds, List<Rule> rules, List<Waiver> waivers, String lang,
                           int parallel, Limits limits) {

    public AuditOptions {
        kinds = Set.copyOf(kinds);
        rules = List.copyOf(rules);
        waivers = List.copyOf(waivers);
    }
}
