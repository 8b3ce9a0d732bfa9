package de.tomaudit.collect;

import java.util.List;
import java.util.Set;

/** Every collector the agent has; the audit picks those serving the detected kinds. */
public final class CollectorRegistry {

    private CollectorRegistry() { }

    public static List<Collector> all() {
        return List.of(
                // one line per collector, alphabetical by class name
                new de.tomaudit.collect.host.AptCollector(),
                new de.tomaudit.collect.host.BackupCollector(),
                new de.tomaudit.collect.bbb.BbbCollector(),
                new de.tomaudit.collect.host.BruteforceCollector(),
                new de.tomaudit.collect.host.DiskCollector(),
                new de.tomaudit.collect.ejabberd.EjabberdCollector(),
                new de.tomaudit.collect.host.FirewallCollector(),
                new de.tomaudit.collect.host.HostInfoCollector(),
                new de.tomaudit.collect.host.JournaldCollector(),
                new de.tomaudit.collect.host.LogrotateCollector(),
                new de.tomaudit.collect.mastodon.MastodonCollector(),
                new de.tomaudit.collect.host.NginxCollector(),
                new de.tomaudit.collect.host.PostgresCollector(),
                new de.tomaudit.collect.host.ProcessesCollector(),
                new de.tomaudit.collect.prosody.ProsodyCollector(),
                new de.tomaudit.collect.host.RebootCollector(),
                new de.tomaudit.collect.host.RedisCollector(),
                new de.tomaudit.collect.host.SecretFilesCollector(),
                new de.tomaudit.collect.host.SocketsCollector(),
                new de.tomaudit.collect.host.SshdCollector(),
                new de.tomaudit.collect.host.TimeSyncCollector()
        );
    }

    public static List<Collector> forKinds(Set<String> kinds) {
        return all().stream().filter(c -> c.kinds().stream().anyMatch(kinds::contains)).toList();
    }
}
