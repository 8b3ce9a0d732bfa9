package de.tomaudit.collect.bbb;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.collect.Collector;
import de.tomaudit.collect.PlannedAccess;
import de.tomaudit.collect.Reads;
import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Retention;
import de.tomaudit.target.FileContent;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BigBlueButton: bbb-web's layered properties, bbb-apps-akka.conf, the recording scripts' settings, the
 * daily cleanup (read, never run) and what it would delete, compared with the recordings on disk,
 * FreeSWITCH's event socket and external SIP profile, coturn, the STUN/TURN servers handed to clients
 * (processors), and, where the shared secret was read and the target has a probe address, the signed
 * API's view of meetings and recordings.
 *
 * <p>Facts (all under {@code bbb.}): {@code installed}, {@code version}, {@code web.*} (one per judged
 * bbb-web setting, lower case; {@code web.server_url}), {@code web.config_ok}, {@code shared_secret} and
 * {@code akka_shared_secret} (Secret), {@code recording.*}, {@code cleanup} (script, override sourced,
 * calls active/commented, variables), {@code cleanups} (every deleting find), {@code recordings} (kind raw,
 * published, unpublished, events: count, oldest_id, oldest_age_seconds, retention_seconds (-1 kept forever),
 * produced, source), {@code raw_oldest}, {@code presentations}, {@code log_retention}, {@code freeswitch.esl},
 * {@code freeswitch.sip_external}, {@code coturn}, {@code turn_stun}, {@code api}.
 */
public final class BbbCollector implements Collector {
    private static final Logger LOG = LoggerFactory.getLogger(BbbCollector.class);
    private final Clock clock;
    private final Duration apiTimeout;
    private final boolean apiCalls;

    public BbbCollector() {
        this(Clock.systemUTC(), Duration.ofSeconds(5));
    }

    BbbCollector(Clock clock, Duration apiTimeout) {
        this(clock, apiTimeout, true);
    }

    private BbbCollector(Clock clock, Duration apiTimeout, boolean apiCalls) {
        this.clock = clock;
        this.apiTimeout = apiTimeout;
        this.apiCalls = apiCalls;
    }

    /** The same collector without the signed API calls: {@code --no-probe} means no network request to the target. */
    public BbbCollector withoutApiCalls() {
        return new BbbCollector(clock, apiTimeout, false);
    }

    @Override
    public String id() {
        return "bbb";
    }

    @Override
    public Set<String> kinds() {
        return Set.of("bbb");
    }

    @Override
    public List<String> provides() {
        return List.of("bbb");
    }

    @Override
    public List<PlannedAccess> plan() {
        List<PlannedAccess> out = new ArrayList<>();
        out.add(PlannedAccess.read(BbbPaths.WEB_DEFAULTS, "bbb-web's default settings"));
        out.add(PlannedAccess.read(BbbPaths.WEB_OVERRIDE, "bbb-web's settings that override the defaults (shared secret: hashed;"
                + " where the target has a network address it signs getMeetings and getRecordings, counts only)"));
        out.add(PlannedAccess.read(BbbPaths.RELEASE, "BigBlueButton's release"));
        out.add(PlannedAccess.read(BbbPaths.AKKA, "akka-apps' settings (HOCON; shared secret: hashed)"));
        out.add(PlannedAccess.read("/usr/share/bbb-apps-akka/conf/application.conf", "akka-apps' defaults, included by bbb-apps-akka.conf"));
        out.add(PlannedAccess.read(BbbPaths.RECORDING_DEFAULTS, "recording scripts' settings (directories)"));
        out.add(PlannedAccess.read(BbbPaths.RECORDING_OVERRIDE, "recording scripts' overrides"));
        out.add(PlannedAccess.read(BbbPaths.CRON, "BigBlueButton's daily cleanup (read, never run)"));
        out.add(PlannedAccess.read(BbbPaths.CRON_OVERRIDE, "its variables (shell assignments, never run)"));
        BbbPaths.OTHER_CRON.forEach(c -> out.add(PlannedAccess.read(c, "other jobs that delete recordings")));
        for (String d : BbbPaths.FREESWITCH_CONF) {
            out.add(PlannedAccess.read(d + BbbPaths.ESL, "FreeSWITCH event socket (listen address; password: hashed)"));
            out.add(PlannedAccess.read(d + BbbPaths.SIP_EXTERNAL, "FreeSWITCH external SIP profile"));
            out.add(PlannedAccess.read(d + BbbPaths.FS_VARS, "FreeSWITCH variables used by both"));
            out.add(PlannedAccess.read(d + ComponentLogs.FS_LOGFILE, "FreeSWITCH's log file levels (debug or not)"));
        }
        out.add(PlannedAccess.read("/etc/bigbluebutton/nginx/*.nginx", "nginx locations BigBlueButton's vhost includes (2.x)"));
        out.add(PlannedAccess.read("/usr/share/bigbluebutton/nginx/*.nginx", "nginx locations BigBlueButton's vhost includes (3.x)"));
        out.add(PlannedAccess.read(ComponentLogs.LOGBACK, "bbb-web's logback: loggers at DEBUG, rotation (MaxHistory)"));
        out.add(PlannedAccess.read(ComponentLogs.SFU_DEFAULTS, "bbb-webrtc-sfu's defaults (log.level)"));
        out.add(PlannedAccess.read(ComponentLogs.SFU_OVERRIDE, "bbb-webrtc-sfu's overrides (log.level)"));
        out.add(PlannedAccess.read(BbbPaths.COTURN, "coturn (TLS, authentication, peer restrictions)"));
        out.add(PlannedAccess.read(BbbPaths.TURN_STUN_OVERRIDE, "STUN/TURN servers given to clients (processors)"));
        out.add(PlannedAccess.read(BbbPaths.TURN_STUN_DEFAULTS, "STUN/TURN servers given to clients (processors)"));
        out.add(PlannedAccess.list(BbbPaths.RECORDING_DIR + "/raw", "raw recordings (names only: id and time)"));
        out.add(PlannedAccess.list(BbbPaths.RECORDING_DIR + "/status/*", "recording status marks (.norecord, -presentation.done)"));
        out.add(PlannedAccess.list(BbbPaths.PUBLISHED_DIR + "/*", "published recordings per format (names only)"));
        out.add(PlannedAccess.list(BbbPaths.UNPUBLISHED_DIR + "/*", "unpublished recordings per format (names only)"));
        out.add(PlannedAccess.list(BbbPaths.EVENTS_DIR, "events.xml kept for meetings (names only)"));
        out.add(PlannedAccess.list("/var/bigbluebutton", "uploaded presentations per meeting (names only)"));
        // The signed API calls (getMeetings, getRecordings) go to the web port of the probe address, which the
        // probes' own plan lists (connect PROBE-ADDRESS:443) where the target has a network address.
        return out;
    }

    /** The signed API calls this collector makes on targets with a network address, for {@code --dry-run}. */
    public static List<PlannedAccess> apiPlan() {
        return BbbApi.plan();
    }

    @Override
    public void collect(Target target, FactSet.Builder facts) {
        try {
            collectChecked(target, facts);
        } catch (RuntimeException e) {
            LOG.info("bbb collector failed on {}: {}", target.name(), e.toString());
            facts.error("bbb", "collect", AuditTexts.get("collect.failed", "bbb", e.getClass().getSimpleName()));
        }
    }

    private void collectChecked(Target target, FactSet.Builder facts) {
        if (!exists(target, BbbPaths.WEB_DEFAULTS) && !exists(target, BbbPaths.WEB_OVERRIDE)) {
            facts.put("bbb.installed", false, Evidence.file(BbbPaths.WEB_DEFAULTS, AuditTexts.get("evidence.bbb.not-found")));
            facts.notApplicable("bbb", AuditTexts.get("na.bbb.not-installed", BbbPaths.WEB_DEFAULTS));
            return;
        }
        facts.put("bbb.installed", true, Evidence.file(exists(target, BbbPaths.WEB_DEFAULTS) ? BbbPaths.WEB_DEFAULTS
                : BbbPaths.WEB_OVERRIDE, "present"));
        putVersion(target, facts);
        BbbWebSettings web = BbbWebSettings.read(target, facts);
        web.put(facts);
        AkkaConfig.read(target, facts);
        RecordingConfig rc = RecordingConfig.read(target, facts);
        rc.put(facts);

        List<CleanupScript.Cleanup> cleanups = cleanups(target, facts);
        boolean recordingPossible = !"true".equalsIgnoreCase(web.text("disableRecordingDefault").orElse("false"));
        boolean keepEvents = "true".equalsIgnoreCase(web.text("defaultKeepEvents").orElse("false"));
        RecordingStore.RecordingDirs dirs = new RecordingStore.RecordingDirs(
                rc.dir("recording_dir", BbbPaths.RECORDING_DIR),
                rc.dir("published_dir", web.text("publishedDir").filter(s -> s.startsWith("/")).orElse(BbbPaths.PUBLISHED_DIR)),
                web.text("unpublishedDir").filter(s -> s.startsWith("/")).orElse(BbbPaths.UNPUBLISHED_DIR).replaceAll("/+$", ""),
                rc.dir("events_dir", BbbPaths.EVENTS_DIR),
                rc.dir("raw_presentation_src", "/var/bigbluebutton"));
        new RecordingStore(target, clock.instant()).put(dirs, cleanups, recordingPossible, keepEvents, facts);
        putLogRetention(cleanups, facts);
        putSettingRetentions(web, facts);

        FreeswitchConfig.read(target, facts);
        CoturnConfig.read(target, facts);
        ComponentLogs.read(target, BbbPaths.FREESWITCH_CONF, facts);
        Optional<String> serverUrl = web.text("bigbluebutton.web.serverURL").filter(s -> !s.isBlank());
        putDomain(web, serverUrl, facts);
        TurnStunServers.read(target, serverUrl.flatMap(TurnStunServers::hostOf), facts);
        api(target, web, serverUrl, facts);
    }

    /** {@code bbb.domain}: the host of bbb-web's serverURL, which names the nginx vhost (bbb.nginx-tls). */
    private static void putDomain(BbbWebSettings web, Optional<String> serverUrl, FactSet.Builder facts) {
        Optional<String> host = serverUrl.flatMap(TurnStunServers::hostOf);
        if (host.isEmpty()) {
            facts.notApplicable("bbb.domain", AuditTexts.get("na.bbb.no-server-url"));
            return;
        }
        String source = web.properties().entry("bigbluebutton.web.serverURL").map(e -> e.source()).orElse(BbbPaths.WEB_DEFAULTS);
        facts.put("bbb.domain", host.get(), new Evidence(source, AuditTexts.get("evidence.bbb.server-url", host.get())));
    }

    private void api(Target target, BbbWebSettings web, Optional<String> serverUrl, FactSet.Builder facts) {
        if (!apiCalls) {
            facts.notApplicable("bbb.api", AuditTexts.get("na.bbb.api.no-probe"));
            return;
        }
        Optional<String> probe = target.probeHost();
        if (probe.isEmpty()) {
            facts.notApplicable("bbb.api", AuditTexts.get("na.bbb.api.no-address", target.address()));
            return;
        }
        Optional<ApiSigner> signer = web.signer();
        if (signer.isEmpty()) {
            facts.notApplicable("bbb.api", AuditTexts.get("na.bbb.api.no-secret"));
            return;
        }
        if (serverUrl.isEmpty() || TurnStunServers.hostOf(serverUrl.get()).isEmpty()) {
            facts.notApplicable("bbb.api", AuditTexts.get("na.bbb.api.no-server-url"));
            return;
        }
        String algorithm = ApiSigner.choose(web.text("supportedChecksumAlgorithms").orElse("sha1,sha256"));
        new BbbApi(serverUrl.get(), probe.get(), signer.get(), algorithm, apiTimeout).put(clock.instant(), facts);
    }

    private static void putVersion(Target target, FactSet.Builder facts) {
        try {
            FileContent f = target.read(BbbPaths.RELEASE);
            List<String> lines = f.lines();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith("BIGBLUEBUTTON_RELEASE=")) {
                    String v = lines.get(i).substring("BIGBLUEBUTTON_RELEASE=".length()).strip();
                    facts.put("bbb.version", v, Evidence.at(BbbPaths.RELEASE, i + 1, v));
                    return;
                }
            }
        } catch (TargetException e) {
            // the version is informative only
        }
    }

    /** The daily cleanup and every other cron job that deletes under the recording directories. */
    private static List<CleanupScript.Cleanup> cleanups(Target target, FactSet.Builder facts) {
        List<CleanupScript.Cleanup> all = new ArrayList<>();
        Optional<String> override = Reads.optionalFile(target, BbbPaths.CRON_OVERRIDE, "bbb.cleanup", facts).map(FileContent::text);
        Optional<FileContent> script = Reads.optionalFile(target, BbbPaths.CRON, "bbb.cleanup", facts);
        if (script.isPresent()) {
            CleanupScript s = CleanupScript.parse(BbbPaths.CRON, script.get().text(), BbbPaths.CRON_OVERRIDE, override);
            all.addAll(s.cleanups());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("script", BbbPaths.CRON);
            m.put("override_sourced", s.sourcedOverride().isPresent());
            m.put("override_exists", override.isPresent());
            List<Map<String, Object>> calls = new ArrayList<>();
            for (CleanupScript.Call c : s.calls()) {
                Map<String, Object> call = new LinkedHashMap<>();
                call.put("function", c.function());
                call.put("active", c.active());
                call.put("source", c.source());
                calls.add(call);
            }
            m.put("calls", calls);
            Map<String, Object> vars = new LinkedHashMap<>();
            s.variables().forEach((k, v) -> vars.put(k, v.value().orElse("")));
            m.put("variables", vars);
            List<Evidence> ev = new ArrayList<>();
            s.calls().forEach(c -> ev.add(new Evidence(c.source(), AuditTexts.get(c.active() ? "evidence.bbb.called" : "evidence.bbb.commented-out", c.function()))));
            s.variables().values().forEach(v -> ev.add(new Evidence(v.source(), v.name() + "=" + v.value().orElseGet(() -> AuditTexts.get("evidence.bbb.unknown-value")))));
            s.sourcedOverride().ifPresent(src -> ev.add(new Evidence(src, AuditTexts.get("evidence.bbb.sources", BbbPaths.CRON_OVERRIDE))));
            facts.put("bbb.cleanup", m, ev);
            for (String p : s.overrideProblems()) {
                facts.error("bbb.cleanup.override", "parse", p);
            }
            if (override.isPresent() && s.sourcedOverride().isEmpty()) {
                facts.put("bbb.cleanup.override_ignored", true, Evidence.file(BbbPaths.CRON_OVERRIDE,
                        AuditTexts.get("evidence.bbb.override-ignored", BbbPaths.CRON)));
            }
        } else {
            facts.put("bbb.cleanup", Map.of("script", "", "override_sourced", false, "override_exists", override.isPresent(),
                    "calls", List.of(), "variables", Map.of()), Evidence.file(BbbPaths.CRON, AuditTexts.get("evidence.bbb.no-cron")));
        }
        for (String pattern : BbbPaths.OTHER_CRON) {
            for (String file : Reads.glob(target, pattern, "bbb.cleanup.other", facts)) {
                if (file.equals(BbbPaths.CRON)) {
                    continue;
                }
                try {
                    FileContent f = target.read(file);
                    if (f.looksBinary() || !f.text().contains("/var/bigbluebutton")) {
                        continue;
                    }
                    all.addAll(CleanupScript.parse(file, f.text(), BbbPaths.CRON_OVERRIDE, Optional.empty()).cleanups());
                } catch (TargetException e) {
                    if (!e.isAbsence()) {
                        facts.error("bbb.cleanup.other", "read", e.getMessage());
                    }
                }
            }
        }
        List<Map<String, Object>> list = new ArrayList<>();
        List<Evidence> ev = new ArrayList<>();
        for (CleanupScript.Cleanup c : all) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", c.kind().name().toLowerCase(java.util.Locale.ROOT));
            m.put("dir", c.dir());
            m.put("days", c.days().isPresent() ? c.days().getAsLong() : -1L);
            m.put("active", c.active());
            m.put("function", c.function());
            m.put("source", c.source());
            list.add(m);
            ev.add(new Evidence(c.source(), "find " + c.dir() + " -mtime " + c.daysText() + (c.active() ? "" : " (" + AuditTexts.get("evidence.bbb.not-run", c.function()) + ")") + (c.unknownBecause().isEmpty() ? "" : " (" + c.unknownBecause() + ")")));
        }
        facts.put("bbb.cleanups", list, ev);
        return all;
    }

    private static void putLogRetention(List<CleanupScript.Cleanup> cleanups, FactSet.Builder facts) {
        List<Map<String, Object>> logs = new ArrayList<>();
        List<Evidence> ev = new ArrayList<>();
        for (String dir : List.of("/var/log/bigbluebutton", "/var/log/bbb-webrtc-sfu", "/opt/freeswitch/var/log/freeswitch")) {
            Optional<CleanupScript.Cleanup> c = cleanups.stream().filter(CleanupScript.Cleanup::active)
                    .filter(x -> x.kind() == CleanupScript.Kind.DELETE && RecordingStore.covers(x.dir(), dir))
                    .filter(x -> x.days().isPresent())
                    .min(java.util.Comparator.comparingLong(x -> x.days().getAsLong()));
            Optional<CleanupScript.Cleanup> unknown = cleanups.stream().filter(CleanupScript.Cleanup::active)
                    .filter(x -> x.kind() == CleanupScript.Kind.DELETE && RecordingStore.covers(x.dir(), dir) && x.days().isEmpty())
                    .findFirst();
            if (unknown.isPresent() && c.isEmpty()) {
                facts.error("bbb.log_retention", "parse", unknown.get().unknownBecause());
                return;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", dir);
            m.put("retention_days", c.map(x -> x.days().getAsLong()).orElse(-1L));
            m.put("source", c.map(CleanupScript.Cleanup::source).orElse(""));
            logs.add(m);
            ev.add(new Evidence(c.map(CleanupScript.Cleanup::source).orElse(dir), c.map(x -> AuditTexts.get("evidence.bbb.log-deleted", dir,
                    String.valueOf(x.days().getAsLong()), x.daysText())).orElseGet(() -> AuditTexts.get("evidence.bbb.log-kept", dir))));
            String subject = AuditTexts.get("retention.bbb.logs", dir);
            facts.retention(c.map(x -> Retention.of(subject, Duration.ofDays(x.days().getAsLong()), x.source(), false))
                    .orElse(Retention.forever(subject, BbbPaths.CRON, false)));
        }
        facts.put("bbb.log_retention", logs, ev);
    }

    private static void putSettingRetentions(BbbWebSettings web, FactSet.Builder facts) {
        String expiry = web.text("redisKeyExpiry").orElse("");
        if (expiry.matches("\\d{1,12}")) {
            boolean byDefault = !web.properties().contains("redisKeyExpiry");
            facts.retention(Retention.of(AuditTexts.get("retention.bbb.redis"),
                    Duration.ofSeconds(Long.parseLong(expiry)), web.properties().entry("redisKeyExpiry")
                            .map(e -> e.source()).orElse("default: bbb-web redisKeyExpiry"), byDefault));
        }
        String delay = web.text("learningDashboardCleanupDelayInMinutes").orElse("");
        if (delay.matches("\\d{1,9}")) {
            String src = web.properties().entry("learningDashboardCleanupDelayInMinutes").map(e -> e.source())
                    .orElse("default: bbb-web learningDashboardCleanupDelayInMinutes");
            String subject = AuditTexts.get("retention.bbb.dashboard");
            facts.retention(Long.parseLong(delay) == 0 ? Retention.forever(subject, src, false)
                    : Retention.of(subject, Duration.ofMinutes(Long.parseLong(delay)), src, false));
        }
    }

    private static boolean exists(Target target, String path) {
        try {
            return target.exists(path);
        } catch (TargetException e) {
            return false;
        }
    }
}
