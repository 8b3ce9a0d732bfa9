package de.tomaudit.report.tom;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * An ISO-8601 duration as a DPO writes it: {@code P7D} is "7 Tage" / "7 days", {@code PT12H}
 * "12 Stunden", {@code P1Y6M} "1 Jahr und 6 Monate"; whole weeks of days stay days (a privacy
 * notice says "30 Tage"), and {@code null} is "unbegrenzt" / "unlimited". A value that is no
 * ISO-8601 duration is shown as it is.
 */
final class PeriodWords {

    private PeriodWords() { }

    static String words(String iso, TomTexts t) {
        if (iso == null) {
            return t.get("period.forever");
        }
        String s = iso.strip();
        try {
            if (s.contains("T")) {
                return duration(Duration.parse(s), t);
            }
            return period(Period.parse(s), t);
        } catch (DateTimeParseException e) {
            return s;
        }
    }

    private static String period(Period p, TomTexts t) {
        if (p.isNegative()) {
            return p.toString();
        }
        List<String> parts = new ArrayList<>();
        add(parts, t, "period.years", p.getYears());
        add(parts, t, "period.months", p.getMonths());
        add(parts, t, "period.days", p.getDays());
        return join(parts, t);
    }

    private static String duration(Duration d, TomTexts t) {
        if (d.isNegative()) {
            return d.toString();
        }
        long seconds = d.getSeconds();
        List<String> parts = new ArrayList<>();
        add(parts, t, "period.days", seconds / 86_400);
        add(parts, t, "period.hours", seconds % 86_400 / 3600);
        add(parts, t, "period.minutes", seconds % 3600 / 60);
        add(parts, t, "period.seconds", seconds % 60);
        return join(parts, t);
    }

    private static void add(List<String> parts, TomTexts t, String key, long n) {
        if (n != 0) {
            parts.add(t.plural(key, n));
        }
    }

    private static String join(List<String> parts, TomTexts t) {
        if (parts.isEmpty()) {
            return t.get("period.zero");
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " " + t.get("period.and") + " " + parts.get(parts.size() - 1);
    }
}
