package de.tomaudit.audit;

import de.tomaudit.rules.Rule;
import de.tomaudit.target.Limits;
import de.tomaudit.target.ssh.SshOptions;
import de.tomaudit.waiver.Waiver;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything an audit run needs besides its targets, bound once from the command line.
 *
 * @param ssh how SSH targets are reached (keys, known_hosts, config, timeouts, sudo)
 */
public record AuditOptions(Set<String> kinds, List<Rule> rules, List<Waiver> waivers, String lang,
                           int parallel, Limits limits, SshOptions ssh) {

    public AuditOptions {
        kinds = Set.copyOf(kinds);
        rules = List.copyOf(rules);
        waivers = List.copyOf(waivers);
        Objects.requireNonNull(ssh, "ssh");
    }

    /** With SSH defaults from the environment. */
    public AuditOptions(Set<String> kinds, List<Rule> rules, List<Waiver> waivers, String lang, int parallel, Limits limits) {
        this(kinds, rules, waivers, lang, parallel, limits, SshOptions.defaults());
    }
}
