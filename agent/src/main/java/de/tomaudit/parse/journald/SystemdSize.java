package de.tomaudit.parse.journald;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A systemd byte size: a number with an optional K, M, G, T, P or E suffix (powers of 1024). */
public final class SystemdSize {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMGTPE]?)B?");

    private SystemdSize() { }

    public static Optional<Long> bytes(String text) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        int power = "KMGTPE".indexOf(m.group(2)) + 1;
        BigDecimal value = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1024).pow(m.group(2).isEmpty() ? 0 : power));
        if (value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return Optional.empty();
        }
        return Optional.of(value.longValue());
    }
}
