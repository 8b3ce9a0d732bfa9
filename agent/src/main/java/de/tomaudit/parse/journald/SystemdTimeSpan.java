package de.tomaudit.parse.journald;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A systemd time span (systemd.time(7)): numbers with units, optionally several ({@code 1h 30min}),
 * a bare number being seconds. {@code m} is minutes and {@code M} months (30.44 days); a year is
 * 365.25 days.
 */
public final class SystemdTimeSpan {
    private static final Pattern PART = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*([A-Za-zµ]*)");
    private static final Map<String, Double> SECONDS = Map.ofEntries(
            Map.entry("usec", 1e-6), Map.entry("us", 1e-6), Map.entry("µs", 1e-6),
            Map.entry("msec", 1e-3), Map.entry("ms", 1e-3),
            Map.entry("seconds", 1d), Map.entry("second", 1d), Map.entry("sec", 1d), Map.entry("s", 1d), Map.entry("", 1d),
            Map.entry("minutes", 60d), Map.entry("minute", 60d), Map.entry("min", 60d), Map.entry("m", 60d),
            Map.entry("hours", 3600d), Map.entry("hour", 3600d), Map.entry("hr", 3600d), Map.entry("h", 3600d),
            Map.entry("days", 86_400d), Map.entry("day", 86_400d), Map.entry("d", 86_400d),
            Map.entry("weeks", 604_800d), Map.entry("week", 604_800d), Map.entry("w", 604_800d),
            Map.entry("months", 2_629_800d), Map.entry("month", 2_629_800d), Map.entry("M", 2_629_800d),
            Map.entry("years", 31_557_600d), Map.entry("year", 31_557_600d), Map.entry("y", 31_557_600d));

    private SystemdTimeSpan() { }

    /** Whole seconds, or empty when the text is not a time span. */
    public static Optional<Long> seconds(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = PART.matcher(s);
        double total = 0;
        int pos = 0;
        while (pos < s.length()) {
            if (!m.find(pos) || m.start() != pos || m.end() == pos) {
                return Optional.empty();
            }
            Double unit = SECONDS.get(m.group(2));
            if (unit == null) {
                return Optional.empty();
            }
            total += new BigDecimal(m.group(1)).doubleValue() * unit;
            pos = m.end();
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }
        if (total > Long.MAX_VALUE / 2d) {
            return Optional.empty();
        }
        return Optional.of((long) Math.floor(total));
    }
}
