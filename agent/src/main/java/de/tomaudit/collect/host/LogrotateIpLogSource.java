package de.tomaudit.collect.host;

import de.tomaudit.collect.PlannedAccess;
import de.tomaudit.target.Target;
import java.util.List;
import java.util.Optional;

/**
 * A product whose logs hold client IP addresses. The logrotate collector asks every source for
 * its logs and records whether logrotate deletes them within a bounded time
 * ({@code logrotate.ip_logs}). nginx is the first; product logs (Prosody, ejabberd, …) join by
 * implementing this and being listed in {@link LogrotateCollector#SOURCES}.
 */
interface LogrotateIpLogSource {

    /** One log file (or path pattern) holding IPs; {@code source} is where it is configured. */
    record IpLog(String path, String description, String source, Optional<OwnRotation> own) {
        IpLog(String path, String description, String source) {
            this(path, description, source, Optional.empty());
        }
    }

    /**
     * The product rotates the log itself (ejabberd's {@code log_rotate_size}/{@code log_rotate_count}):
     * by size only, so never bounded in time; {@code text} says how, {@code source} where it is set.
     */
    record OwnRotation(String text, String source) { }

    /** The logs found, or why they could not be known ({@code error} false: nothing there). */
    record Result(List<IpLog> logs, Optional<String> error) {
        static Result of(List<IpLog> logs) {
            return new Result(List.copyOf(logs), Optional.empty());
        }

        static Result failed(String reason) {
            return new Result(List.of(), Optional.of(reason));
        }
    }

    String product();

    List<PlannedAccess> plan();

    Result logs(Target target);
}
