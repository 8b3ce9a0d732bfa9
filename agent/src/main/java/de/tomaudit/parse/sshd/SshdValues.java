package de.tomaudit.parse.sshd;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The values sshd itself refuses at start ({@code sshd -t}): numbers that are not numbers or do
 * not fit (servconf.c reads them with a_to integer and range checks), time specs that are no time
 * spec, MaxStartups that is not {@code n} or {@code n:n:n}. The problem names the kind, never the
 * value (it may be anything a file holds).
 */
final class SshdValues {
    private static final Pattern TIME = Pattern.compile("(?i)[0-9]{1,9}([smhdw][0-9]{1,9})*[smhdw]?");
    private static final Pattern STARTUPS = Pattern.compile("[0-9]{1,9}(:[0-9]{1,9}:[0-9]{1,9})?");
    /** Keyword to the largest value sshd accepts (an int; ports 65535). */
    private static final Map<String, Long> INTEGERS = Map.of(
            "port", 65_535L, "maxauthtries", (long) Integer.MAX_VALUE, "maxsessions", (long) Integer.MAX_VALUE,
            "clientalivecountmax", (long) Integer.MAX_VALUE);
    private static final List<String> TIMES = List.of("logingracetime", "clientaliveinterval");

    private SshdValues() { }

    static Optional<String> problem(String keyword, List<String> args) {
        String v = args.get(0);
        Long max = INTEGERS.get(keyword);
        if (max != null) {
            if (!v.matches("[0-9]{1,10}")) {
                return Optional.of("value is not a whole number");
            }
            long n = Long.parseLong(v);
            if (n > max || keyword.equals("port") && n == 0) {
                return Optional.of("value out of range");
            }
        }
        if (TIMES.contains(keyword)) {
            if (!TIME.matcher(v).matches()) {
                return Optional.of("value is not a time (e.g. 30, 2m, 1h30m)");
            }
            if (!SshdConfigResolver.seconds(v).matches("[0-9]{1,10}") || Long.parseLong(SshdConfigResolver.seconds(v)) > Integer.MAX_VALUE) {
                return Optional.of("value out of range");
            }
        }
        if (keyword.equals("maxstartups") && !STARTUPS.matcher(v).matches()) {
            return Optional.of("value is not a number or start:rate:full");
        }
        return Optional.empty();
    }
}
