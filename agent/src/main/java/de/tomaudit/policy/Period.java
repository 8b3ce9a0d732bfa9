package de.tomaudit.policy;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A retention period as a privacy notice states it: "7 days", "7d", "2 weeks", "1 month" (30 days),
 * "1 year" (365.2425 days, the Gregorian mean year that Rails' {@code 1.year} and java.time use, so a
 * notice's "one year" equals Mastodon's default of 31556952 s), "12 months" (a whole number of years
 * when the months are a multiple of 12), "12 hours", ISO-8601 "P7D"/"PT12H", a bare number of days
 * ("0": deleted at once), or "forever". German unit words (Tage, Wochen, Monate, Jahre, Stunden) are understood too,
 * since most notices here are German.
 */
public record Period(long seconds) {
    public static final Period FOREVER = new Period(-1);
    /** One year: 365.2425 days (java.time's {@code ChronoUnit.YEARS}, Rails' {@code 1.year}). */
    public static final long YEAR_SECONDS = 31_556_952L;
    private static final long MONTH_SECONDS = 30L * 86_400;
    /** 1000 years: a longer period is absurd in a privacy notice, and sums of it cannot overflow. */
    public static final long MAX_SECONDS = 1000L * YEAR_SECONDS;
    private static final Pattern AMOUNT = Pattern.compile("(\\d+)\\s*([\\p{L}]*)");

    public boolean forever() {
        return seconds < 0;
    }

    /** Days, rounded up (a claim of 36 hours is kept up to 2 calendar days). */
    public long days() {
        return forever() ? -1 : (seconds + 86_399) / 86_400;
    }

    public static Optional<Period> parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        if (t.equals("forever") || t.equals("never") || t.equals("unlimited") || t.equals("unbegrenzt")
                || t.equals("dauerhaft")) {
            return Optional.of(FOREVER);
        }
        if (t.startsWith("p")) {
            return iso(t.toUpperCase(Locale.ROOT));
        }
        Matcher m = AMOUNT.matcher(t);
        if (!m.matches()) {
            return Optional.empty();
        }
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Long unit = unit(m.group(2));
        if (unit != null && unit == MONTH_SECONDS && n > 0 && n % 12 == 0) {
            n /= 12; // "12 months", "24 Monate": whole years
            unit = YEAR_SECONDS;
        }
        if (unit == null || n > MAX_SECONDS / unit) {
            return Optional.empty();
        }
        return Optional.of(new Period(n * unit));
    }

    private static Optional<Period> iso(String t) {
        try {
            return inRange(Duration.parse(t).toSeconds());
        } catch (DateTimeParseException e) {
            try {
                java.time.Period p = java.time.Period.parse(t);
                return inRange(p.getYears() * YEAR_SECONDS + (p.getMonths() * 30L + p.getDays()) * 86_400);
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }

    private static Optional<Period> inRange(long seconds) {
        return seconds < 0 || seconds > MAX_SECONDS ? Optional.empty() : Optional.of(new Period(seconds));
    }

    /** Whether the text has the shape of a period whose amount is beyond {@link #MAX_SECONDS}. */
    public static boolean outOfRange(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        Matcher m = AMOUNT.matcher(t);
        if (m.matches()) {
            if (unit(m.group(2)) == null) {
                return false;
            }
            try {
                return Long.parseLong(m.group(1)) > MAX_SECONDS / unit(m.group(2));
            } catch (NumberFormatException e) {
                return true;
            }
        }
        return t.startsWith("p") && t.matches("p[0-9ymwdthms.]+") && parse(t).isEmpty();
    }

    private static Long unit(String word) {
        return switch (word) {
            case "s", "sec", "second", "seconds", "sekunde", "sekunden" -> n(1);
            case "min", "minute", "minutes", "minuten" -> n(60);
            case "h", "hour", "hours", "stunde", "stunden" -> n(3600);
            case "", "d", "day", "days", "tag", "tage", "tagen" -> n(86_400);
            case "w", "week", "weeks", "woche", "wochen" -> n(7 * 86_400);
            case "m", "mo", "month", "months", "monat", "monate", "monaten" -> n(MONTH_SECONDS);
            case "y", "year", "years", "jahr", "jahre", "jahren" -> n(YEAR_SECONDS);
            default -> null;
        };
    }

    private static Long n(long v) {
        return v;
    }

    @Override
    public String toString() {
        return forever() ? "forever" : de.tomaudit.facts.Retention.isoDuration(Duration.ofSeconds(seconds));
    }
}
