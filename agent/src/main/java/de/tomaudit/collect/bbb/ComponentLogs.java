package de.tomaudit.collect.bbb;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.collect.Reads;
import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Retention;
import de.tomaudit.parse.xml.SafeXml;
import de.tomaudit.parse.xml.XmlNode;
import de.tomaudit.parse.xml.XmlRefused;
import de.tomaudit.parse.yaml.YamlDocuments;
import de.tomaudit.parse.yaml.YamlException;
import de.tomaudit.parse.yaml.YamlNode;
import de.tomaudit.target.FileContent;
import de.tomaudit.target.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How verbosely BigBlueButton's components log, each from its own file, with the line that decides:
 * <ul>
 *   <li>{@code bbb.web.logback}: bbb-web's logback ({@code WEB-INF/classes/logback.xml}, packaged from
 *       bigbluebutton-web/grails-app/conf/logback.xml): the loggers at DEBUG, TRACE or ALL, the root
 *       level, and the daily file's {@code MaxHistory} (14 days upstream), which also goes into the
 *       retention table;</li>
 *   <li>{@code bbb.freeswitch.logfile}: FreeSWITCH's {@code autoload_configs/logfile.conf.xml}: whether a
 *       {@code map} writes debug (BBB ships {@code info,notice,warning,err,crit,alert});</li>
 *   <li>{@code bbb.webrtc_sfu.log_level}: bbb-webrtc-sfu's {@code log.level} in its
 *       {@code config/default.yml}, overridden by {@code /etc/bigbluebutton/bbb-webrtc-sfu/production.yml}
 *       (the node "config" module merges the override over the defaults).</li>
 * </ul>
 * Only levels and periods are read; a file that is absent leaves its fact unknown (not-applicable).
 */
final class ComponentLogs {
    static final String LOGBACK = BbbPaths.LOGBACK;
    static final String FS_LOGFILE = "/autoload_configs/logfile.conf.xml";
    static final String SFU_DEFAULTS = "/usr/local/bigbluebutton/bbb-webrtc-sfu/config/default.yml";
    static final String SFU_OVERRIDE = "/etc/bigbluebutton/bbb-webrtc-sfu/production.yml";
    /** Logback levels that write every API call with its parameters. */
    static final Set<String> VERBOSE_LOGBACK = Set.of("DEBUG", "TRACE", "ALL");
    /** winston levels below info (bbb-webrtc-sfu logs with winston). */
    static final Set<String> VERBOSE_SFU = Set.of("verbose", "debug", "silly", "trace");

    private ComponentLogs() { }

    static void read(Target target, List<String> freeswitchDirs, FactSet.Builder facts) {
        logback(target, facts);
        freeswitch(target, freeswitchDirs, facts);
        sfu(target, facts);
    }

    private static void logback(Target target, FactSet.Builder facts) {
        String key = "bbb.web.logback";
        Optional<FileContent> f = Reads.optionalFile(target, LOGBACK, key, facts);
        if (f.isEmpty()) {
            facts.notApplicable(key, AuditTexts.get("na.not-found", LOGBACK));
            return;
        }
        XmlNode root;
        try {
            root = SafeXml.parse(LOGBACK, f.get().text());
        } catch (XmlRefused e) {
            facts.error(key, "parse", e.getMessage());
            return;
        }
        List<String> verbose = new ArrayList<>();
        List<Evidence> ev = new ArrayList<>();
        for (XmlNode logger : root.children("logger")) {
            String level = logger.attribute("level").orElse("").strip().toUpperCase(Locale.ROOT);
            if (VERBOSE_LOGBACK.contains(level)) {
                String name = logger.attribute("name").orElse("");
                verbose.add(name);
                ev.add(new Evidence(LOGBACK + ":" + logger.line(), "logger " + name + " at " + level));
            }
        }
        String rootLevel = root.child("root").flatMap(r -> r.attribute("level")).orElse("DEBUG").strip().toUpperCase(Locale.ROOT);
        root.child("root").ifPresent(r -> ev.add(new Evidence(LOGBACK + ":" + r.line(), AuditTexts.get("evidence.bbb.root-logger", rootLevel))));
        long maxHistory = -1;
        Optional<XmlNode> history = root.descendants("MaxHistory").stream().findFirst()
                .or(() -> root.descendants("maxHistory").stream().findFirst());
        if (history.isPresent() && history.get().text().strip().matches("\\d{1,6}")) {
            maxHistory = Long.parseLong(history.get().text().strip());
            ev.add(new Evidence(LOGBACK + ":" + history.get().line(), AuditTexts.get("evidence.bbb.max-history", String.valueOf(maxHistory))));
            facts.retention(Retention.of(AuditTexts.get("retention.bbb.web-log"),
                    Duration.ofDays(maxHistory), LOGBACK + ":" + history.get().line(), false));
        } else {
            ev.add(new Evidence(LOGBACK, AuditTexts.get("evidence.bbb.no-max-history")));
            facts.retention(Retention.forever(AuditTexts.get("retention.bbb.web-log-unbounded"),
                    LOGBACK, false));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verbose_loggers", verbose);
        m.put("root_level", rootLevel);
        m.put("max_history_days", maxHistory);
        facts.put(key, m, ev);
    }

    private static void freeswitch(Target target, List<String> dirs, FactSet.Builder facts) {
        String key = "bbb.freeswitch.logfile";
        for (String dir : dirs) {
            String path = dir + FS_LOGFILE;
            Optional<FileContent> f = Reads.optionalFile(target, path, key, facts);
            if (f.isEmpty()) {
                continue;
            }
            XmlNode root;
            try {
                root = SafeXml.parse(path, f.get().text());
            } catch (XmlRefused e) {
                facts.error(key, "parse", e.getMessage());
                return;
            }
            boolean debug = false;
            List<String> maps = new ArrayList<>();
            List<Evidence> ev = new ArrayList<>();
            for (XmlNode map : root.descendants("map")) {
                String value = map.attribute("value").orElse("").toLowerCase(Locale.ROOT);
                boolean d = List.of(value.split("\\s*,\\s*")).stream().anyMatch(v -> v.equals("debug") || v.equals("all"));
                debug |= d;
                maps.add(map.attribute("name").orElse("") + "=" + value);
                ev.add(new Evidence(path + ":" + map.line(), "map " + map.attribute("name").orElse("") + ": " + value
                        + (d ? " " + AuditTexts.get("evidence.bbb.writes-debug") : "")));
            }
            if (maps.isEmpty()) {
                ev.add(new Evidence(path, AuditTexts.get("evidence.bbb.no-mappings")));
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("debug", debug);
            m.put("maps", maps);
            facts.put(key, m, ev);
            return;
        }
        facts.notApplicable(key, AuditTexts.get("na.bbb.freeswitch-log-conf", String.join(", ", dirs)));
    }

    private static void sfu(Target target, FactSet.Builder facts) {
        String key = "bbb.webrtc_sfu.log_level";
        String level = null;
        String source = null;
        for (String file : new String[] {SFU_DEFAULTS, SFU_OVERRIDE}) {
            Optional<FileContent> f = Reads.optionalFile(target, file, key, facts);
            if (f.isEmpty()) {
                continue;
            }
            try {
                Optional<YamlNode> root = YamlDocuments.parse(file, f.get().text());
                if (root.isEmpty() || !root.get().isMapping()) {
                    continue;
                }
                Optional<YamlNode> log = root.get().get("log");
                if (log.isPresent() && log.get().isMapping()) {
                    Optional<YamlNode> l = log.get().get("level");
                    if (l.isPresent() && l.get().isScalar()) {
                        level = l.get().text().strip().toLowerCase(Locale.ROOT);
                        source = l.get().location();
                    }
                }
            } catch (YamlException e) {
                facts.error(key, "parse", e.getMessage());
                return;
            }
        }
        if (level == null) {
            facts.notApplicable(key, AuditTexts.get("na.bbb.sfu-no-level", SFU_DEFAULTS, SFU_OVERRIDE));
            return;
        }
        facts.put(key, level, new Evidence(source, "log.level " + level
                + (VERBOSE_SFU.contains(level) ? " " + AuditTexts.get("evidence.bbb.sfu-verbose") : "")));
    }
}
