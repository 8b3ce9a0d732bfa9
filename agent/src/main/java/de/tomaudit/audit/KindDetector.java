package de.tomaudit.audit;

import de.tomaudit.collect.PlannedAccess;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which products run on a target, from marker files. The host itself is always audited.
 * Explicit {@code --kind} options replace detection. A marker whose path may not be searched
 * ({@code permission denied}) counts as found: only an existing directory refuses.
 */
public final class KindDetector {
    public static final List<String> KINDS = List.of("host", "mastodon", "prosody", "ejabberd", "bbb");

    private static final Map<String, List<String>> MARKERS = Map.of(
            "mastodon", List.of("/home/mastodon/live/.env.production", "/home/mastodon/live/config/application.rb",
                    "/etc/systemd/system/mastodon-web.service", "/lib/systemd/system/mastodon-web.service",
                    "/etc/systemd/system/mastodon-sidekiq.service", "/opt/mastodon/.env.production",
                    "/srv/mastodon/.env.production", "/home/mastodon/mastodon/.env.production"),
            "prosody", List.of("/etc/prosody/prosody.cfg.lua"),
            "ejabberd", List.of("/etc/ejabberd/ejabberd.yml", "/opt/ejabberd/conf/ejabberd.yml"),
            "bbb", List.of("/usr/share/bbb-web/WEB-INF/classes/bigbluebutton.properties", "/etc/bigbluebutton/bbb-web.properties"));

    private KindDetector() { }

    public static Set<String> detect(Target target) {
        Set<String> kinds = new LinkedHashSet<>();
        kinds.add("host");
        for (String kind : KINDS) {
            for (String marker : MARKERS.getOrDefault(kind, List.of())) {
                try {
                    if (target.exists(marker)) {
                        kinds.add(kind);
                        break;
                    }
                } catch (TargetException e) {
                    if (e.reason() == TargetException.Reason.PERMISSION_DENIED) {
                        // a directory on the marker's path exists and may not be searched (/etc/ejabberd is 0750
                        // ejabberd:ejabberd): the product is there as far as can be told, and its collectors say
                        // what they could not read, instead of its rules silently not applying
                        kinds.add(kind);
                        break;
                    }
                    // any other failure (a lost connection, a timeout) is not evidence of the product
                }
            }
        }
        return kinds;
    }

    public static List<PlannedAccess> plan() {
        List<PlannedAccess> out = new ArrayList<>();
        for (String kind : KINDS) {
            for (String marker : MARKERS.getOrDefault(kind, List.of())) {
                out.add(PlannedAccess.stat(marker, kind));
            }
        }
        return out;
    }
}
