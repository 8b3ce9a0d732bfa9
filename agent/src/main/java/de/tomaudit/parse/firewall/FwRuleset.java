package de.tomaudit.parse.firewall;

import java.util.List;
import java.util.Optional;

/** The chains of one ruleset (nft, or one iptables family) and the problems met reading it. */
public record FwRuleset(List<FwChain> chains, List<FwProblem> problems) {

    public FwRuleset {
        chains = List.copyOf(chains);
        problems = List.copyOf(problems);
    }

    public Optional<FwChain> chain(String family, String table, String name) {
        return chains.stream().filter(c -> c.family().equals(family) && c.table().equals(table) && c.name().equals(name))
                .findFirst();
    }

    public List<FwChain> inputFilters() {
        return chains.stream().filter(FwChain::isInputFilter).toList();
    }
}
