package de.tomaudit.rules;

import de.tomaudit.i18n.AuditTexts;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.jexl3.JexlContext;
import org.apache.commons.jexl3.JexlScript;

/**
 * The {@code t:} functions of rule conditions (see docs/rule-format.md). One instance per
 * evaluation, holding the evaluation's context so lambdas can read facts.
 */
public final class ConditionFunctions {
    private static final Pattern SHORT_DURATION = Pattern.compile("(?i)\\s*(\\d+)\\s*(s|sec|m|min|h|d|w|mo|month|y|year)s?\\s*");
    private final JexlContext context;

    public ConditionFunctions(JexlContext context) {
        this.context = context;
    }

    public boolean all(Object items, JexlScript predicate) {
        for (Object item : items(items)) {
            if (!test(predicate, item)) {
                return false;
            }
        }
        return true;
    }

    public boolean any(Object items, JexlScript predicate) {
        for (Object item : items(items)) {
            if (test(predicate, item)) {
                return true;
            }
        }
        return false;
    }

    public boolean none(Object items, JexlScript predicate) {
        return !any(items, predicate);
    }

    public long count(Object items, JexlScript predicate) {
        long n = 0;
        for (Object item : items(items)) {
            if (test(predicate, item)) {
                n++;
            }
        }
        return n;
    }

    public List<Object> filter(Object items, JexlScript predicate) {
        List<Object> out = new ArrayList<>();
        for (Object item : items(items)) {
            if (test(predicate, item)) {
                out.add(item);
            }
        }
        return out;
    }

    /** Each item through the function (for why-lines: {@code t:map(list, a -> a.host)}); the result is distinct. */
    public List<Object> map(Object items, JexlScript function) {
        List<Object> out = new ArrayList<>();
        for (Object item : items(items)) {
            Object v = function.execute(context, item);
            if (!out.contains(v)) {
                out.add(v);
            }
        }
        return out;
    }

    /**
     * The items' display texts joined by {@code separator} (for why-lines whose items contain
     * commas: {@code t:join(t:map(list, l -> l.path + ': ' + l.reason), '; ')}).
     */
    public String join(Object items, Object separator) {
        List<String> out = new ArrayList<>();
        for (Object item : items(items)) {
            out.add(WhyTemplate.display(item));
        }
        return String.join(String.valueOf(separator), out);
    }

    public String lower(Object s) {
        return s == null ? "" : String.valueOf(s).toLowerCase(Locale.ROOT);
    }

    public boolean contains(Object haystack, Object needle) {
        if (haystack instanceof Collection<?> c) {
            return c.contains(needle) || (needle instanceof Number n && c.contains(n.longValue()));
        }
        if (haystack instanceof Map<?, ?> m) {
            return m.containsKey(String.valueOf(needle));
        }
        return haystack != null && needle != null && String.valueOf(haystack).contains(String.valueOf(needle));
    }

    /**
     * A duration in (fractional) days: a number is seconds; ISO-8601 ({@code P7D}, {@code PT12H});
     * or a short form ({@code 7d}, {@code 2w}, {@code 1y}, {@code 12h}, {@code 1month}).
     */
    public double days(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue() / 86_400d;
        }
        String s = String.valueOf(value).trim();
        if (s.matches("\\d+")) {
            return new java.math.BigDecimal(s).doubleValue() / 86_400d;
        }
        if (s.toUpperCase(Locale.ROOT).startsWith("P")) {
            try {
                return Duration.parse(s.toUpperCase(Locale.ROOT)).toSeconds() / 86_400d;
            } catch (DateTimeParseException e) {
                String upper = s.toUpperCase(Locale.ROOT);
                java.time.Period p;
                try {
                    p = java.time.Period.parse(upper);
                } catch (DateTimeParseException e2) {
                    throw new IllegalArgumentException(AuditTexts.get("rule.condition.duration-range"));
                }
                return p.getYears() * 365d + p.getMonths() * 30d + p.getDays();
            }
        }
        Matcher m = SHORT_DURATION.matcher(s);
        if (m.matches()) {
            double n = new java.math.BigDecimal(m.group(1)).doubleValue();
            return switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "s", "sec" -> n / 86_400d;
                case "m", "min" -> n / 1_440d;
                case "h" -> n / 24d;
                case "d" -> n;
                case "w" -> n * 7;
                case "mo", "month" -> n * 30;
                default -> n * 365;
            };
        }
        throw new IllegalArgumentException(AuditTexts.get("rule.condition.duration", String.valueOf(s.length())));
    }

    private boolean test(JexlScript predicate, Object item) {
        Object r = predicate.execute(context, item);
        if (r instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException(AuditTexts.get("rule.condition.lambda", String.valueOf(r)));
    }

    private static Iterable<?> items(Object items) {
        if (items == null) {
            return List.of();
        }
        if (items instanceof Collection<?> c) {
            return c;
        }
        if (items instanceof Map<?, ?> m) {
            return m.values();
        }
        if (items instanceof Object[] a) {
            return java.util.Arrays.asList(a); // a list literal: t:filter(['a', x ? 'b' : ''], v -> v != '')
        }
        throw new IllegalArgumentException(AuditTexts.get("rule.condition.list", String.valueOf(items)));
    }
}
