package de.tomaudit.parse.sshd;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Invents a connection that a Match block (or chain of blocks) applies to, so its effect can be
 * shown with {@code sshd -T -C …}: the first positive user, host or address of each criterion, with
 * wildcards filled in. Empty when no such connection is found (only negations, say).
 */
public final class MatchContextSynthesizer {

    private MatchContextSynthesizer() { }

    public static Optional<MatchContext> satisfying(List<MatchBlock> chain) {
        MatchContext ctx = MatchContext.none();
        for (MatchBlock block : chain) {
            for (MatchCriterion c : block.criteria()) {
                Optional<MatchContext> next = apply(ctx, c);
                if (next.isEmpty()) {
                    return Optional.empty();
                }
                ctx = next.get();
            }
        }
        return MatchEvaluator.matchesAll(chain, ctx) ? Optional.of(ctx) : Optional.empty();
    }

    /** Whether {@code sshd -T -C} can show the context (sshd looks groups up itself). */
    public static boolean testable(List<MatchBlock> chain) {
        return chain.stream().flatMap(b -> b.criteria().stream())
                .noneMatch(c -> c.attribute().equals("group") || c.attribute().equals("rdomain"));
    }

    private static Optional<MatchContext> apply(MatchContext ctx, MatchCriterion c) {
        String p = c.patterns();
        return switch (c.attribute()) {
            case "all" -> Optional.of(ctx);
            case "user" -> firstPositive(p, "x").map(ctx::withUser);
            case "host" -> firstPositive(p, "x").map(h -> ctx.withHost(h.toLowerCase(Locale.ROOT)));
            case "group" -> firstPositive(p, "x").map(g -> ctx.withUser(ctx.user().orElse("root")).withGroups(Set.of(g)));
            case "address" -> address(p).map(ctx::withAddress);
            case "localaddress" -> address(p).map(ctx::withLocalAddress);
            case "localport" -> Optional.of(ctx.withLocalPort(Integer.parseInt(p)));
            default -> Optional.empty();
        };
    }

    /** Candidates tried per pattern list: each try matches the whole list, so the work is bounded. */
    static final int MAX_CANDIDATES = 32;

    private static Optional<String> firstPositive(String list, String fill) {
        int tries = 0;
        for (String entry : list.split(",")) {
            if (++tries > MAX_CANDIDATES) {
                break;
            }
            if (!entry.isEmpty() && !entry.startsWith("!")) {
                String s = entry.replace("*", fill).replace("?", fill);
                if (SshPatterns.matchList(s, list, false) == SshPatterns.ListMatch.MATCHED) {
                    return Optional.of(s);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> address(String list) {
        int tries = 0;
        for (String entry : list.split(",")) {
            if (++tries > MAX_CANDIDATES) {
                break;
            }
            if (entry.isEmpty() || entry.startsWith("!")) {
                continue;
            }
            int slash = entry.indexOf('/');
            String base = slash < 0 ? entry : entry.substring(0, slash);
            for (String candidate : candidates(base, slash >= 0)) {
                try {
                    if (AddressPatterns.matchList(candidate, list) == SshPatterns.ListMatch.MATCHED) {
                        return Optional.of(candidate);
                    }
                } catch (AddressPatterns.InvalidPatternException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static List<String> candidates(String base, boolean network) {
        if (SshPatterns.hasWildcard(base)) {
            return List.of(base.replace("*", "1").replace("?", "1"), base.replace("*", "0").replace("?", "0"));
        }
        if (network) {
            // an IPv4 network: try the address after the network's (10.0.0.0/16 -> 10.0.0.1) first;
            // read without a regex, this runs once for every Match block
            Optional<byte[]> v4 = AddressPatterns.literal(base).filter(b -> b.length == 4);
            if (v4.isPresent()) {
                byte[] o = v4.get();
                String next = (o[0] & 0xff) + "." + (o[1] & 0xff) + "." + (o[2] & 0xff) + "." + Math.min(255, (o[3] & 0xff) + 1);
                return List.of(next, base);
            }
        }
        return List.of(base);
    }
}
