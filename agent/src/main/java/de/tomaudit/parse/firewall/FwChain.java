package de.tomaudit.parse.firewall;

import java.util.List;
import java.util.Optional;

/**
 * A chain of a packet filter: nft family ({@code inet}, {@code ip}, {@code ip6}; iptables gives
 * {@code ip}/{@code ip6}), table, name, the hook of a base chain ({@code input}, {@code forward},
 * …) and its policy ({@code accept}/{@code drop}), its rules, and where it starts.
 */
public record FwChain(String family, String table, String name, Optional<String> hook, Optional<String> type,
                      Optional<String> policy, List<FwRule> rules, String origin) {

    public FwChain {
        rules = List.copyOf(rules);
    }

    /** A filter base chain on the input hook. */
    public boolean isInputFilter() {
        return hook.filter("input"::equals).isPresent() && type.orElse("filter").equals("filter");
    }
}
