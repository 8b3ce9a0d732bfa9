package de.tomaudit.parse.sshd;

import java.util.List;

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
        StringBuilder b = new StringBuilder();
        for (MatchCriterion c : criteria) {
            if (!b.isEmpty()) {
                b.append(' ');
            }
            b.append(c.isAll() ? "all" : capitalised(c.attribute()) + " " + c.patterns());
        }
        return b.toString();
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
