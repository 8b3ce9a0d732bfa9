package de.tomaudit.parse.ejabberd;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An ejabberd release ({@code 23.01}, {@code 25.03}): year and month, compared in that order. */
public record EjabberdVersion(int year, int month) implements Comparable<EjabberdVersion> {
    /** Debian 12's package, assumed when the installed version cannot be found. */
    public static final EjabberdVersion DEBIAN_12 = new EjabberdVersion(23, 1);
    /** auth_stored_password_types appeared in 25.03. */
    public static final EjabberdVersion STORED_PASSWORD_TYPES = new EjabberdVersion(25, 3);
    /** mod_invites appeared in 26.01. */
    public static final EjabberdVersion INVITES = new EjabberdVersion(26, 1);

    private static final Pattern VERSION = Pattern.compile("(\\d{2})\\.(\\d{1,2})");

    /** The first {@code YY.MM} in a text such as {@code ejabberd-23.01-1} or {@code 23.01}. */
    public static Optional<EjabberdVersion> find(String text) {
        Matcher m = VERSION.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        int month = Integer.parseInt(m.group(2));
        return month < 1 || month > 12 ? Optional.empty()
                : Optional.of(new EjabberdVersion(Integer.parseInt(m.group(1)), month));
    }

    public boolean atLeast(EjabberdVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(EjabberdVersion o) {
        return year != o.year ? Integer.compare(year, o.year) : Integer.compare(month, o.month);
    }

    @Override
    public String toString() {
        return String.format("%02d.%02d", year, month);
    }
}
