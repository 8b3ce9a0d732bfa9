package de.tomaudit.collect;

import de.tomaudit.target.Command;

/**
 * One thing a collector may touch on a target: a file or glob it reads, a directory it lists
 * or stats, an allow-listed command, or a network endpoint a probe connects to. {@code --dry-run} prints these and touches nothing;
 * the offline collection script is checked against the same list.
 */
public record PlannedAccess(Type type, String what, String purpose) {

    /** REQUEST: an HTTP request over a CONNECT; QUERY: an SQL statement sent over a database CONNECT. */
    public enum Type { READ, LIST, STAT, RUN, CONNECT, REQUEST, QUERY }

    public static PlannedAccess read(String pathOrGlob, String purpose) {
        return new PlannedAccess(Type.READ, pathOrGlob, purpose);
    }

    public static PlannedAccess list(String dir, String purpose) {
        return new PlannedAccess(Type.LIST, dir, purpose);
    }

    public static PlannedAccess stat(String pathOrGlob, String purpose) {
        return new PlannedAccess(Type.STAT, pathOrGlob, purpose);
    }

    /** A network connection from the agent to the target's probe address ({@code 127.0.0.1:443}). */
    public static PlannedAccess connect(String endpoint, String purpose) {
        return new PlannedAccess(Type.CONNECT, endpoint, purpose);
    }

    /** An HTTP request ({@code GET https://social.example.org/api/v2/instance}) sent over a planned connection. */
    public static PlannedAccess request(String methodAndUrl, String purpose) {
        return new PlannedAccess(Type.REQUEST, methodAndUrl, purpose);
    }

    /** An SQL statement sent over a planned database connection, on one line. */
    public static PlannedAccess query(String sql, String purpose) {
        return new PlannedAccess(Type.QUERY, sql.strip().replaceAll("\\s+", " "), purpose);
    }

    public static PlannedAccess run(Command command) {
        return new PlannedAccess(Type.RUN, command.line(),
                de.tomaudit.target.CommandCatalog.spec(command.id()).purpose());
    }
}
