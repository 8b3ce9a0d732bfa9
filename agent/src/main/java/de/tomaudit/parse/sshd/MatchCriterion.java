package de.tomaudit.parse.sshd;

/**
 * One criterion of a Match line: {@code User alice,bob}, {@code Address 10.0.0.0/8,!10.0.0.1},
 * or {@code all} (with an empty pattern list).
 *
 * @param attribute lower case: all, user, group, host, address, localaddress, localport, rdomain
 * @param patterns  the comma-separated pattern list as written
 */
public record MatchCriterion(String attribute, String patterns) {

    public boolean isAll() {
        return attribute.equals("all");
    }

    @Override
    public String toString() {
        return isAll() ? "all" : attribute + " " + patterns;
    }
}
