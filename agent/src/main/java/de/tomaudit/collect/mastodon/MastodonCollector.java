package de.tomaudit.collect.mastodon;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.collect.Collector;
import de.tomaudit.collect.PlannedAccess;
import de.tomaudit.collect.host.ProcessesEntry;
import de.tomaudit.collect.host.ProcessesReader;
import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.parse.env.DotenvFile;
import de.tomaudit.parse.env.DotenvParser;
import de.tomaudit.parse.systemd.UnitEntry;
import de.tomaudit.parse.systemd.UnitFile;
import de.tomaudit.target.FileContent;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Mastodon on a target: where it is installed (native live tree or docker-compose), its version,
 * whether Sidekiq runs the scheduler (without it nothing is ever cleaned), {@code .env.production}
 * read with dotenv's rules (secrets reduced at once), the processors it names, the retentions it
 * configures, and the checklist's host items (certificate renewal, sudo).
 *
 * <p>Facts: {@code mastodon.installed}, {@code mastodon.layout} {kind, root, env_file},
 * {@code mastodon.version} (text), {@code mastodon.version_number} (4.3.2 = 40302),
 * {@code mastodon.scheduler} {sidekiq_configured, scheduler_configured, sidekiq_running
 * ("yes"|"no"|"unknown"), how}, {@code mastodon.env.*} (see MastodonEnvFacts),
 * {@code mastodon.cert_renewal}, {@code mastodon.sudo}.
 */
public final class MastodonCollector implements Collector {
    static final String INSTALLED = "mastodon.installed";
    static final String LAYOUT = "mastodon.layout";
    static final String VERSION = "mastodon.version";
    static final String VERSION_NUMBER = "mastodon.version_number";
    static final String SCHEDULER = "mastodon.scheduler";

    @Override public String id() { return "mastodon"; }
    @Override public Set<String> kinds() { return Set.of("mastodon"); }
    @Override public List<String> provides() { return List.of("mastodon"); }

    @Override
    public List<PlannedAccess> plan() {
        List<PlannedAccess> out = new ArrayList<>();
        MastodonLayout.plannedPaths().forEach(p -> out.add(PlannedAccess.read(p, p.endsWith(".env.production")
                ? "Mastodon's configuration (secrets reduced to length and hash at once)"
                : p.endsWith("version.rb") ? "Mastodon's version" : "where Mastodon is installed")));
        out.add(PlannedAccess.read("/home/*/live/.env.production", "Mastodon's configuration in the mastodon user's home "
                + "(or the EnvironmentFile of its systemd units)"));
        out.add(PlannedAccess.read("/home/*/live/lib/mastodon/version.rb", "Mastodon's version"));
        out.add(PlannedAccess.run(de.tomaudit.target.CommandCatalog.command("processes")));
        MastodonHostChecks.RENEWAL_FILES.forEach(f -> out.add(PlannedAccess.stat(f, "automatic certificate renewal")));
        MastodonHostChecks.CRONTABS.forEach(f -> out.add(PlannedAccess.read(f, "certificate renewal cron job")));
        out.add(PlannedAccess.read("/etc/group", "members of sudo/admin/wheel (counted, not listed)"));
        out.add(PlannedAccess.read("/etc/sudoers", "sudo rules (service accounts with sudo)"));
        out.add(PlannedAccess.read("/etc/sudoers.d/*", "sudo rules (service accounts with sudo)"));
        return out;
    }

    @Override
    public void collect(Target target, FactSet.Builder facts) {
        Optional<MastodonLayout> found = MastodonLayout.find(target);
        if (found.isEmpty()) {
            facts.put(INSTALLED, false, Evidence.file("/home/mastodon/live, mastodon-*.service, docker-compose.yml",
                    AuditTexts.get("evidence.mastodon.not-found")));
            facts.notApplicable("mastodon", AuditTexts.get("na.mastodon.not-installed"));
            return;
        }
        MastodonLayout layout = found.get();
        facts.put(INSTALLED, true, layout.evidence().stream().map(e -> new Evidence(e, "Mastodon " + layout.kind())).toList());
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("kind", layout.kind());
        l.put("root", layout.root());
        l.put("env_file", layout.envFile());
        facts.put(LAYOUT, l, Evidence.file(layout.root(), layout.kind() + " install, configuration " + layout.envFile()));
        version(target, layout, facts);
        scheduler(target, layout, facts);
        Optional<DotenvFile> env = env(target, layout, facts);
        env.ifPresent(e -> MastodonEnvFacts.put(e, facts));
        MastodonHostChecks.renewal(target, facts);
        MastodonHostChecks.sudo(target, facts);
    }

    private static void version(Target target, MastodonLayout layout, FactSet.Builder facts) {
        String path = layout.kind().equals("native") ? layout.root() + "/lib/mastodon/version.rb"
                : MastodonLayout.composeFile(target, layout.root()).orElse(layout.root() + "/docker-compose.yml");
        try {
            String text = target.read(path).text();
            Optional<MastodonVersion> v = layout.kind().equals("native") ? MastodonVersion.fromVersionRb(text)
                    : MastodonVersion.fromCompose(text);
            if (v.isEmpty()) {
                facts.error(VERSION, "parse", AuditTexts.get("collect.mastodon.no-version", path));
                facts.error(VERSION_NUMBER, "parse", AuditTexts.get("collect.mastodon.no-version", path));
                return;
            }
            int line = layout.kind().equals("native") ? MastodonVersion.lineOf(text, "def major")
                    : MastodonVersion.lineOf(text, v.get().text());
            facts.put(VERSION, v.get().text(), Evidence.at(path, line, v.get().text()));
            facts.put(VERSION_NUMBER, v.get().number(), Evidence.at(path, line, v.get().text()));
        } catch (TargetException e) {
            String stage = e.isAbsence() ? "read" : "read";
            facts.error(VERSION, stage, e.getMessage());
            facts.error(VERSION_NUMBER, stage, e.getMessage());
        }
    }

    /** Records mastodon.scheduler; true unless it is known that no process runs the scheduler queue. */
    private static boolean scheduler(Target target, MastodonLayout layout, FactSet.Builder facts) {
        List<Evidence> evidence = new ArrayList<>();
        boolean sidekiqConfigured = false;
        boolean schedulerConfigured = false;
        List<String> how = new ArrayList<>();
        for (UnitFile u : layout.units()) {
            List<String> args = SidekiqScheduler.execStart(u);
            SidekiqScheduler.Verdict v = SidekiqScheduler.of(args);
            if (!v.sidekiq()) {
                continue;
            }
            sidekiqConfigured = true;
            schedulerConfigured |= v.scheduler();
            how.add(u.path() + ": " + v.how());
            u.last("Service", "ExecStart").ifPresent(e -> evidence.add(new Evidence(e.source(), e.value() + " (" + v.how() + ")")));
        }
        if (layout.kind().equals("docker")) {
            Optional<String> compose = MastodonLayout.composeFile(target, layout.root());
            if (compose.isPresent()) {
                try {
                    List<String> lines = target.read(compose.get()).lines();
                    for (int i = 0; i < lines.size(); i++) {
                        String line = lines.get(i);
                        if (line.contains("sidekiq") && line.strip().startsWith("command")) {
                            String cmd = line.substring(line.indexOf(':') + 1).replaceAll("[\\[\\]\"',]", " ").strip();
                            SidekiqScheduler.Verdict v = SidekiqScheduler.of(List.of(cmd.split("\\s+")));
                            if (v.sidekiq()) {
                                sidekiqConfigured = true;
                                schedulerConfigured |= v.scheduler();
                                how.add(compose.get() + ":" + (i + 1) + ": " + v.how());
                                evidence.add(Evidence.at(compose.get(), i + 1, cmd + " (" + v.how() + ")"));
                            }
                        }
                    }
                } catch (TargetException e) {
                    evidence.add(Evidence.file(compose.get(), AuditTexts.get("evidence.mastodon.not-readable", e.getMessage())));
                }
            }
        }
        String running = "unknown";
        ProcessesReader.Table table = ProcessesReader.read(target, SCHEDULER);
        if (table.ok()) {
            boolean any = table.entries().stream().map(ProcessesEntry::args).anyMatch(a -> a.contains("sidekiq"));
            running = any ? "yes" : "no";
            evidence.add(Evidence.command("ps", AuditTexts.get(any ? "evidence.mastodon.sidekiq-runs" : "evidence.mastodon.sidekiq-not-running")));
        } else {
            evidence.add(new Evidence("processes", table.failure().map(f -> f.reason()).orElseGet(() -> AuditTexts.get("evidence.mastodon.not-known"))));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sidekiq_configured", sidekiqConfigured);
        m.put("scheduler_configured", schedulerConfigured);
        m.put("sidekiq_running", running);
        m.put("how", String.join("; ", how));
        if (evidence.isEmpty()) {
            evidence.add(Evidence.file(layout.root(), AuditTexts.get("evidence.mastodon.no-sidekiq-unit")));
        }
        facts.put(SCHEDULER, m, evidence);
        return schedulerConfigured && !running.equals("no");
    }

    private static Optional<DotenvFile> env(Target target, MastodonLayout layout, FactSet.Builder facts) {
        FileContent content;
        try {
            content = target.read(layout.envFile());
        } catch (TargetException e) {
            facts.error(MastodonEnvFacts.PREFIX, "read", layout.envFile() + ": " + e.getMessage());
            return Optional.empty();
        }
        if (content.looksBinary()) {
            facts.error(MastodonEnvFacts.PREFIX, "parse", AuditTexts.get("collect.not-text", layout.envFile()));
            return Optional.empty();
        }
        DotenvParser parser = MastodonEnvFacts.parser();
        DotenvFile env = parser.parse(layout.envFile(), content.text());
        if (layout.kind().equals("native")) {
            env = withUnitEnvironment(env, layout.units(), parser);
        }
        return Optional.of(env);
    }

    /**
     * Variables the Mastodon units set with {@code Environment=} are in the process environment before
     * Mastodon loads .env.production, and dotenv 3 never overwrites them: they are the values Mastodon uses
     * (the Sidekiq unit's last, since Sidekiq runs the cleanup jobs).
     */
    static DotenvFile withUnitEnvironment(DotenvFile env, List<UnitFile> units, DotenvParser parser) {
        List<UnitFile> ordered = new ArrayList<>(units);
        ordered.sort(java.util.Comparator.comparing((UnitFile u) -> u.path().contains("sidekiq")));
        DotenvFile out = env;
        for (UnitFile u : ordered) {
            for (UnitEntry e : u.values("Service", "Environment")) {
                for (String word : UnitFile.splitQuoted(e.value())) {
                    int eq = word.indexOf('=');
                    if (eq > 0) {
                        String key = word.substring(0, eq);
                        out = out.withProcessEnvironment(key, parser.reduce(key, word.substring(eq + 1)), e.source());
                    }
                }
            }
        }
        return out;
    }
}
