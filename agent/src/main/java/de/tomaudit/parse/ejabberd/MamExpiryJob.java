package de.tomaudit.parse.ejabberd;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A scheduled {@code ejabberdctl delete_old_mam_messages TYPE DAYS} (or {@code delete_old_mam_messages_batch})
 * found in a crontab, a cron script or a systemd unit: ejabberd 23.01 has no archive expiry of its own.
 *
 * @param days the age in days beyond which messages are deleted, empty when not a literal number
 */
public record MamExpiryJob(Loc source, String command, String type, Optional<Long> days) {

    private static final String COMMAND = "delete_old_mam_messages";

    /** Every uncommented line of the text that runs the command. */
    public static List<MamExpiryJob> find(String file, String text) {
        List<MamExpiryJob> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("#") || !line.contains(COMMAND)) {
                continue;
            }
            String[] w = line.split("[\\s'\"]+");
            for (int k = 0; k < w.length; k++) {
                if (!w[k].equals(COMMAND) && !w[k].equals(COMMAND + "_batch")) {
                    continue;
                }
                String type = k + 1 < w.length ? w[k + 1] : "";
                Optional<Long> days = Optional.empty();
                if (k + 2 < w.length && w[k + 2].matches("\\d{1,6}")) {
                    days = Optional.of(Long.parseLong(w[k + 2]));
                }
                // only the command and its arguments: the rest of the line may hold credentials
                String command = w[k] + (type.isEmpty() ? "" : " " + type) + days.map(d -> " " + d).orElse("");
                out.add(new MamExpiryJob(new Loc(file, i + 1), command, type, days));
                break;
            }
        }
        return out;
    }
}
