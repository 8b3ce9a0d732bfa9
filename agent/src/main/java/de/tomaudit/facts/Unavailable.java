package de.tomaudit.facts;

import java.util.Objects;

/**
 * A fact (or every fact under a key prefix) that could not be collected, and why.
 * {@link Kind#NOT_APPLICABLE}: there is nothing to know (Redis not installed, commands
 * cannot run on a {@code dir:} target). {@link Kind#ERROR}: it should have been known
 * but reading failed (permission denied, parse error, timeout); a rule that needs it
 * reports {@code error}, never {@code pass}.
 */
public record Unavailable(String key, Kind kind, String stage, String reason) {

    public enum Kind { NOT_APPLICABLE, ERROR }

    public Unavailable {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        stage = stage == null ? "collect" : stage;
        reason = reason == null ? "" : reason;
    }

    public static Unavailable notApplicable(String key, String reason) {
        return new Unavailable(key, Kind.NOT_APPLICABLE, "collect", reason);
    }

    public static Unavailable error(String key, String stage, String reason) {
        return new Unavailable(key, Kind.ERROR, stage, reason);
    }

    /** True when this entry covers the key: the same key, or a prefix of it at a dot. */
    public boolean covers(String factKey) {
        return factKey.equals(key) || factKey.startsWith(key + ".");
    }
}
