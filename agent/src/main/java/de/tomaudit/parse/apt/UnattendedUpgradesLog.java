package de.tomaudit.parse.apt;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads /var/log/unattended-upgrades/unattended-upgrades.log, whose lines start with the
 * host's local time: {@code 2024-01-05 06:25:13,123 INFO Starting unattended upgrades script}.
 */
public final class UnattendedUpgradesLog {

    /** A timestamped log line. */
    public record Entry(LocalDateTime time, String message, int line) { }

    private static final Pattern LINE = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2})(?:,\\d+)? (.*)$");
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private UnattendedUpgradesLog() { }

    /** The last start of a run, or the last timestamped line when no start is logged. */
    public static Optional<Entry> lastRun(List<String> lines) {
        Entry lastStart = null;
        Entry lastAny = null;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = LINE.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            LocalDateTime t;
            try {
                t = LocalDateTime.parse(m.group(1), FORMAT);
            } catch (DateTimeParseException e) {
                continue;
            }
            Entry e = new Entry(t, m.group(2), i + 1);
            lastAny = e;
            if (m.group(2).contains("Starting unattended upgrades script")) {
                lastStart = e;
            }
        }
        return Optional.ofNullable(lastStart != null ? lastStart : lastAny);
    }
}
