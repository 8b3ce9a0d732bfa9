package de.tomaudit.parse.sshd;

import java.util.List;
import java.util.stream.Collectors;

/** A {@code Match} line and where it is; the directives it governs point back to it. */
public record MatchBlock(List<MatchCriterion> criteria, String file, int line) {

    public MatchBlock {
        criteria = List.copyOf(criteria);
    }

    public boolean isAll() {
        return criteria.size() == 1 && criteria.get(0).isAll();
    }

    public String source() {
        return file + ":" + line;
    }

    /** The condition as sshd_config spells it, e.g. {@code User alice Address 127.0.0.0/8}. */
    public String condition() {
        return criteria.stream().map(c -> c.isAll() ? "all" : capitalised(c.attribute()) + " " + c.patterns())
                .collect(Collectors.joining(" "));
    }

    private static String capitalised(String attribute) {
        return switch (attribute) {
            case "localaddress" -> "LocalAddress";
            case "localport" -> "LocalPort";
            case "rdomain" -> "RDomain";
            default -> Character.toUpperCase(attribute.charAt(0)) + attribute.substring(1);
        };
    }
}
