package de.tomaudit.parse.cron;

import java.util.Objects;
import java.util.Optional;

/**
 * One job line of a crontab.
 *
 * @param schedule the five time fields joined by single spaces, or the {@code @daily}-style keyword
 * @param user     the user field of /etc/crontab and /etc/cron.d files; empty in user crontabs
 * @param command  the command up to the first unescaped {@code %} (the rest is stdin)
 */
public record CronEntry(String schedule, Optional<String> user, String command, String path, int line) {

    public CronEntry {
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(command, "command");
    }

    public String source() {
        return path + ":" + line;
    }
}
