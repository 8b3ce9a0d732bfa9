package de.tomaudit.collect.host;

import java.util.Map;
import java.util.Optional;

/**
 * Something the host runs on a schedule: a crontab line, a run-parts script in
 * /etc/cron.{hourly,daily,weekly,monthly}, or the ExecStart of a service an enabled timer starts.
 *
 * @param schedule    cron fields, {@code @daily}, {@code daily} (run-parts) or the timer's OnCalendar
 * @param scheduledBy {@code file:line} of the crontab line or timer setting
 * @param user        the account it runs as
 * @param command     the shell command line; empty for a run-parts script
 * @param env         variables set for it (crontab lines above it, Environment=, EnvironmentFile=)
 * @param script      the script run-parts executes, for /etc/cron.* entries
 */
record BackupTrigger(String schedule, String scheduledBy, String user, String command, Map<String, String> env,
                     Optional<String> script) {

    BackupTrigger {
        env = Map.copyOf(env);
    }
}
