package de.tomaudit.collect.mastodon;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.parse.systemd.UnitFile;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a Sidekiq command line runs Mastodon's scheduler. Mastodon's config/sidekiq.yml sets
 * {@code :listened_queues_only: true}: the scheduler (IP cleanup, media and content cleanup, …)
 * runs only in a process that listens on the {@code scheduler} queue. Without {@code -q} the
 * queues of config/sidekiq.yml apply, which include it; with {@code -q} only the named ones.
 */
final class SidekiqScheduler {

    record Verdict(boolean sidekiq, boolean scheduler, String how) { }

    private SidekiqScheduler() { }

    static Verdict of(List<String> args) {
        int sidekiq = -1;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("sidekiq") || a.endsWith("/sidekiq")) {
                sidekiq = i;
                break;
            }
        }
        if (sidekiq < 0) {
            return new Verdict(false, false, AuditTexts.get("evidence.mastodon.not-sidekiq"));
        }
        List<String> queues = new ArrayList<>();
        for (int i = sidekiq + 1; i < args.size(); i++) {
            String a = args.get(i);
            if ((a.equals("-q") || a.equals("--queue")) && i + 1 < args.size()) {
                queues.add(args.get(++i));
            } else if (a.startsWith("--queue=")) {
                queues.add(a.substring(8));
            } else if (a.startsWith("-q") && a.length() > 2) {
                queues.add(a.substring(2));
            }
        }
        if (queues.isEmpty()) {
            return new Verdict(true, true, AuditTexts.get("evidence.mastodon.all-queues"));
        }
        boolean s = queues.stream().anyMatch(q -> q.equals("scheduler") || q.startsWith("scheduler,"));
        return new Verdict(true, s, s ? "-q " + String.join(" -q ", queues)
                : AuditTexts.get("evidence.mastodon.no-scheduler-queue", "-q " + String.join(" -q ", queues)));
    }

    /** The ExecStart of a unit as words (systemd prefixes such as {@code -} and {@code @} dropped). */
    static List<String> execStart(UnitFile unit) {
        return unit.last("Service", "ExecStart")
                .map(e -> UnitFile.splitQuoted(e.value().replaceFirst("^[-@:+!]+", "")))
                .orElse(List.of());
    }
}
