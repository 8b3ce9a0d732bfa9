package de.tomaudit.audit;

import de.tomaudit.mastodondb.MastodonDbSettings;
import de.tomaudit.policy.PolicyClaims;
import de.tomaudit.probe.ProbeSettings;
import de.tomaudit.rules.Rule;
import de.tomaudit.target.Limits;
import de.tomaudit.target.ssh.SshOptions;
import de.tomaudit.waiver.Waiver;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything an audit run needs besides its targets, bound once from the command line.
 *
 * @param ssh    how SSH targets are reached (keys, known_hosts, config, timeouts, sudo)
 * @param policy the privacy-notice claims of {@code --policy FILE}; when present, the policy.* rules
 *               are evaluated for every target
 * @param probes the network probes: extra endpoints, timeouts, concurrency, budget, or off
 * @param mastodonDb how the Mastodon database is reached for verification ({@code --mastodon-db},
 *               {@code --mastodon-db-user}, the password's source)
 */
public record AuditOptions(Set<String> kinds, List<Rule> rules, List<Waiver> waivers, String lang,
                           int parallel, Limits limits, SshOptions ssh, Optional<PolicyClaims> policy,
                           ProbeSettings probes, MastodonDbSettings mastodonDb) {

    public AuditOptions {
        kinds = Set.copyOf(kinds);
        rules = rules instanceof de.tomaudit.rules.PendingRules ? rules : List.copyOf(rules); // read while the audit begins
        waivers = List.copyOf(waivers);
        Objects.requireNonNull(ssh, "ssh");
        policy = policy == null ? Optional.empty() : policy;
        Objects.requireNonNull(probes, "probes");
        mastodonDb = mastodonDb == null ? MastodonDbSettings.NONE : mastodonDb;
    }

    /** Without Mastodon database access. */
    public AuditOptions(Set<String> kinds, List<Rule> rules, List<Waiver> waivers, String lang, int parallel, Limits limits,
                        SshOptions ssh, Optional<PolicyClaims> policy, ProbeSettings probes) {
        this(kinds, rules, waivers, lang, parallel, limits, ssh, policy, probes, MastodonDbSettings.NONE);
    }

    /** The same options with these products instead of detection (a fleet target's own kinds); nothing else changes. */
    public AuditOptions withKinds(Set<String> newKinds) {
        return new AuditOptions(newKinds, rules, waivers, lang, parallel, limits, ssh, policy, probes, mastodonDb);
    }

    /** With the default probe settings. */
    public AuditOptions(Set<String> kinds, List<Rule> rules, List<Waiver> waivers, String lang, int parallel, Limits limits,
                        SshOptions ssh, Optional<PolicyClaims> policy) {
        this(kinds, rules, waivers, lang, parallel, limits, ssh, policy, ProbeSettings.DEFAULT);
    }

    /** Without privacy-notice claims. */
    public AuditOptions(Set<String> kinds, List<Rule> rules, List<Waiver> waivers, String lang, int parallel, Limits limits,
                        SshOptions ssh) {
        this(kinds, rules, waivers, lang, parallel, limits, ssh, Optional.empty());
    }

    /** With SSH defaults from the environment and without privacy-notice claims. */
    public AuditOptions(Set<String> kinds, List<Rule> rules, List<Waiver> waivers, String lang, int parallel, Limits limits) {
        this(kinds, rules, waivers, lang, parallel, limits, SshOptions.defaults(), Optional.empty());
    }
}
