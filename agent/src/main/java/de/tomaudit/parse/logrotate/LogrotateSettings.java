package de.tomaudit.parse.logrotate;

import de.tomaudit.i18n.AuditTexts;
import java.util.Optional;

/**
 * The settings in effect for one log definition after the global defaults it inherits, each
 * with its source ({@code file:line}, or {@code default: …} for logrotate's built-in value):
 * built-in defaults are {@code size 1M} (no time interval), {@code rotate 0} and no maxage.
 */
public record LogrotateSettings(LogrotateInterval interval, String intervalSource,
                                long rotate, String rotateSource,
                                Optional<Long> maxAgeDays, String maxAgeSource,
                                long minSizeBytes, String minSizeSource) {

    public static final LogrotateSettings BUILT_IN = new LogrotateSettings(
            LogrotateInterval.SIZE, "default: logrotate rotates by size (1M) when no interval is set",
            0, "default: logrotate rotate 0",
            Optional.empty(), "default: logrotate has no maxage",
            0, "default: logrotate has no minsize");

    public LogrotateSettings withInterval(LogrotateInterval i, String source) {
        return new LogrotateSettings(i, source, rotate, rotateSource, maxAgeDays, maxAgeSource, minSizeBytes, minSizeSource);
    }

    public LogrotateSettings withRotate(long n, String source) {
        return new LogrotateSettings(interval, intervalSource, n, source, maxAgeDays, maxAgeSource, minSizeBytes, minSizeSource);
    }

    public LogrotateSettings withMaxAge(Optional<Long> days, String source) {
        return new LogrotateSettings(interval, intervalSource, rotate, rotateSource, days, source, minSizeBytes, minSizeSource);
    }

    public LogrotateSettings withMinSize(long bytes, String source) {
        return new LogrotateSettings(interval, intervalSource, rotate, rotateSource, maxAgeDays, maxAgeSource, bytes, source);
    }

    /**
     * Whether old copies are deleted after a bounded time: rotation must be time-based (with
     * {@code size} or {@code minsize} a quiet log is not rotated, and maxage is only applied when a
     * log is rotated), and either a count ({@code rotate} ≥ 0) or a {@code maxage} must limit them.
     */
    public boolean bounded() {
        return interval.days().isPresent() && minSizeBytes == 0 && (rotate >= 0 || maxAgeDays.isPresent());
    }

    /**
     * How long rotated copies are kept, in days: rotate × interval, or maxage where that is
     * shorter (or where rotate is -1). Empty when not {@link #bounded()}.
     */
    public Optional<Long> retentionDays() {
        if (!bounded()) {
            return Optional.empty();
        }
        long interval = this.interval.days().orElseThrow();
        if (rotate < 0) {
            return maxAgeDays;
        }
        long byCount = rotate * interval;
        return Optional.of(maxAgeDays.map(m -> Math.min(m, byCount)).orElse(byCount));
    }

    /**
     * The age the oldest entry can reach, in days: the live file adds up to one interval before
     * it is rotated ((rotate + 1) × interval, or maxage + interval). Empty when not bounded.
     */
    public Optional<Long> maxEntryAgeDays() {
        if (!bounded()) {
            return Optional.empty();
        }
        long interval = this.interval.days().orElseThrow();
        Optional<Long> byAge = maxAgeDays.map(m -> m + interval);
        if (rotate < 0) {
            return byAge;
        }
        long byCount = (rotate + 1) * interval;
        return Optional.of(byAge.map(a -> Math.min(a, byCount)).orElse(byCount));
    }

    /** Why retention is not bounded, for reports; empty when it is. */
    public Optional<String> unboundedReason() {
        if (interval.days().isEmpty()) {
            return Optional.of(AuditTexts.get("evidence.host.logrotate.size-only", intervalSource));
        }
        if (minSizeBytes > 0) {
            return Optional.of(AuditTexts.get("evidence.host.logrotate.minsize", minSizeSource));
        }
        if (rotate < 0 && maxAgeDays.isEmpty()) {
            return Optional.of(AuditTexts.get("evidence.host.logrotate.rotate-all", rotateSource));
        }
        return Optional.empty();
    }
}
