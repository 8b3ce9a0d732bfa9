package de.tomaudit.collect.prosody;

import de.tomaudit.i18n.AuditTexts;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How Prosody turns an expiry option into seconds, per release line.
 *
 * <p>0.12 (mod_mam, mod_muc_mam): the option is read as a string; "never" disables expiry;
 * otherwise the first run of digits, optional spaces, and one optional letter d/w/m/y
 * (day, week, 31-day month, 365.2425-day year) — any other unit, or none, means seconds
 * ({@code "12h"} is 12 seconds, {@code 604800} is a week). No digits: the module logs an error
 * and does not load. mod_http_file_share in 0.12 reads a plain number of seconds; negative
 * disables expiry; anything else makes the module fail.
 *
 * <p>13.0 ({@code module:get_option_period}): a number is seconds, "never" or {@code false} is
 * never; a string is read strictly as digits and a unit s, min, h/ho(ur), d, w, mon(th), y(ear)
 * ({@code "2 weeks"}, {@code "1 month"}); failing that, laxly, where a bare {@code m} is a month and
 * no unit means seconds (Prosody logs the value as ambiguous but uses it).
 */
public final class ProsodyPeriods {
    private static final long DAY = 86_400;
    private static final Pattern V012 = Pattern.compile("(\\d+)\\s*([dwmy]?)");
    private static final Pattern V13_STRICT = Pattern.compile("(\\d+)\\s*([smhdwy]?[io]?n?)");
    private static final Pattern V13_LAX = Pattern.compile("(\\d+)\\s*([smhdwy]?[io]?)");
    private static final Map<String, Long> UNITS_012 = Map.of("d", DAY, "w", 7 * DAY, "m", 31 * DAY,
            "y", (long) (365.2425 * DAY));
    private static final Map<String, Long> UNITS_13 = Map.of("d", DAY, "w", 7 * DAY, "mon", 31 * DAY,
            "y", (long) (365.2425 * DAY), "s", 1L, "min", 60L, "h", 3600L, "ho", 3600L);
    private static final Map<String, Long> UNITS_13_LAX = Map.of("d", DAY, "w", 7 * DAY, "mon", 31 * DAY,
            "y", (long) (365.2425 * DAY), "s", 1L, "min", 60L, "h", 3600L, "ho", 3600L, "m", 31 * DAY,
            "mo", 31 * DAY);

    private ProsodyPeriods() { }

    /** An archive expiry (archive_expires_after, muc_log_expires_after) for the release line. */
    public static Expiry archive(Object value, ProsodyVersion version) {
        return version == ProsodyVersion.V13 ? period13(value) : archive012(value);
    }

    /** http_file_share_expires_after for the release line. */
    public static Expiry fileShare(Object value, ProsodyVersion version) {
        if (version == ProsodyVersion.V13) {
            Expiry e = period13(value);
            return e.kind() == Expiry.Kind.AFTER && e.seconds() < 0 ? Expiry.never(AuditTexts.get("parse.prosody.period.negative")) : e;
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return d < 0 ? Expiry.never(AuditTexts.get("parse.prosody.period.negative")) : Expiry.after((long) d);
        }
        if (value instanceof String s) {
            try {
                double d = Double.parseDouble(s.strip());
                return d < 0 ? Expiry.never(AuditTexts.get("parse.prosody.period.negative")) : Expiry.after((long) d);
            } catch (NumberFormatException e) {
                return Expiry.invalid(AuditTexts.get("parse.prosody.period.not-seconds-value", s));
            }
        }
        return Expiry.invalid(AuditTexts.get("parse.prosody.period.not-seconds"));
    }

    static Expiry archive012(Object value) {
        String s = scalarText(value);
        if (s == null) {
            return Expiry.invalid(AuditTexts.get("parse.prosody.period.type"));
        }
        if (s.equals("never")) {
            return Expiry.never("\"never\"");
        }
        Matcher m = V012.matcher(s.toLowerCase(Locale.ROOT));
        if (!m.find()) {
            return Expiry.invalid(AuditTexts.get("parse.prosody.period.no-number"));
        }
        long n = parse(m.group(1));
        return Expiry.after(saturate(n, UNITS_012.getOrDefault(m.group(2), 1L)));
    }

    static Expiry period13(Object value) {
        if (value instanceof Boolean b && !b) {
            return Expiry.never("false");
        }
        if (value instanceof Number n) {
            return Expiry.after(n.longValue());
        }
        if (!(value instanceof String s)) {
            return Expiry.invalid("not a period");
        }
        if (s.equals("never")) {
            return Expiry.never("\"never\"");
        }
        String lower = s.toLowerCase(Locale.ROOT);
        Matcher strict = V13_STRICT.matcher(lower);
        if (strict.find() && UNITS_13.containsKey(strict.group(2))) {
            return Expiry.after(saturate(parse(strict.group(1)), UNITS_13.get(strict.group(2))));
        }
        Matcher lax = V13_LAX.matcher(lower);
        if (lax.find()) {
            return Expiry.after(saturate(parse(lax.group(1)), UNITS_13_LAX.getOrDefault(lax.group(2), 1L)));
        }
        // the kind, not the text: a value in a config may be anything
        return Expiry.invalid(AuditTexts.get("parse.prosody.period.invalid"));
    }

    private static String scalarText(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Long l) {
            return String.valueOf(l);
        }
        if (value instanceof Double d) {
            return d == Math.rint(d) ? String.valueOf(d.longValue()) : String.valueOf(d);
        }
        return null;
    }

    private static long parse(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static long saturate(long n, long unit) {
        long r = n * unit;
        return unit != 0 && r / unit != n ? Long.MAX_VALUE : r;
    }
}
