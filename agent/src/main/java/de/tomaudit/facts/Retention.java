package de.tomaudit.facts;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A retention period the audit read: configured, or the product's default, with its source.
 * An empty period means "kept forever". Where the audit looked at the data, {@link Verified}
 * holds the age of the oldest item. Feeds the TOM annex's Löschfristen table.
 */
public record Retention(String subject, Optional<String> period, String source, boolean isDefault,
                        Optional<Verified> verified) {

    public record Verified(String oldest, String source, boolean holds) { }

    public Retention {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(verified, "verified");
    }

    public static Retention of(String subject, Duration period, String source, boolean isDefault) {
        return new Retention(subject, Optional.of(isoDuration(period)), source, isDefault, Optional.empty());
    }

    public static Retention forever(String subject, String source, boolean isDefault) {
        return new Retention(subject, Optional.empty(), source, isDefault, Optional.empty());
    }

    public Retention withVerified(Verified v) {
        return new Retention(subject, period, source, isDefault, Optional.of(v));
    }

    /**
     * A configured number of days as a duration that cannot overflow: counts beyond 1000 years
     * (absurd for any retention) are held at 1000 years instead of ending the run with an
     * ArithmeticException ({@code Duration.ofDays} of a huge count).
     */
    public static Duration days(long days) {
        return Duration.ofDays(Math.max(0, Math.min(days, MAX_DAYS)));
    }

    /** 1000 years. */
    public static final long MAX_DAYS = 365_000;

    /** ISO-8601 with whole days as {@code P14D}, else the exact {@code PT…} form. */
    public static String isoDuration(Duration d) {
        if (!d.isNegative() && d.toSeconds() % 86_400 == 0 && d.getNano() == 0) {
            return "P" + d.toDays() + "D";
        }
        return d.toString();
    }
}
