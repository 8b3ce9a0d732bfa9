package de.tomaudit.audit;

import de.tomaudit.policy.PolicyClaims;
import de.tomaudit.rules.Rule;
import de.tomaudit.target.Limits;
import de.tomaudit.waiver.Waiver;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything an audit run needs besides its targets, bound once from the command line.
 * {@code policy}: the privacy-notice claims of {@code --policy FILE}; when present, the policy.*
 * rules are evaluated for every target.
 */
public record AuditOptions(Set<String> kinds, List<Rule> rules, List<Waiver> waivers, String lang,
                           int parallel, Limits limits, Optional<PolicyClaims> policy) {

    public AuditOptions {
        kinds = Set.copyOf(kinds);
        rules = List.copyOf(rules);
        waivers = List.copyOf(waivers);
        policy = policy == null ? Optional.empty() : policy;
    }

    /** Options without privacy-notice claims. */
    public AuditOptions(Set<String> kinds, List<Rule> rules, List<Waiver> waivers, String lang, int parallel, Limits limits) {
        this(kinds, rules, waivers, lang, parallel, limits, Optional.empty());
    }
}
