package de.tomaudit.collect.ejabberd;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.collect.TargetConfigSource;

import de.tomaudit.collect.Collector;
import de.tomaudit.collect.PlannedAccess;
import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.parse.ejabberd.ConfigProblem;
import de.tomaudit.parse.ejabberd.EjValue;
import de.tomaudit.parse.ejabberd.EjabberdConfig;
import de.tomaudit.parse.ejabberd.EjabberdConfigReader;
import de.tomaudit.parse.ejabberd.EjabberdctlSettings;
import de.tomaudit.parse.ejabberd.Loc;
import de.tomaudit.parse.ejabberd.MamExpiryJob;
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
 * ejabberd (as Debian 12 ships it, 23.01; other releases where they differ): ejabberdctl.cfg, ejabberd.yml
 * with its includes, macros, host_config and the contrib modules' files, read as ejabberd reads them
 * ({@link EjabberdConfigReader}); defaults of the installed release where an option is absent; the upload
 * store's oldest file; scheduled archive expiry jobs. No command is run. Facts (all under {@code ejabberd.}
 * unless noted; lists of maps carry a {@code source} "file:line"):
 * <ul>
 *   <li>{@code installed} Boolean; {@code version} String ("23.01"); {@code config_file} String;
 *       {@code config_files} List&lt;String&gt; (main, includes, contrib module files);
 *       {@code config_problems} List of {source, message, fatal}: anything ejabberd would refuse or read
 *       differently than it looks (errors make every config fact below an {@code error});
 *       {@code hosts} List&lt;String&gt;.</li>
 *   <li>{@code listeners} List of {port (Long, or String for unix sockets), ip, transport, module, public
 *       (not loopback), tls, starttls, starttls_required, offers_tls, protocol_options (List, effective:
 *       top-level c2s_/s2s_protocol_options replace the listener's; empty = ejabberd's default, only SSLv3
 *       off), protocol_options_source, ciphers, handlers (List "path=module"), handler_modules (List)}.</li>
 *   <li>{@code endpoints.ejabberd} List of {host, port, starttls ("xmpp-client"|"xmpp-server"|"none"), tls,
 *       service ("xmpp-client"|"xmpp-server"|"http"), xmpp_domain, source}: what the network probes should try.</li>
 *   <li>{@code s2s_use_starttls} String (false|true|optional|required); {@code s2s_protocol_options} List
 *       (outgoing s2s); {@code host_overrides} List of {host, option, value, values, source} for
 *       s2s_use_starttls, hide_sensitive_log_data, c2s_/s2s_protocol_options, c2s_/s2s_ciphers set in
 *       host_config.</li>
 *   <li>{@code auth} List per host of {host, methods (List), internal (Boolean: mnesia/internal/sql),
 *       password_format (plain|scram), scram_hash (sha|sha256|sha512), stored_password_types (List, 25.03+),
 *       stored_password_types_supported}.</li>
 *   <li>{@code loglevel} String (none..debug; legacy numbers mapped); {@code hide_sensitive_log_data} Boolean;
 *       {@code log_rotate_count} Long; {@code log_rotate_size} Long bytes or String "infinity";
 *       {@code log_files} List&lt;String&gt; (ejabberd.log and error.log: they hold client IPs unless
 *       hide_sensitive_log_data).</li>
 *   <li>{@code mam} List per host of {host, enabled, default (always|never|roster), db_type};
 *       {@code mam_expiry_jobs} List of {source, command, type, days (Long, -1 unknown)} found in cron,
 *       systemd units or mod_cron.</li>
 *   <li>{@code upload} List per host of {host, enabled, docroot, quota_enabled, max_days (Long, -1 = never),
 *       expires, store_exists, store_checked, files (Long), oldest_days (Double), holds (oldest file not older
 *       than max_days plus the one day between daily sweeps)}.</li>
 *   <li>{@code register} List per host of {host, enabled, access, access_everyone, ip_access,
 *       ip_access_public, captcha_protected, invites (mod_invites, 26.01+)}.</li>
 *   <li>{@code api_permissions} List of {name, from (List; empty = all), public_caller, who, what (List),
 *       grants_commands, http_api (applies to mod_http_api), xmlrpc (applies to ejabberd_xmlrpc)}.</li>
 *   <li>{@code dist.epmd_started}, {@code dist.epmd_loopback_only}, {@code dist.interface_loopback} Boolean;
 *       {@code dist.epmd_addresses} List; {@code dist.interface} String ("" = every interface);
 *       {@code dist.port} Long (0 = random); {@code dist.node} String; {@code dist.cookie} Secret (when
 *       ERL_OPTIONS sets -setcookie).</li>
 *   <li>{@code secrets} List of {option, source, value: Secret} (sql_password, ldap_password, listener
 *       passwords, external_secret, ...).</li>
 * </ul>
 * Retention entries: the message archive per host (kept forever without an expiry job), uploads per host
 * (max_days, verified against the store's oldest file), ejabberd's own log files (rotated by size only).
 */
public final class EjabberdCollector implements Collector {
    private static final Logger LOG = LoggerFactory.getLogger(EjabberdCollector.class);

    /** Where archive expiry jobs are looked for. */
    static final List<String> JOB_GLOBS = List.of("/etc/crontab", "/etc/cron.d/*", "/etc/cron.hourly/*",
            "/etc/cron.daily/*", "/etc/cron.weekly/*", "/etc/cron.monthly/*", "/var/spool/cron/crontabs/*",
            "/etc/systemd/system/*.service");

    /** Keys that depend on ejabberd.yml being readable. */
    static final List<String> CONFIG_KEYS = List.of("ejabberd.hosts", "ejabberd.listeners", "endpoints.ejabberd",
            "ejabberd.s2s_use_starttls", "ejabberd.s2s_protocol_options", "ejabberd.host_overrides", "ejabberd.auth",
            "ejabberd.loglevel", "ejabberd.hide_sensitive_log_data", "ejabberd.log_rotate_count",
            "ejabberd.log_rotate_size", "ejabberd.log_files", "ejabberd.mam", "ejabberd.mam_expiry_jobs", "ejabberd.upload",
            "ejabberd.register", "ejabberd.api_permissions", "ejabberd.secrets");

    private final Clock clock;

    public EjabberdCollector() {
        this(Clock.systemUTC());
    }

    EjabberdCollector(Clock clock) {
        this.clock = clock;
    }

    @Override public String id() { return "ejabberd"; }
    @Override public Set<String> kinds() { return Set.of("ejabberd"); }
    @Override public List<String> provides() { return List.of("ejabberd", "endpoints.ejabberd"); }

    @Override
    public List<PlannedAccess> plan() {
        List<PlannedAccess> out = new ArrayList<>();
        EjabberdInstall.BINARIES.forEach(b -> out.add(PlannedAccess.stat(b, "whether ejabberd is installed")));
        EjabberdInstall.CTL_FILES.forEach(f -> out.add(PlannedAccess.read(f, "ejabberdctl settings (Erlang distribution,"
                + " spool and config paths)")));
        EjabberdInstall.CONFIG_FILES.forEach(f -> out.add(PlannedAccess.read(f, "ejabberd configuration")));
        out.add(PlannedAccess.read("(files named by include_config_file)", "included ejabberd configuration"));
        out.add(PlannedAccess.read("/etc/ejabberd/modules.d/*.yml", "contrib modules' configuration"
                + " (CONTRIB_MODULES_CONF_DIR, also *.yaml)"));
        out.add(PlannedAccess.read(EjabberdInstall.PASSWD, "home directory of the ejabberd user (@HOME@)"));
        EjabberdInstall.RELEASE_GLOBS.forEach(g -> out.add(PlannedAccess.list(g, "installed ejabberd release")));
        out.add(PlannedAccess.list("/var/lib/ejabberd/upload", "mod_http_upload docroot: names, sizes and dates of stored"
                + " files (contents are not read)"));
        out.add(PlannedAccess.stat("/var/lib/ejabberd/upload/**", "age of the oldest stored upload"));
        JOB_GLOBS.forEach(g -> out.add(PlannedAccess.read(g, "scheduled delete_old_mam_messages (archive expiry)")));
        return out;
    }

    @Override
    public void collect(Target target, FactSet.Builder facts) {
        try {
            collectChecked(target, facts);
        } catch (RuntimeException e) {
            LOG.info("ejabberd collector failed on {}: {}", target.name(), de.tomaudit.facts.Crash.describe(e));
            facts.error("ejabberd", "collect", AuditTexts.get("collect.failed", "ejabberd", de.tomaudit.facts.Crash.describe(e)));
        }
    }

    private void collectChecked(Target target, FactSet.Builder facts) {
        Optional<String> ctlPath = EjabberdInstall.firstExisting(target, EjabberdInstall.CTL_FILES);
        Optional<String> binary = EjabberdInstall.firstExisting(target, EjabberdInstall.BINARIES);
        String home = EjabberdInstall.home(target);
        EjabberdctlSettings ctl = EjabberdctlSettings.defaults();
        Optional<String> ctlError = Optional.empty();
        if (ctlPath.isPresent()) {
            try {
                ctl = EjabberdctlSettings.parse(ctlPath.get(), target.read(ctlPath.get()).text(), home);
            } catch (TargetException e) {
                ctlError = Optional.of(e.getMessage());
            }
        }
        String configPath = ctl.get("EJABBERD_CONFIG_PATH").loc().isPresent()
                ? ctl.get("EJABBERD_CONFIG_PATH").value()
                : EjabberdInstall.firstExisting(target, EjabberdInstall.CONFIG_FILES).orElse(EjabberdInstall.CONFIG_FILES.get(0));
        boolean configExists = exists(target, configPath);
        if (!configExists && ctlPath.isEmpty() && binary.isEmpty()) {
            facts.put("ejabberd.installed", false, Evidence.file(EjabberdInstall.CONFIG_FILES.get(0), AuditTexts.get("evidence.ejabberd.not-found")),
                    Evidence.file(EjabberdInstall.BINARIES.get(0), AuditTexts.get("evidence.ejabberd.not-found")));
            facts.notApplicable("ejabberd", AuditTexts.get("na.ejabberd.not-installed", String.join(", ", EjabberdInstall.CONFIG_FILES)));
            facts.notApplicable("endpoints.ejabberd", AuditTexts.get("na.not-installed", "ejabberd"));
            return;
        }
        facts.put("ejabberd.installed", true, Evidence.file(configExists ? configPath
                : ctlPath.or(() -> binary).orElse(configPath), "present"));
        EjabberdInstall.Release release = EjabberdInstall.release(target);
        facts.put("ejabberd.version", release.version().toString(), release.evidence());

        if (ctlError.isPresent()) {
            facts.error("ejabberd.dist", "read", ctlError.get());
        } else {
            DistributionFacts.put(ctl, facts);
        }
        facts.put("ejabberd.config_file", configPath, Evidence.file(configPath, AuditTexts.get(configExists ? "evidence.ejabberd.present" : "evidence.ejabberd.not-found")));
        List<ConfigProblem> problems = new ArrayList<>(ctl.problems());
        if (!configPath.endsWith(".yml") && !configPath.endsWith(".yaml")) {
            problems.add(new ConfigProblem(new Loc(configPath, 0), AuditTexts.get("evidence.ejabberd.legacy-format"), true));
            putProblems(problems, facts, configPath);
            configUnknown(facts, configPath + " is in the legacy Erlang term format");
            return;
        }
        String spool = ctl.spoolDir();
        List<String> contrib = contribFiles(target, ctl.contribConfDir(home));
        EjabberdConfig config = EjabberdConfigReader.read(configPath, contrib, spool, new TargetConfigSource(target));
        problems.addAll(config.problems());
        facts.put("ejabberd.config_files", config.files(), Evidence.file(configPath, AuditTexts.get("evidence.ejabberd.files-read",
                String.valueOf(config.files().size()), spool)));
        Optional<ConfigProblem> fatal = config.fatalProblem();
        if (fatal.isPresent()) {
            putProblems(problems, facts, configPath);
            configUnknown(facts, fatal.get().toString());
            return;
        }
        facts.put("ejabberd.hosts", config.hosts(), config.global("hosts").map(EjEvidence::option)
                .orElseGet(() -> Evidence.file(configPath, AuditTexts.get("evidence.ejabberd.no-hosts"))));
        ServerFacts server = new ServerFacts(config, problems);
        server.putListeners(facts);
        server.putTransport(facts);
        EjabberdctlSettings.Setting logPath = ctl.get("EJABBERD_LOG_PATH");
        String logs = logPath.loc().isPresent() ? logPath.value() : ctl.get("LOGS_DIR").value() + "/ejabberd.log";
        server.putLogging(facts, logs, new Evidence(logPath.loc().isPresent() ? logPath.source()
                : ctl.get("LOGS_DIR").source(), logs));
        server.putApi(facts);
        server.putSecrets(facts);
        HostFacts hosts = new HostFacts(config, release.version(), problems, clock);
        hosts.putAuth(facts);
        List<MamExpiryJob> jobs = mamJobs(target, config, hosts);
        putJobs(jobs, facts);
        hosts.putMam(facts, jobs);
        hosts.putRegister(facts);
        hosts.putUpload(target, facts, home, spool);
        putProblems(problems, facts, configPath);
    }

    private static boolean exists(Target target, String path) {
        try {
            return target.exists(path);
        } catch (TargetException e) {
            return true; // present but not accessible: reading it reports why
        }
    }

    private static List<String> contribFiles(Target target, String dir) {
        List<String> out = new ArrayList<>();
        for (String ext : List.of("yml", "yaml")) {
            try {
                out.addAll(target.glob(dir + "/*." + ext));
            } catch (TargetException e) {
                LOG.debug("contrib modules dir {} not listed: {}", dir, e.getMessage());
            }
        }
        // ext_mod keeps one file per module name (basename without extension)
        Map<String, String> byModule = new LinkedHashMap<>();
        out.stream().sorted().forEach(p -> byModule.putIfAbsent(p.substring(p.lastIndexOf('/') + 1, p.lastIndexOf('.')), p));
        return List.copyOf(byModule.values());
    }

    private static void configUnknown(FactSet.Builder facts, String why) {
        for (String key : CONFIG_KEYS) {
            facts.error(key, "parse", why);
        }
    }

    private static void putProblems(List<ConfigProblem> problems, FactSet.Builder facts, String configPath) {
        List<Map<String, Object>> out = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        for (ConfigProblem p : problems) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", p.source());
            m.put("message", p.message());
            m.put("fatal", p.fatal());
            out.add(m);
            evidence.add(EjEvidence.at(p.where(), p.message()));
        }
        if (evidence.isEmpty()) {
            evidence.add(Evidence.file(configPath, AuditTexts.get("evidence.ejabberd.config-ok")));
        }
        facts.put("ejabberd.config_problems", out, evidence);
    }

    /** delete_old_mam_messages in cron, systemd units, or as a mod_cron task. */
    private static List<MamExpiryJob> mamJobs(Target target, EjabberdConfig config, HostFacts hosts) {
        List<MamExpiryJob> jobs = new ArrayList<>();
        for (String glob : JOB_GLOBS) {
            List<String> paths;
            try {
                paths = target.glob(glob);
            } catch (TargetException e) {
                continue;
            }
            for (String p : paths) {
                try {
                    jobs.addAll(MamExpiryJob.find(p, target.read(p).text()));
                } catch (TargetException e) {
                    LOG.debug("{} not read for archive expiry jobs: {}", p, e.getMessage());
                }
            }
        }
        for (String host : config.hosts()) {
            EjValue.Entry cron = hosts.modules(host).get("mod_cron");
            if (cron == null || !(cron.value() instanceof EjValue.Mapping m)) {
                continue;
            }
            for (EjValue task : m.get("tasks").map(EjValue::items).orElse(List.of())) {
                if (!(task instanceof EjValue.Mapping t) || !t.get("command").flatMap(EjValue::scalarText)
                        .filter(c -> c.startsWith("delete_old_mam_messages")).isPresent()) {
                    continue;
                }
                List<EjValue> args = t.get("arguments").map(EjValue::items).orElse(List.of());
                String type = args.isEmpty() ? "" : args.get(0).scalarText().orElse("");
                Optional<Long> days = args.size() > 1 ? args.get(1).integer() : Optional.empty();
                if (jobs.stream().noneMatch(j -> j.source().equals(t.where()))) {
                    jobs.add(new MamExpiryJob(t.where(), "mod_cron delete_old_mam_messages " + type
                            + days.map(d -> " " + d).orElse(""), type, days));
                }
            }
        }
        return jobs;
    }

    private static void putJobs(List<MamExpiryJob> jobs, FactSet.Builder facts) {
        List<Map<String, Object>> out = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        for (MamExpiryJob j : jobs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", j.source().toString());
            m.put("command", j.command());
            m.put("type", j.type());
            m.put("days", j.days().orElse(-1L));
            out.add(m);
            evidence.add(EjEvidence.at(j.source(), j.command()));
        }
        if (evidence.isEmpty()) {
            evidence.add(new Evidence(AuditTexts.get("evidence.source.searched", String.join(", ", JOB_GLOBS) + ", mod_cron"),
                    AuditTexts.get("evidence.ejabberd.no-mam-job")));
        }
        facts.put("ejabberd.mam_expiry_jobs", out, evidence);
    }
}
