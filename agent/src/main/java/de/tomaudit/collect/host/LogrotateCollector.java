package de.tomaudit.collect.host;

import de.tomaudit.collect.Collector;
import de.tomaudit.collect.PlannedAccess;
import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Retention;
import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.parse.logrotate.LogrotateConfig;
import de.tomaudit.parse.logrotate.LogrotateConfigResolver;
import de.tomaudit.parse.logrotate.LogrotateProblem;
import de.tomaudit.parse.logrotate.LogrotateRule;
import de.tomaudit.parse.logrotate.LogrotateSettings;
import de.tomaudit.target.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * logrotate: every log definition with its effective rotation and the retention that follows
 * (rotate × interval, or maxage), and for every log known to hold client IPs whether a definition
 * covers it and deletes it within a bounded time. Retentions go into the TOM annex.
 */
public final class LogrotateCollector implements Collector {
    static final String MAIN_CONF = "/etc/logrotate.conf";
    static final String CONF_DIR = "/etc/logrotate.d";
    static final String BINARY = "/usr/sbin/logrotate";
    static final List<String> SCHEDULERS = List.of("/etc/cron.daily/logrotate",
            "/etc/systemd/system/timers.target.wants/logrotate.timer");
    /** Products whose logs hold IP addresses. */
    static final List<LogrotateIpLogSource> SOURCES = List.of(new NginxIpLogSource(), new EjabberdIpLogSource());

    static final String INSTALLED = "logrotate.installed";
    static final String SCHEDULED = "logrotate.scheduled";
    static final String STANZAS = "logrotate.stanzas";
    static final String PROBLEMS = "logrotate.config_problems";
    static final String IP_LOGS = "logrotate.ip_logs";

    @Override
    public String id() {
        return "logrotate";
    }

    @Override
    public Set<String> kinds() {
        return Set.of("host");
    }

    @Override
    public List<String> provides() {
        return List.of("logrotate");
    }

    @Override
    public List<PlannedAccess> plan() {
        Set<PlannedAccess> out = new LinkedHashSet<>();
        out.add(PlannedAccess.stat(BINARY, "whether logrotate is installed"));
        out.add(PlannedAccess.read(MAIN_CONF, "logrotate main configuration"));
        out.add(PlannedAccess.list(CONF_DIR, "logrotate definitions of the packages"));
        out.add(PlannedAccess.read(CONF_DIR + "/*", "logrotate definitions of the packages (and other included files)"));
        SCHEDULERS.forEach(s -> out.add(PlannedAccess.stat(s, "whether logrotate runs daily")));
        SOURCES.forEach(s -> out.addAll(s.plan()));
        return List.copyOf(out);
    }

    @Override
    public void collect(Target target, FactSet.Builder facts) {
        boolean binary = LogrotateTargetSource.exists(target, BINARY);
        boolean conf = LogrotateTargetSource.exists(target, MAIN_CONF);
        Optional<LogrotateConfig> config = Optional.empty();
        boolean orphans = false;
        if (!binary && !conf) {
            facts.put(INSTALLED, false, Evidence.file(BINARY, AuditTexts.get("evidence.host.not-present")),
                    Evidence.file(MAIN_CONF, AuditTexts.get("evidence.host.not-present")));
            facts.notApplicable(STANZAS, AuditTexts.get("evidence.host.is-not-installed", "logrotate"));
            facts.notApplicable(SCHEDULED, AuditTexts.get("evidence.host.is-not-installed", "logrotate"));
            if (LogrotateTargetSource.exists(target, CONF_DIR)) {
                // definitions without logrotate (left behind, or a partial copy of /etc): read them as logrotate
                // would, so this pack and the Prosody log check cite the same file; LogrotatePresence says if they run
                config = Optional.of(LogrotateConfigResolver.load(new DirectoryOnly(new LogrotateTargetSource(target)), MAIN_CONF));
                orphans = LogrotatePresence.knownNotInstalled(target);
            }
        } else {
            facts.put(INSTALLED, true, Evidence.file(binary ? BINARY : MAIN_CONF, AuditTexts.get("evidence.host.present")));
            putScheduled(target, facts);
            if (conf) {
                config = Optional.of(LogrotateConfigResolver.load(new LogrotateTargetSource(target), MAIN_CONF));
            } else {
                facts.put(STANZAS, List.of(), Evidence.file(MAIN_CONF, AuditTexts.get("evidence.host.logrotate.missing-nothing")));
                facts.put(PROBLEMS, List.of(de.tomaudit.i18n.AuditTexts.get("evidence.host.does-not-exist", MAIN_CONF)), Evidence.file(MAIN_CONF, AuditTexts.get("evidence.host.missing")));
                facts.put("logrotate.config_valid", true, Evidence.file(MAIN_CONF, AuditTexts.get("evidence.host.logrotate.missing-no-parse")));
            }
        }
        Set<String> ipLogRules = putIpLogs(target, config, orphans, facts);
        if (binary || conf) {
            config.ifPresent(c -> putStanzas(c, ipLogRules, facts));
        }
    }

    private static void putScheduled(Target target, FactSet.Builder facts) {
        List<Evidence> evidence = new ArrayList<>();
        boolean any = false;
        for (String s : SCHEDULERS) {
            boolean there = LogrotateTargetSource.exists(target, s);
            any |= there;
            evidence.add(Evidence.file(s, AuditTexts.get(there ? "evidence.host.present" : "evidence.host.not-present")));
        }
        facts.put(SCHEDULED, any, evidence);
    }

    /** Every definition; its retention goes into the table unless an IP log's entry already names it. */
    private static void putStanzas(LogrotateConfig c, Set<String> ipLogRules, FactSet.Builder facts) {
        List<Map<String, Object>> values = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        for (LogrotateRule r : c.rules()) {
            LogrotateSettings s = r.settings();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("globs", r.stanza().patterns());
            m.put("interval", s.interval().keyword());
            m.put("interval_source", s.intervalSource());
            m.put("rotate", s.rotate());
            m.put("rotate_source", s.rotateSource());
            s.maxAgeDays().ifPresent(d -> m.put("maxage", d));
            m.put("bounded", s.bounded());
            s.retentionDays().ifPresent(d -> m.put("retention_days", d));
            s.maxEntryAgeDays().ifPresent(d -> m.put("max_entry_age_days", d));
            s.unboundedReason().ifPresent(why -> m.put("unbounded_reason", why));
            m.put("source", r.source());
            values.add(m);
            evidence.add(new Evidence(r.source(), String.join(" ", r.stanza().patterns()) + ": " + s.interval().keyword()
                    + ", rotate " + s.rotate() + s.maxAgeDays().map(d -> ", maxage " + d).orElse("")
                    + s.retentionDays().map(d -> AuditTexts.get("evidence.host.logrotate.kept-arrow", d))
                    .orElseGet(() -> AuditTexts.get("evidence.host.logrotate.unbounded-arrow"))));
            if (!ipLogRules.contains(r.source())) {
                facts.retention(retention(AuditTexts.get("retention.log-files", String.join(" ", r.stanza().patterns())), s, r.source()));
            }
        }
        facts.put(STANZAS, values, evidence);
        facts.put(PROBLEMS, c.problems().stream().map(LogrotateProblem::toString).toList(),
                c.problems().stream().map(p -> new Evidence(p.source(), p.message())).toList());
        de.tomaudit.collect.ConfigValidity.put(facts, "logrotate.config_valid", MAIN_CONF, c.problems().stream()
                .map(p -> new de.tomaudit.collect.ConfigValidity.Problem(p.source(), p.message())).toList());
    }

    /** Puts logrotate.ip_logs and their retentions; returns the sources of the definitions covering them. */
    private static Set<String> putIpLogs(Target target, Optional<LogrotateConfig> config, boolean orphans,
                                         FactSet.Builder facts) {
        Set<String> covering = new LinkedHashSet<>();
        List<Map<String, Object>> values = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        for (LogrotateIpLogSource source : SOURCES) {
            LogrotateIpLogSource.Result result = source.logs(target);
            if (result.error().isPresent()) {
                facts.error(IP_LOGS, "collect", source.product() + ": " + result.error().get());
                return covering;
            }
            for (LogrotateIpLogSource.IpLog log : result.logs()) {
                Map<String, Object> m = coverage(log, source.product(), config, orphans);
                values.add(m);
                evidence.add(new Evidence(log.source(), log.description() + " " + log.path() + ": "
                        + (m.containsKey("rotated_by") ? String.valueOf(m.get("reason"))
                        : Boolean.TRUE.equals(m.get("covered"))
                        ? (m.containsKey("retention_days")
                                ? AuditTexts.get("evidence.host.logrotate.rotated-kept", m.get("rotation_source"), m.get("retention_days"))
                                : AuditTexts.get("evidence.host.logrotate.rotated-unbounded", m.get("rotation_source")))
                        : m.containsKey("rotation_source") ? String.valueOf(m.get("reason"))
                        : AuditTexts.get("evidence.host.logrotate.not-rotated"))));
                String subject = log.description() + " " + log.path();
                if (m.containsKey("rotated_by")) {
                    facts.retention(Retention.forever(subject + ": " + m.get("reason"), String.valueOf(m.get("rotation_source")), false));
                } else if (m.get("covered") == Boolean.TRUE) {
                    LogrotateRule rule = config.flatMap(c -> c.ruleFor(sample(log.path()))).orElseThrow();
                    facts.retention(retention(subject, rule.settings(), rule.source()));
                    covering.add(rule.source());
                } else {
                    facts.retention(Retention.forever(AuditTexts.get("retention.not-rotated", subject), log.source(), false));
                }
            }
        }
        facts.put(IP_LOGS, values, evidence);
        return covering;
    }

    private static Map<String, Object> coverage(LogrotateIpLogSource.IpLog log, String product,
                                                Optional<LogrotateConfig> config, boolean orphans) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", log.path());
        m.put("product", product);
        m.put("description", log.description());
        m.put("source", log.source());
        m.put("path_has_variables", log.path().contains("$"));
        if (log.path().startsWith("syslog:")) {
            m.put("covered", false);
            m.put("bounded", false);
            m.put("reason", AuditTexts.get("evidence.host.logrotate.syslog"));
            return m;
        }
        Optional<LogrotateRule> rule = config.flatMap(c -> c.ruleFor(sample(log.path())));
        if ((rule.isEmpty() || orphans) && log.own().isPresent()) {
            // the product rotates it (by size): rotated, as the product's own rule says, but not bounded in time
            m.put("covered", true);
            m.put("bounded", false);
            m.put("rotated_by", product);
            m.put("reason", AuditTexts.get("evidence.host.logrotate.own-rotation", product, log.own().get().text(),
                    log.own().get().source()));
            m.put("rotation_source", log.own().get().source());
            return m;
        }
        if (rule.isEmpty()) {
            m.put("covered", false);
            m.put("bounded", false);
            m.put("reason", AuditTexts.get(config.isEmpty() ? "evidence.host.logrotate.not-configured" : "evidence.host.logrotate.no-match"));
            return m;
        }
        if (orphans) {
            m.put("covered", false);
            m.put("bounded", false);
            m.put("reason", LogrotatePresence.neverRun(rule.get().source()));
            m.put("rotation_source", rule.get().source());
            return m;
        }
        LogrotateSettings s = rule.get().settings();
        m.put("covered", true);
        m.put("bounded", s.bounded());
        s.retentionDays().ifPresent(d -> m.put("retention_days", d));
        s.maxEntryAgeDays().ifPresent(d -> m.put("max_entry_age_days", d));
        s.unboundedReason().ifPresent(why -> m.put("reason", why));
        m.put("rotation_source", rule.get().source());
        return m;
    }

    /** A source whose main file is only {@code include /etc/logrotate.d}: the package definitions without logrotate.conf. */
    private record DirectoryOnly(LogrotateTargetSource target) implements de.tomaudit.parse.logrotate.LogrotateSource {
        @Override
        public Optional<Entry> stat(String path) throws de.tomaudit.parse.logrotate.LogrotateSourceException {
            return path.equals(MAIN_CONF) ? Optional.of(new Entry(Kind.FILE, 0644)) : target.stat(path);
        }

        @Override
        public List<String> list(String dir) throws de.tomaudit.parse.logrotate.LogrotateSourceException {
            return target.list(dir);
        }

        @Override
        public String read(String path) throws de.tomaudit.parse.logrotate.LogrotateSourceException {
            return path.equals(MAIN_CONF) ? "include " + CONF_DIR + "\n" : target.read(path);
        }
    }

    /** A concrete path for a log path with nginx variables in it ({@code $host} becomes a word). */
    static String sample(String path) {
        return path.replaceAll("\\$\\{?[A-Za-z0-9_]+}?", "x");
    }

    private static Retention retention(String subject, LogrotateSettings s, String source) {
        return s.retentionDays().map(d -> Retention.of(subject, Retention.days(d), source, false))
                .orElseGet(() -> Retention.forever(subject, source, false));
    }
}
