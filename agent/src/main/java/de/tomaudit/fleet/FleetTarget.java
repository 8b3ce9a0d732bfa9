package de.tomaudit.fleet;

import de.tomaudit.audit.TargetSpec;
import de.tomaudit.target.Target;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One target of a fleet: where it is and how to audit it, as an inventory (or the command line)
 * names it.
 *
 * @param name      the name in reports and waivers (the inventory's name for it)
 * @param spec      how to reach it ({@code ssh://user@host:port}, {@code local}, {@code dir:}, {@code bundle:})
 * @param kinds     products to audit instead of detecting them; empty: detect (or {@code --kind})
 * @param sudo      use {@code sudo -n} on this target; empty: as {@code --sudo} says
 * @param identity  private key file for SSH; empty: {@code --identity}, the agent or ~/.ssh
 * @param tags      free labels (for Ansible inventories: the groups the host is in)
 * @param variables other values the inventory gives the target, as text
 * @param source    where it was defined ({@code file:line}, or {@code command line})
 */
public record FleetTarget(String name, TargetSpec spec, Set<String> kinds, Optional<Boolean> sudo,
                          Optional<String> identity, List<String> tags, Map<String, String> variables, String source) {
    /** The {@code source} of a target named on the command line. */
    public static final String COMMAND_LINE = "command line";

    public FleetTarget {
        kinds = Set.copyOf(kinds);
        tags = List.copyOf(tags);
        variables = Map.copyOf(variables);
    }

    /** {@code ~/x} as a path in the user's home directory; anything else as it is. */
    static String expandHome(String path) {
        return path.startsWith("~/") ? System.getProperty("user.home") + path.substring(1) : path;
    }

    /** A target named on the command line: no per-target settings. */
    public static FleetTarget of(TargetSpec spec) {
        return new FleetTarget(spec.text(), spec, Set.of(), Optional.empty(), Optional.empty(), List.of(), Map.of(), COMMAND_LINE);
    }

    /** Whether an inventory named it (else the command line did). */
    public boolean fromInventory() {
        return !source.equals(COMMAND_LINE);
    }

    /**
     * The name its result is reported under once it is open: the inventory's name for it; for a
     * target named on the command line, what the target calls itself (the host name of
     * {@code local}, the host of an SSH address, the directory of {@code dir:}, the host a bundle
     * was collected on).
     */
    public String reportName(Target opened) {
        return fromInventory() ? name : opened.name();
    }
}
