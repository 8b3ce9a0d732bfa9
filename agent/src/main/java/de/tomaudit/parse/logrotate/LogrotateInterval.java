package de.tomaudit.parse.logrotate;

import java.util.Optional;

/**
 * When logrotate rotates a log. {@link #SIZE} is logrotate's built-in default (1 MB) and any
 * {@code size} directive: rotation then depends on traffic, not on time. {@code hourly} counts as
 * one day, because logrotate runs once a day (Debian's timer and cron job) unless reconfigured.
 */
public enum LogrotateInterval {
    HOURLY(1), DAILY(1), WEEKLY(7), MONTHLY(31), YEARLY(366), SIZE(0);

    private final long days;

    LogrotateInterval(long days) {
        this.days = days;
    }

    /** The longest time between two rotations, in days; empty when rotation is not time-based. */
    public Optional<Long> days() {
        return this == SIZE ? Optional.empty() : Optional.of(days);
    }

    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
