package de.tomaudit.collect.prosody;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.collect.Collector;
import de.tomaudit.collect.PlannedAccess;
import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.parse.lua.ConfigProblem;
import de.tomaudit.parse.lua.ConfigSection;
import de.tomaudit.parse.lua.ProsodyConfig;
import de.tomaudit.parse.lua.ProsodyConfigEvaluator;
import de.tomaudit.parse.lua.ProsodyEvaluation;
import de.tomaudit.parse.lua.SandboxLimits;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prosody: its configuration evaluated in the Lua sandbox (with includes), the release line
 * whose defaults apply, and from that the facts the prosody.* rules judge, the endpoints for the
 * network probes, the retention table entries (with the upload store inspected) and the secrets.
 *
 * <p>Facts (all under {@code prosody.}): {@code installed} (bool), {@code version} (string),
 * {@code defaults} ("0.12" or "13"), {@code config_ok} (bool), {@code config_error} (map kind,
 * message, source; only when not ok), {@code config_files} (list), {@code config_warnings} (list
 * of message, source), {@code hosts} (list of name, type, module, enabled, modules, source);
 * per host lists of {host, value, source, default} for {@code c2s_require_encryption},
 * {@code s2s_require_encryption}, {@code s2s_secure_auth}, {@code allow_unencrypted_plain_auth},
 * {@code authentication}; {@code s2s_insecure_domains} and {@code s2s_secure_domains} (host,
 * domains, source); {@code registration} (host, mode open|invite|closed, allow_registration,
 * throttled …); {@code tls_profile} (map value, source, default); {@code ssl_overrides} (host,
 * option, protocol, ciphers, weak_ciphers, legacy, source); {@code contact_info} (host, module,
 * configured, abuse, security …); {@code push} (host, cloud_notify, with_body, with_sender);
 * {@code mam} (host, expires, expires_seconds (-1 never), expires_valid, policy, store,
 * store_deletes yes|no|unknown …); {@code muc_mam}; {@code http_file_share} and
 * {@code http_upload} (host, expires_seconds, base_url, pruned, store, files, oldest_age_seconds,
 * verified holds|exceeds|empty|missing|unreadable|not-expiring); {@code log_sinks} (to, target,
 * levels, debug, rotated, retention_days); {@code admin_console} (telnet, shell, interfaces,
 * ports, exposed); {@code secrets} (host, option, value as Secret, source). Endpoints:
 * {@code endpoints.prosody} (host, port, starttls, tls, service, xmpp_domain, source).
 */
public final class ProsodyCollector implements Collector {
    static final List<String> CONFIGS = List.of("/etc/prosody/prosody.cfg.lua", "/usr/local/etc/prosody/prosody.cfg.lua");
    static final List<String> BINARIES = List.of("/usr/bin/prosody", "/usr/local/bin/prosody");
    static final List<String> VERSION_FILES = List.of("/usr/lib/prosody/prosody.version",
            "/usr/local/lib/prosody/prosody.version");
    static final String ENDPOINTS = "endpoints.prosody";
    private static final Logger LOG = LoggerFactory.getLogger(ProsodyCollector.class);

    private final List<String> configs;
    private final Clock clock;
    private final SandboxLimits limits;

    public ProsodyCollector() {
        this(CONFIGS, Clock.systemUTC(), SandboxLimits.DEFAULT);
    }

    ProsodyCollector(Clock clock, SandboxLimits limits) {
        this(CONFIGS, clock, limits);
    }

    /** @param configs where the main configuration may be, first existing wins (tests point at the test bed's) */
    ProsodyCollector(List<String> configs, Clock clock, SandboxLimits limits) {
        this.configs = List.copyOf(configs);
        this.clock = clock;
        this.limits = limits;
    }

    @Override
    public String id() {
        return "prosody";
    }

    @Override
    public Set<String> kinds() {
        return Set.of("prosody");
    }

    @Override
    public List<String> provides() {
        return List.of("prosody", ENDPOINTS);
    }

    @Override
    public List<PlannedAccess> plan() {
        List<PlannedAccess> out = new ArrayList<>();
        BINARIES.forEach(b -> out.add(PlannedAccess.stat(b, "whether Prosody is installed")));
        VERSION_FILES.forEach(v -> out.add(PlannedAccess.read(v, "Prosody's version (which defaults apply)")));
        configs.forEach(c -> out.add(PlannedAccess.read(c, "Prosody configuration, evaluated in a Lua sandbox")));
        out.add(PlannedAccess.list("/etc/prosody/conf.d", "Include globs of the configuration (any directory it names)"));
        out.add(PlannedAccess.read("/etc/prosody/conf.d/*.cfg.lua",
                "included configuration files (and any file named by Include, FileContents, FileLine, FileLines)"));
        out.add(PlannedAccess.read(ProsodyLogSinks.LOGROTATE_CONF, "how long logrotate keeps Prosody's log files"));
        out.add(PlannedAccess.read("/etc/logrotate.d/*", "how long logrotate keeps Prosody's log files"));
        out.add(PlannedAccess.list("/var/lib/prosody/*/http_file_share",
                "uploads of mod_http_file_share (names only; data_path from the configuration)"));
        out.add(PlannedAccess.stat("/var/lib/prosody/*/http_file_share/*", "age of the oldest upload"));
        out.add(PlannedAccess.list("/var/lib/prosody/http_upload", "uploads of mod_http_upload (names only)"));
        out.add(PlannedAccess.stat("/var/lib/prosody/http_upload/*", "age of the oldest upload"));
        return out;
    }

    @Override
    public void collect(Target target, FactSet.Builder facts) {
        try {
            collectChecked(target, facts);
        } catch (RuntimeException e) {
            LOG.info("prosody collector failed on {}: {}", target.name(), de.tomaudit.facts.Crash.describe(e));
            facts.error("prosody", "collect", AuditTexts.get("collect.failed", "prosody", de.tomaudit.facts.Crash.describe(e)));
            facts.error(ENDPOINTS, "collect", AuditTexts.get("collect.failed", "prosody", de.tomaudit.facts.Crash.describe(e)));
        }
    }

    private void collectChecked(Target target, FactSet.Builder facts) {
        Optional<String> config = firstExisting(target, configs);
        Optional<String> binary = firstExisting(target, BINARIES);
        if (config.isEmpty() && binary.isEmpty()) {
            facts.put("prosody.installed", false, Evidence.file(BINARIES.get(0), AuditTexts.get("evidence.prosody.not-found")),
                    Evidence.file(configs.get(0), AuditTexts.get("evidence.prosody.not-found")));
            facts.notApplicable("prosody", AuditTexts.get("na.prosody.not-installed", BINARIES.get(0), configs.get(0)));
            facts.notApplicable(ENDPOINTS, AuditTexts.get("na.not-installed", "Prosody"));
            return;
        }
        facts.put("prosody.installed", true, config.map(c -> Evidence.file(c, AuditTexts.get("evidence.prosody.present")))
                .orElseGet(() -> Evidence.file(binary.get(), AuditTexts.get("evidence.prosody.present"))));
        ProsodyVersion version = putVersion(target, facts);
        if (config.isEmpty()) {
            String why = "Prosody is installed (" + binary.get() + ") but none of " + configs + " exists";
            facts.error("prosody", "read", why);
            facts.error(ENDPOINTS, "read", why);
            return;
        }
        ProsodyEvaluation evaluation = new ProsodyConfigEvaluator(new ProsodyTargetSource(target), limits, Map.of())
                .evaluate(config.get());
        facts.put("prosody.config_files", evaluation.files(), evaluation.files().stream()
                .map(f -> Evidence.file(f, AuditTexts.get("evidence.prosody.evaluated"))).toList());
        if (!evaluation.ok()) {
            ConfigProblem p = evaluation.failure().orElseThrow();
            putFailure(p, facts);
            return;
        }
        ProsodyConfig cfg = evaluation.config().orElseThrow();
        facts.put("prosody.config_ok", true, Evidence.file(cfg.mainFile(),
                AuditTexts.get("evidence.prosody.sandbox", cfg.files().size())));
        putWarnings(cfg, facts);
        EffectiveConfig effective = new EffectiveConfig(cfg, version);
        putHosts(effective, facts);
        new ProsodySecurityFacts(effective).put(facts);
        new ProsodyRetentionFacts(effective).put(target, new UploadStoreInspector(clock.instant()), facts);
        new ProsodyLogSinks(effective).put(target, facts);
        new ProsodyEndpoints(effective).put(facts);
        ProsodySecrets.put(effective, facts);
    }

    private static void putFailure(ConfigProblem p, FactSet.Builder facts) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("kind", p.kind().name().toLowerCase(java.util.Locale.ROOT));
        error.put("message", p.message());
        error.put("source", p.source());
        String kind = AuditTexts.get("parse.prosody.kind." + p.kind().name().toLowerCase(java.util.Locale.ROOT));
        String message = p.kind() == ConfigProblem.Kind.SYNTAX || p.kind() == ConfigProblem.Kind.RUNTIME
                ? de.tomaudit.i18n.LibraryMessages.lua(p.message()) : p.message();
        Evidence where = Evidence.at(p.file(), p.line(), kind + ": " + message);
        facts.put("prosody.config_ok", false, where);
        facts.put("prosody.config_error", error, where);
        String why = AuditTexts.get("parse.prosody.unsafe", p.source() + ": " + message);
        facts.error("prosody", "parse", why);
        facts.error(ENDPOINTS, "parse", why);
    }

    private static void putWarnings(ProsodyConfig cfg, FactSet.Builder facts) {
        List<Map<String, Object>> values = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        for (ConfigProblem w : cfg.warnings()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("message", w.message());
            m.put("source", w.source());
            values.add(m);
            evidence.add(Evidence.at(w.file(), w.line(), w.message()));
        }
        facts.put("prosody.config_warnings", values, evidence);
    }

    private static void putHosts(EffectiveConfig c, FactSet.Builder facts) {
        List<Map<String, Object>> values = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        for (ConfigSection s : c.config().hosts()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("type", s.kind() == ConfigSection.Kind.COMPONENT ? "component" : "virtualhost");
            m.put("module", s.componentModule().orElse(""));
            m.put("enabled", c.enabled(s.name()));
            m.put("modules", List.copyOf(c.modules(s.name())));
            m.put("source", s.source());
            values.add(m);
            evidence.add(new Evidence(s.source(), (s.kind() == ConfigSection.Kind.COMPONENT ? "Component \"" : "VirtualHost \"")
                    + s.name() + "\"" + s.componentModule().map(mod -> " \"" + mod + "\"").orElse("")
                    + (c.enabled(s.name()) ? "" : " (disabled)")));
        }
        facts.put("prosody.hosts", values, evidence);
    }

    /** The version from Prosody's version file; unknown means 0.12 (Debian 12), said so in the evidence. */
    private static ProsodyVersion putVersion(Target target, FactSet.Builder facts) {
        for (String file : VERSION_FILES) {
            try {
                String text = target.read(file).text().strip();
                Optional<ProsodyVersion> v = ProsodyVersion.of(text);
                if (v.isPresent()) {
                    facts.put("prosody.version", text, Evidence.at(file, 1, text));
                    facts.put("prosody.defaults", v.get().line(), Evidence.at(file, 1, AuditTexts.get("evidence.prosody.defaults-of", v.get().line())));
                    return v.get();
                }
            } catch (TargetException e) {
                // try the next place; an unknown version falls back to 0.12 below
            }
        }
        facts.put("prosody.version", "unknown", Evidence.byDefault(AuditTexts.get("evidence.prosody.version"),
                AuditTexts.get("evidence.prosody.version-not-found", String.valueOf(VERSION_FILES))));
        facts.put("prosody.defaults", ProsodyVersion.V0_12.line(), Evidence.byDefault(AuditTexts.get("evidence.prosody.version"),
                AuditTexts.get("evidence.prosody.version-assumed")));
        return ProsodyVersion.V0_12;
    }

    private static Optional<String> firstExisting(Target target, List<String> paths) {
        for (String p : paths) {
            try {
                if (target.exists(p)) {
                    return Optional.of(p);
                }
            } catch (TargetException e) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
