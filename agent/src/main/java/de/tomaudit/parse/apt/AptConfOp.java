package de.tomaudit.parse.apt;

import java.util.Objects;

/**
 * One statement of an apt.conf file, flattened to its full option name: a value set
 * ({@code APT::Periodic::Unattended-Upgrade "1";}), a list element added
 * ({@code "origin=Debian";} inside a scope, or a name ending in {@code ::}), or a
 * {@code #clear} of a subtree.
 *
 * @param name full option name as written (apt compares names case-insensitively)
 * @param value the quoted value; empty for {@link Kind#CLEAR}
 */
public record AptConfOp(Kind kind, String name, String value, String path, int line) {

    public enum Kind { SET, APPEND, CLEAR }

    public AptConfOp {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        value = value == null ? "" : value;
        Objects.requireNonNull(path, "path");
    }

    /** {@code path:line}, for evidence. */
    public String source() {
        return path + ":" + line;
    }
}
