package de.tomaudit.collect.prosody;

import de.tomaudit.facts.Retention;
import java.time.Duration;

/**
 * An expiry as Prosody reads it from an option: after a number of seconds, never, or a value the
 * module cannot read (it then logs an error and does not expire anything, or fails to load).
 */
public record Expiry(Kind kind, long seconds, String note) {

    public enum Kind { AFTER, NEVER, INVALID }

    public static Expiry after(long seconds) {
        return new Expiry(Kind.AFTER, seconds, "");
    }

    public static Expiry never(String note) {
        return new Expiry(Kind.NEVER, -1, note);
    }

    public static Expiry invalid(String note) {
        return new Expiry(Kind.INVALID, -1, note);
    }

    /** Seconds, or -1 for never and invalid: the value rules compare. */
    public long factSeconds() {
        return kind == Kind.AFTER ? seconds : -1;
    }

    /** As {@link #display()} for evidence, in the audit's language (the fact keeps {@link #display()}). */
    public String shown() {
        return switch (kind) {
            case AFTER -> Retention.isoDuration(Duration.ofSeconds(seconds));
            case NEVER -> de.tomaudit.i18n.AuditTexts.get("evidence.prosody.expiry.never");
            case INVALID -> de.tomaudit.i18n.AuditTexts.get("evidence.prosody.expiry.invalid", note);
        };
    }

    /** ISO-8601 ({@code P7D}), {@code never}, or {@code invalid: …}. */
    public String display() {
        return switch (kind) {
            case AFTER -> Retention.isoDuration(Duration.ofSeconds(seconds));
            case NEVER -> "never";
            case INVALID -> "invalid: " + note;
        };
    }
}
