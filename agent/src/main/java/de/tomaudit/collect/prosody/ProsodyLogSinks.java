package de.tomaudit.collect.prosody;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.collect.host.LogrotateTargetSource;

import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.parse.logrotate.LogrotateConfig;
import de.tomaudit.parse.logrotate.LogrotateConfigResolver;
import de.tomaudit.parse.logrotate.LogrotateRule;
import de.tomaudit.parse.lua.ConfigOption;
import de.tomaudit.parse.lua.ConfigTable;
import de.tomaudit.target.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Prosody's log sinks as its {@code loggingmanager} builds them from the global {@code log}
 * option, with the levels each receives, and for log files how long logrotate keeps them.
 *
 * <p>No {@code log}: console at info (debug when {@code debug = true}). A string: that file at
 * info, or {@code "*sink"} at every level including debug. A table: {@code level = "file"} (or
 * {@code "*sink"}) from that level up; sink tables {@code { to = …, levels = … }} (without
 * {@code levels}: every level); strings {@code "*sink"} in the list: every level.
 */
final class ProsodyLogSinks {
    static final List<String> LEVELS = List.of("debug", "info", "warn", "error");
    static final String LOGROTATE_CONF = "/etc/logrotate.conf";
    static final String LOGROTATE_PACKAGE = "/etc/logrotate.d/prosody";

    /** One sink: where it writes and which levels; {@code path}: where in the log option it is written. */
    record Sink(String to, String target, List<String> levels, ConfigOption from, List<String> path) {
        Sink(String to, String target, List<String> levels, ConfigOption from) {
            this(to, target, levels, from, List.of());
        }

        boolean debug() {
            return levels.contains("debug");
        }

        Evidence evidence(String text) {
            return from == null ? Evidence.byDefault("log", text) : OptionEvidence.field(from, text, path.toArray(String[]::new));
        }
    }

    private final EffectiveConfig c;

    ProsodyLogSinks(EffectiveConfig c) {
        this.c = c;
    }

    List<Sink> sinks() {
        Optional<ConfigOption> log = c.config().global().own("log");
        boolean debugMode = c.config().global().own("debug").map(o -> EffectiveConfig.truthy(o.value())).orElse(false);
        List<Sink> out = new ArrayList<>();
        if (log.isEmpty()) {
            out.add(new Sink("console", "", from(debugMode ? "debug" : "info"), null));
            return out;
        }
        ConfigOption o = log.get();
        Object v = o.value();
        if (v instanceof String s) {
            if (s.startsWith("*")) {
                out.add(new Sink(s.substring(1), "", LEVELS, o));
            } else {
                out.add(new Sink("file", s, from(debugMode ? "debug" : "info"), o));
            }
            return out;
        }
        if (v instanceof ConfigTable t) {
            for (String level : LEVELS) {
                t.field(level).filter(x -> x instanceof String).map(String::valueOf).ifPresent(target ->
                        out.add(target.startsWith("*") ? new Sink(target.substring(1), "", from(level), o, List.of(level))
                                : new Sink("file", target, from(level), o, List.of(level))));
            }
            for (int i = 0; i < t.list().size(); i++) {
                Object item = t.list().get(i);
                String entry = "#" + (i + 1);
                if (item instanceof String s && s.startsWith("*")) {
                    out.add(new Sink(s.substring(1), "", LEVELS, o, List.of(entry)));
                } else if (item instanceof ConfigTable sink) {
                    String to = sink.field("to").map(String::valueOf).orElse("");
                    String target = sink.field("filename").map(String::valueOf).orElse("");
                    List<String> at = sink.field("filename").isPresent() ? List.of(entry, "filename")
                            : sink.field("to").isPresent() ? List.of(entry, "to") : List.of(entry);
                    out.add(new Sink(to, target, levels(sink.field("levels").orElse(null)), o, at));
                }
            }
        }
        return out;
    }

    private static List<String> from(String min) {
        int i = LEVELS.indexOf(min);
        return i < 0 ? List.of() : LEVELS.subList(i, LEVELS.size());
    }

    /** Prosody's get_levels: a level name, {min=, max=}, and/or a list of names; absent means every level. */
    static List<String> levels(Object criteria) {
        if (criteria == null) {
            return LEVELS;
        }
        if (criteria instanceof String s) {
            return LEVELS.contains(s) ? List.of(s) : List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        if (criteria instanceof ConfigTable t) {
            Object min = t.field("min").orElse(null);
            Object max = t.field("max").orElse(null);
            if (min != null || max != null) {
                boolean inRange = false;
                for (String level : LEVELS) {
                    if (level.equals(min)) {
                        out.add(level);
                        inRange = true;
                    } else if (level.equals(max)) {
                        out.add(level);
                        return ordered(out);
                    } else if (inRange) {
                        out.add(level);
                    }
                }
            }
            for (String name : t.strings()) {
                if (LEVELS.contains(name)) {
                    out.add(name);
                }
            }
        }
        return ordered(out);
    }

    private static List<String> ordered(Set<String> out) {
        List<String> ordered = new ArrayList<>();
        LEVELS.stream().filter(out::contains).forEach(ordered::add);
        return ordered;
    }

    /**
     * logrotate's configuration; when /etc/logrotate.conf is missing (a partial copy of a system),
     * Debian's /etc/logrotate.d/prosody alone, with logrotate's built-in defaults.
     */
    private static LogrotateConfig logrotate(Target target) {
        LogrotateTargetSource source = new LogrotateTargetSource(target);
        LogrotateConfig main = LogrotateConfigResolver.load(source, LOGROTATE_CONF);
        if (!main.files().contains(LOGROTATE_CONF)) {
            return LogrotateConfigResolver.load(source, LOGROTATE_PACKAGE);
        }
        return main;
    }

    void put(Target target, FactSet.Builder facts) {
        List<Sink> sinks = sinks();
        Optional<LogrotateConfig> logrotate = sinks.stream().anyMatch(s -> s.to().equals("file"))
                ? Optional.of(logrotate(target)) : Optional.empty();
        List<Map<String, Object>> values = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        boolean notInstalled = logrotate.isPresent() && de.tomaudit.collect.host.LogrotatePresence.knownNotInstalled(target);
        for (Sink s : sinks) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("to", s.to());
            m.put("target", s.target());
            m.put("levels", s.levels());
            m.put("debug", s.debug());
            m.put("source", s.from() == null ? "default: log (console at info)" : s.from().source());
            String retention = "";
            if (s.to().equals("file")) {
                String path = s.target().startsWith("/") ? s.target()
                        : ProsodyPaths.resolve(c.config().mainFile(), s.target());
                m.put("target", path);
                Optional<LogrotateRule> rule = logrotate.flatMap(l -> l.ruleFor(path));
                if (rule.isPresent() && notInstalled) {
                    m.put("rotated", false);
                    m.put("retention_days", -1L);
                    m.put("rotation_source", rule.get().source());
                    values.add(m);
                    String text = AuditTexts.get("evidence.prosody.log-sink", s.to() + " " + m.get("target"), String.valueOf(s.levels()),
                            ", " + de.tomaudit.collect.host.LogrotatePresence.neverRun(rule.get().source()));
                    evidence.add(s.evidence(text));
                    continue;
                }
                m.put("rotated", rule.isPresent());
                m.put("retention_days", rule.flatMap(r -> r.settings().retentionDays()).orElse(-1L));
                m.put("rotation_source", rule.map(LogrotateRule::source).orElse(""));
                retention = rule.map(r -> r.settings().retentionDays().map(d -> AuditTexts.get("evidence.prosody.log-keeps", d,
                        r.source())).orElseGet(() -> AuditTexts.get("evidence.prosody.log-unbounded", r.source())))
                        .orElseGet(() -> AuditTexts.get("evidence.prosody.log-not-rotated"));
            } else {
                m.put("rotated", false);
                m.put("retention_days", -1L);
                m.put("rotation_source", "");
            }
            values.add(m);
            String text = AuditTexts.get("evidence.prosody.log-sink", s.to() + (s.target().isEmpty() ? "" : " " + m.get("target")),
                    String.valueOf(s.levels()), retention);
            evidence.add(s.evidence(text));
        }
        facts.put("prosody.log_sinks", values, evidence);
    }

}
