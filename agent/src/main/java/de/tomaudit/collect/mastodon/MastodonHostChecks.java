package de.tomaudit.collect.mastodon;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.collect.Reads;
import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.target.FileContent;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The host items of the Stiftung Datenschutz checklist that sit beside Mastodon: automatic
 * certificate renewal (a certbot/acme.sh/dehydrated timer or cron job, not only a valid date) and
 * sudo rights only for administrators (no service account of the stack may use sudo). User names
 * other than the fixed service accounts are counted, never listed (they may name people).
 */
final class MastodonHostChecks {
    static final String RENEWAL = "mastodon.cert_renewal";
    static final String SUDO = "mastodon.sudo";
    static final List<String> RENEWAL_FILES = List.of(
            "/etc/systemd/system/timers.target.wants/certbot.timer", "/lib/systemd/system/certbot.timer",
            "/usr/lib/systemd/system/certbot.timer", "/etc/systemd/system/certbot.timer",
            "/etc/systemd/system/snap.certbot.renew.timer", "/etc/cron.d/certbot", "/etc/cron.daily/certbot",
            "/etc/cron.d/dehydrated", "/etc/cron.d/acme-sh", "/etc/cron.d/lego", "/etc/cron.weekly/certbot");
    static final List<String> CRONTABS = List.of("/var/spool/cron/crontabs/root", "/etc/crontab");
    static final List<String> RENEWAL_WORDS = List.of("certbot renew", "certbot -q renew", "acme.sh --cron", "dehydrated -c",
            "dehydrated --cron", "lego ", "getssl");
    /** Accounts the Mastodon stack runs as: none of them may hold sudo rights. */
    static final Set<String> SERVICE_USERS = Set.of("mastodon", "www-data", "nginx", "postgres", "redis", "elasticsearch",
            "opensearch", "nobody");
    static final List<String> SUDO_GROUPS = List.of("sudo", "admin", "wheel");

    private MastodonHostChecks() { }

    static void renewal(Target target, FactSet.Builder facts) {
        List<String> via = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        for (String f : RENEWAL_FILES) {
            if (MastodonLayout.exists(target, f)) {
                via.add(f);
                evidence.add(Evidence.file(f, "present"));
            }
        }
        for (String c : CRONTABS) {
            try {
                FileContent fc = target.read(c);
                List<String> lines = fc.lines();
                for (int i = 0; i < lines.size(); i++) {
                    String l = lines.get(i).strip();
                    if (!l.startsWith("#") && RENEWAL_WORDS.stream().anyMatch(l::contains)) {
                        via.add(c + ":" + (i + 1));
                        evidence.add(Evidence.at(c, i + 1, l));
                    }
                }
            } catch (TargetException e) {
                // absent or unreadable crontab: the other sources still count
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("found", !via.isEmpty());
        m.put("via", via);
        if (evidence.isEmpty()) {
            evidence.add(Evidence.file(String.join(", ", RENEWAL_FILES.subList(0, 2)) + ", …", AuditTexts.get("evidence.mastodon.no-renewal")));
        }
        facts.put(RENEWAL, m, evidence);
    }

    static void sudo(Target target, FactSet.Builder facts) {
        Set<String> principals = new LinkedHashSet<>();
        List<Evidence> evidence = new ArrayList<>();
        Optional<FileContent> group = Reads.file(target, "/etc/group", SUDO, facts);
        if (group.isEmpty()) {
            return;
        }
        List<String> lines = group.get().lines();
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).split(":", -1);
            if (f.length >= 4 && SUDO_GROUPS.contains(f[0])) {
                for (String u : f[3].split(",")) {
                    if (!u.isBlank()) {
                        principals.add(u.strip());
                    }
                }
                evidence.add(Evidence.at("/etc/group", i + 1, "group " + f[0] + ": " + count(f[3]) + " member(s)"));
            }
        }
        boolean sudoersRead = true;
        List<String> files = new ArrayList<>(List.of("/etc/sudoers"));
        try {
            files.addAll(target.glob("/etc/sudoers.d/*"));
        } catch (TargetException e) {
            sudoersRead = false;
        }
        for (String f : files) {
            try {
                List<String> sl = target.read(f).lines();
                for (int i = 0; i < sl.size(); i++) {
                    String l = sl.get(i).strip();
                    if (l.isEmpty() || l.startsWith("#") || l.startsWith("Defaults") || l.startsWith("@")
                            || l.contains("_Alias") || !l.contains("=")) {
                        continue;
                    }
                    String who = l.split("\\s+")[0];
                    if (!who.startsWith("%")) {
                        principals.add(who);
                        evidence.add(Evidence.at(f, i + 1, SERVICE_USERS.contains(who) || who.equals("root")
                                ? l : AuditTexts.get("evidence.mastodon.user-rule")));
                    }
                }
            } catch (TargetException e) {
                if (e.reason() != TargetException.Reason.NOT_FOUND) {
                    sudoersRead = false;
                    evidence.add(Evidence.file(f, AuditTexts.get("evidence.mastodon.not-readable", e.getMessage())));
                }
            }
        }
        if (!sudoersRead) {
            facts.error(SUDO, "read", AuditTexts.get("collect.mastodon.sudoers-unreadable"));
            return;
        }
        principals.remove("root");
        List<String> service = principals.stream().filter(SERVICE_USERS::contains).sorted().toList();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("privileged_count", (long) principals.size());
        m.put("service_users_privileged", service);
        m.put("sudoers_read", sudoersRead);
        facts.put(SUDO, m, evidence);
    }

    private static long count(String members) {
        return members.isBlank() ? 0 : members.split(",").length;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
