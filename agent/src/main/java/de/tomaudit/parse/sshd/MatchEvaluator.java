package de.tomaudit.parse.sshd;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Decides whether a Match block applies to a connection, criterion by criterion (all must hold). */
public final class MatchEvaluator {

    private MatchEvaluator() { }

    /** Whether every block of a chain matches (the chain of a {@link Directive}). */
    public static boolean matchesAll(List<MatchBlock> chain, MatchContext ctx) {
        for (MatchBlock b : chain) {
            if (!matches(b, ctx)) {
                return false;
            }
        }
        return true;
    }

    public static boolean matches(MatchBlock block, MatchContext ctx) {
        if (block.criteria().isEmpty()) {
            return false;
        }
        // the first criterion that fails decides: no side effects to keep, and a flood of blocks
        // that differ in their first criterion costs one comparison each
        for (MatchCriterion c : block.criteria()) {
            if (!matches(c, ctx)) {
                return false;
            }
        }
        return true;
    }

    static boolean matches(MatchCriterion c, MatchContext ctx) {
        String p = c.patterns();
        return switch (c.attribute()) {
            case "all" -> true;
            case "user" -> ctx.user().map(u -> SshPatterns.matchList(u, p, false) == SshPatterns.ListMatch.MATCHED)
                    .orElse(false);
            case "group" -> ctx.user().isPresent() && groupMatches(ctx, p);
            case "host" -> ctx.host().map(h -> SshPatterns.matchList(h.toLowerCase(Locale.ROOT), p, true)
                    == SshPatterns.ListMatch.MATCHED).orElse(false);
            case "address" -> addressMatches(ctx.address(), p);
            case "localaddress" -> addressMatches(ctx.localAddress(), p);
            case "localport" -> ctx.localPort().isPresent() && String.valueOf(ctx.localPort().getAsInt()).equals(p);
            case "rdomain" -> ctx.rdomain().map(r -> SshPatterns.matchList(r, p, false) == SshPatterns.ListMatch.MATCHED)
                    .orElse(false);
            default -> false;
        };
    }

    private static boolean groupMatches(MatchContext ctx, String patterns) {
        boolean found = false;
        for (String g : ctx.groups()) {
            SshPatterns.ListMatch m = SshPatterns.matchList(g, patterns, false);
            if (m == SshPatterns.ListMatch.NEGATED) {
                return false;
            }
            if (m == SshPatterns.ListMatch.MATCHED) {
                found = true;
            }
        }
        return found;
    }

    private static boolean addressMatches(Optional<String> address, String patterns) {
        if (address.isEmpty()) {
            return false;
        }
        try {
            return AddressPatterns.matchList(address.get(), patterns) == SshPatterns.ListMatch.MATCHED;
        } catch (AddressPatterns.InvalidPatternException e) {
            return false;
        }
    }
}
