package de.tomaudit.collect.host;

import de.tomaudit.collect.TargetConfigSource;

import de.tomaudit.collect.Collector;
import de.tomaudit.collect.PlannedAccess;
import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.parse.sshd.ConfigProblem;
import de.tomaudit.parse.source.ConfigSource;
import de.tomaudit.parse.sshd.HostPublicKey;
import de.tomaudit.parse.sshd.MatchContext;
import de.tomaudit.parse.sshd.MatchContextSynthesizer;
import de.tomaudit.parse.sshd.MatchOverride;
import de.tomaudit.parse.sshd.MatchOverrides;
import de.tomaudit.parse.sshd.OpenSsh92Defaults;
import de.tomaudit.parse.sshd.Setting;
import de.tomaudit.parse.sshd.SettingSource;
import de.tomaudit.parse.sshd.SshdConfig;
import de.tomaudit.parse.sshd.SshdConfigParser;
import de.tomaudit.parse.sshd.SshdConfigResolver;
import de.tomaudit.parse.sshd.SshdSettings;
import de.tomaudit.parse.sshd.SshdSyntaxException;
import de.tomaudit.parse.sshd.SshdTestOutputParser;
import de.tomaudit.parse.sshd.WeakAlgorithm;
import de.tomaudit.parse.sshd.WeakAlgorithms;
import de.tomaudit.target.Command;
import de.tomaudit.target.CommandCatalog;
import de.tomaudit.target.CommandResult;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenSSH server: the effective configuration from {@code sshd -T} where it may run, else from
 * /etc/ssh/sshd_config parsed with its includes; Match blocks that change authentication (checked
 * with {@code sshd -T -C} where possible); the algorithms it offers and the weak ones among them;
 * its host keys. Facts under {@code sshd.*}.
 */
public final class SshdCollector implements Collector {

    static final String CONFIG = "/etc/ssh/sshd_config";
    static final String BINARY = "/usr/sbin/sshd";
    static final String SOURCE_COMMAND = "sshd -T";
    static final String SOURCE_CONFIG = "config";

    private static final Logger LOG = LoggerFactory.getLogger(SshdCollector.class);
    /** At most this many {@code sshd -T -C} runs per target; further Match blocks are evaluated from the files. */
    static final int MAX_MATCH_COMMANDS = 10;
    /**
     * Overrides whose effective value is worked out from the file: each costs one pass over every
     * directive, so without a cap thousands of Match blocks cost thousands squared. The rules judge
     * the value a Match sets; the effective value is evidence only.
     */
    static final int MAX_MATCH_RESOLVES = 16;

    /** Single-valued settings put as string facts {@code sshd.<keyword>}. */
    private static final List<String> SCALARS = List.of(
            "passwordauthentication", "kbdinteractiveauthentication", "permitrootlogin", "pubkeyauthentication",
            "usepam", "permitemptypasswords", "hostbasedauthentication", "authenticationmethods", "x11forwarding",
            "allowtcpforwarding", "allowagentforwarding", "loglevel");

    private static final Map<String, String> ALGORITHM_FACTS = Map.of(
            "kexalgorithms", "sshd.kexalgorithms", "ciphers", "sshd.ciphers", "macs", "sshd.macs",
            "hostkeyalgorithms", "sshd.hostkeyalgorithms");

    private static final Map<String, WeakAlgorithms.Kind> ALGORITHM_KINDS = Map.of(
            "kexalgorithms", WeakAlgorithms.Kind.KEX, "ciphers", WeakAlgorithms.Kind.CIPHER,
            "macs", WeakAlgorithms.Kind.MAC, "hostkeyalgorithms", WeakAlgorithms.Kind.HOST_KEY_ALGORITHM);

    @Override public String id() { return "sshd"; }
    @Override public Set<String> kinds() { return Set.of("host"); }
    @Override public List<String> provides() { return List.of("sshd"); }

    @Override
    public List<PlannedAccess> plan() {
        return List.of(
                PlannedAccess.stat(BINARY, "whether the OpenSSH server is installed"),
                PlannedAccess.run(CommandCatalog.command("sshd-effective")),
                PlannedAccess.run(CommandCatalog.command("sshd-effective-match", "user=USER,host=HOST,addr=ADDR")),
                PlannedAccess.read(CONFIG, "sshd configuration (fallback when sshd -T cannot run; Match blocks)"),
                PlannedAccess.read("/etc/ssh/sshd_config.d/*.conf", "sshd drop-ins (and any other file named by Include)"),
                PlannedAccess.read("/etc/ssh/ssh_host_*_key.pub", "host key types and sizes (public halves only)"));
    }

    @Override
    public void collect(Target target, FactSet.Builder facts) {
        try {
            collectChecked(target, facts);
        } catch (RuntimeException e) {
            LOG.info("sshd collector failed on {}: {}", target.name(), de.tomaudit.facts.Crash.describe(e));
            facts.error("sshd", "collect", AuditTexts.get("collect.failed", "sshd", de.tomaudit.facts.Crash.describe(e)));
        }
    }

    private void collectChecked(Target target, FactSet.Builder facts) {
        boolean binary = exists(target, BINARY);
        ConfigRead read = readConfig(target);
        if (!binary && read.missing()) {
            facts.put("sshd.installed", false, Evidence.file(BINARY, AuditTexts.get("evidence.host.not-found")),
                    Evidence.file(CONFIG, AuditTexts.get("evidence.host.not-found")));
            facts.notApplicable("sshd", AuditTexts.get("evidence.host.sshd.not-installed", BINARY, CONFIG));
            return;
        }
        facts.put("sshd.installed", true, binary ? Evidence.file(BINARY, AuditTexts.get("evidence.host.present"))
                : Evidence.file(CONFIG, AuditTexts.get("evidence.host.present")));

        Optional<SshdConfig> config = read.config();
        config.ifPresent(c -> putProblems(c, facts));
        List<String> why = new ArrayList<>();
        Optional<SshdSettings> settings = effectiveFromCommand(target, config, why);
        String source = SOURCE_COMMAND;
        if (settings.isEmpty()) {
            source = SOURCE_CONFIG;
            if (config.isPresent() && config.get().fatalProblem().isEmpty()) {
                settings = Optional.of(SshdConfigResolver.resolve(config.get(), MatchContext.none()));
            } else {
                config.flatMap(SshdConfig::fatalProblem).ifPresent(p -> why.add(p.toString()));
                read.error().ifPresent(why::add);
                facts.error("sshd", "parse", AuditTexts.get("evidence.host.sshd.effective-unknown", String.join("; ", why)));
                return;
            }
        }
        facts.put("sshd.source", source, source.equals(SOURCE_COMMAND)
                ? Evidence.command(SOURCE_COMMAND, AuditTexts.get("evidence.host.sshd.effective"))
                : Evidence.file(CONFIG, AuditTexts.get("evidence.host.sshd.command-not-used", SOURCE_COMMAND, String.join("; ", why))));
        SshdSettings s = settings.get();
        putSettings(s, facts);
        List<Map<String, Object>> weak = weakAlgorithms(s);
        weak.addAll(hostKeys(target, s, facts));
        facts.put("sshd.weak_algorithms", weak, weakEvidence(weak));
        if (config.isPresent() && config.get().fatalProblem().isEmpty()) {
            putMatchOverrides(target, config.get(), source.equals(SOURCE_COMMAND), facts);
        } else {
            facts.error("sshd.match_overrides", "parse", AuditTexts.get("evidence.host.sshd.match-unknown") + read.error()
                    .orElseGet(() -> config.flatMap(SshdConfig::fatalProblem).map(ConfigProblem::toString).orElse("")));
        }
    }

    private record ConfigRead(Optional<SshdConfig> config, boolean missing, Optional<String> error) { }

    private static ConfigRead readConfig(Target target) {
        try {
            return new ConfigRead(Optional.of(SshdConfigParser.parse(CONFIG, new TargetConfigSource(target))), false,
                    Optional.empty());
        } catch (ConfigSource.SourceException e) {
            return new ConfigRead(Optional.empty(), e.missing(), Optional.of(e.getMessage()));
        }
    }

    private static boolean exists(Target target, String path) {
        try {
            return target.exists(path);
        } catch (TargetException e) {
            return false;
        }
    }

    /**
     * {@code sshd -T}, or empty with the reason added to {@code why}. Plain {@code sshd -T} refuses a
     * configuration with {@code Match LocalPort}; then it is asked for a connection to the first port.
     */
    private static Optional<SshdSettings> effectiveFromCommand(Target target, Optional<SshdConfig> config, List<String> why) {
        if (!target.canRunCommands()) {
            why.add(AuditTexts.get("evidence.host.no-commands", target.address()));
            return Optional.empty();
        }
        Optional<SshdSettings> plain = runSshdT(target, CommandCatalog.command("sshd-effective"), why);
        if (plain.isPresent() || config.isEmpty() || config.get().fatalProblem().isPresent()
                || why.stream().noneMatch(w -> w.contains("not in connection test specification"))) {
            return plain;
        }
        String port = SshdConfigResolver.resolve(config.get(), MatchContext.none()).get("port").orElseThrow().value();
        return runSshdT(target, CommandCatalog.command("sshd-effective-match", "lport=" + port), why);
    }

    private static Optional<SshdSettings> runSshdT(Target target, Command cmd, List<String> why) {
        CommandResult r;
        try {
            r = target.run(cmd);
        } catch (TargetException e) {
            why.add(e.getMessage());
            return Optional.empty();
        }
        if (!r.ok()) {
            String err = r.stderr().strip();
            why.add(cmd.line() + " exited " + r.exitCode() + (err.isEmpty() ? "" : ": " + err.lines().findFirst().orElse("")));
            LOG.info("{} failed ({}), falling back to the configuration files", cmd.line(), r.exitCode());
            return Optional.empty();
        }
        try {
            return Optional.of(SshdTestOutputParser.parse(r.stdout(), cmd.line()));
        } catch (SshdSyntaxException e) {
            why.add(e.getMessage());
            return Optional.empty();
        }
    }

    private static void putSettings(SshdSettings s, FactSet.Builder facts) {
        for (String keyword : SCALARS) {
            s.get(keyword).ifPresent(v -> facts.put("sshd." + keyword, v.value(), evidence(v)));
        }
        s.get("maxauthtries").ifPresent(v -> number(v.value()).ifPresent(n -> facts.put("sshd.maxauthtries", n, evidence(v))));
        ALGORITHM_FACTS.forEach((keyword, key) -> s.get(keyword).ifPresent(v -> facts.put(key, v.values(), evidence(v))));
        s.get("port").ifPresent(v -> facts.put("sshd.ports",
                v.values().stream().map(SshdCollector::number).flatMap(Optional::stream).toList(), evidence(v)));
        s.get("listenaddress").ifPresent(v -> facts.put("sshd.listenaddresses", v.values(), evidence(v)));
    }

    private static Optional<Long> number(String s) {
        try {
            return Optional.of(Long.parseLong(s.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static List<Map<String, Object>> weakAlgorithms(SshdSettings s) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String keyword : List.of("kexalgorithms", "ciphers", "macs", "hostkeyalgorithms")) {
            Optional<Setting> setting = s.get(keyword);
            if (setting.isEmpty()) {
                continue;
            }
            for (WeakAlgorithm w : WeakAlgorithms.classify(ALGORITHM_KINDS.get(keyword), setting.get().values())) {
                out.add(weakEntry(w, sourceText(setting.get().sources().get(0))));
            }
        }
        return out;
    }

    /** {@code file:line}, {@code command: sshd -T} or {@code default: OpenSSH 9.2p1 (Debian 12)}. */
    private static String sourceText(SettingSource src) {
        return switch (src.kind()) {
            case CONFIG -> src.location();
            case COMMAND -> "command: " + src.origin();
            case DEFAULT -> "default: " + OpenSsh92Defaults.VERSION;
        };
    }

    private static Map<String, Object> weakEntry(WeakAlgorithm w, String source) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", w.name());
        m.put("kind", w.kind().fact());
        m.put("reason", w.reason());
        m.put("source", source);
        return m;
    }

    /** Puts {@code sshd.hostkeys} and returns the weak host keys. */
    private static List<Map<String, Object>> hostKeys(Target target, SshdSettings s, FactSet.Builder facts) {
        Optional<Setting> keys = s.get("hostkey");
        if (keys.isEmpty()) {
            return List.of();
        }
        List<Map<String, Object>> listed = new ArrayList<>();
        List<Map<String, Object>> weak = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        for (int i = 0; i < keys.get().values().size(); i++) {
            String path = keys.get().values().get(i);
            String source = keys.get().sources().get(Math.min(i, keys.get().sources().size() - 1)).location();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", path);
            m.put("source", source);
            String pub = path + ".pub";
            try {
                Optional<HostPublicKey> key = HostPublicKey.parse(target.read(pub).text());
                m.put("type", key.map(HostPublicKey::type).orElse("unknown"));
                m.put("bits", (long) key.map(HostPublicKey::bits).orElse(0));
                evidence.add(Evidence.file(pub, key.map(k -> k.type() + " " + k.bits()).orElseGet(() -> AuditTexts.get("evidence.host.sshd.not-a-key"))));
                key.flatMap(k -> WeakAlgorithms.hostKey(k.type(), k.bits())).ifPresent(reason -> {
                    Map<String, Object> w = new LinkedHashMap<>();
                    w.put("name", path);
                    w.put("kind", WeakAlgorithms.Kind.HOST_KEY.fact());
                    w.put("reason", reason);
                    w.put("source", pub);
                    weak.add(w);
                });
            } catch (TargetException e) {
                m.put("type", "unknown");
                m.put("bits", 0L);
                evidence.add(Evidence.file(pub, e.getMessage()));
            }
            listed.add(m);
        }
        facts.put("sshd.hostkeys", listed, evidence);
        return weak;
    }

    private static List<Evidence> weakEvidence(List<Map<String, Object>> weak) {
        if (weak.isEmpty()) {
            return List.of(new Evidence("classification: " + WeakAlgorithms.class.getSimpleName(), AuditTexts.get("evidence.host.sshd.none-weak")));
        }
        return weak.stream().map(w -> new Evidence(String.valueOf(w.get("source")), w.get("kind") + " " + w.get("name")
                + ": " + w.get("reason"))).toList();
    }

    private static void putMatchOverrides(Target target, SshdConfig config, boolean mayRunCommand, FactSet.Builder facts) {
        List<Map<String, Object>> out = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        int commandsLeft = MAX_MATCH_COMMANDS;
        int resolvesLeft = MAX_MATCH_RESOLVES;
        for (MatchOverride o : MatchOverrides.find(config)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("keyword", o.keyword());
            m.put("value", o.value());
            String condition = o.block().condition();
            m.put("match", condition);
            m.put("match_source", o.block().source());
            m.put("source", o.directive().source());
            evidence.add(Evidence.at(o.directive().file(), o.directive().line(),
                    "Match " + condition + ": " + o.directive().written() + " " + o.directive().value()));
            Optional<MatchContext> ctx = MatchContextSynthesizer.satisfying(o.directive().matches());
            if (ctx.isPresent()) {
                m.put("context", ctx.get().testSpec());
                Optional<Setting> effective = Optional.empty();
                if (mayRunCommand && commandsLeft > 0 && MatchContextSynthesizer.testable(o.directive().matches())
                        && !ctx.get().isEmpty()) {
                    commandsLeft--;
                    effective = effectiveFor(target, ctx.get(), o.keyword());
                }
                if (effective.isPresent()) {
                    m.put("effective", effective.get().value());
                    m.put("effective_source", effective.get().sources().get(0).origin());
                    evidence.add(Evidence.command(effective.get().sources().get(0).origin(), effective.get().sources().get(0).text()));
                } else if (resolvesLeft > 0) {
                    resolvesLeft--;
                    m.put("effective", SshdConfigResolver.resolve(config, ctx.get(), o.keyword())
                            .map(Setting::value).orElse(o.value()));
                    m.put("effective_source", SOURCE_CONFIG);
                }
            }
            out.add(m);
        }
        if (evidence.isEmpty()) {
            evidence.add(Evidence.file(CONFIG, AuditTexts.get("evidence.host.sshd.no-match-override", config.matchBlocks().size())));
        }
        facts.put("sshd.match_overrides", out, evidence);
    }

    private static Optional<Setting> effectiveFor(Target target, MatchContext ctx, String keyword) {
        Command cmd;
        try {
            cmd = CommandCatalog.command("sshd-effective-match", ctx.testSpec());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        List<String> why = new ArrayList<>();
        Optional<SshdSettings> s = runSshdT(target, cmd, why);
        if (s.isEmpty()) {
            LOG.debug("{} not usable: {}", cmd.line(), why);
        }
        return s.flatMap(x -> x.get(keyword));
    }

    private static void putProblems(SshdConfig config, FactSet.Builder facts) {
        List<Map<String, Object>> problems = new ArrayList<>();
        for (ConfigProblem p : config.problems()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", p.source());
            m.put("message", p.message());
            m.put("fatal", p.fatal());
            problems.add(m);
        }
        List<Evidence> ev = config.problems().stream().map(p -> Evidence.at(p.file(), p.line(), p.message())).toList();
        facts.put("sshd.config_problems", problems,
                ev.isEmpty() ? List.of(Evidence.file(config.mainFile(), AuditTexts.get("evidence.host.sshd.files-read", config.files().size()))) : ev);
        // sshd ignores deprecated options with a note; everything else here makes it refuse the file
        String sample = AuditTexts.get("parse.sshd.deprecated", "\u0000");
        String deprecated = sample.substring(0, Math.max(0, sample.indexOf('\u0000')));
        de.tomaudit.collect.ConfigValidity.put(facts, "sshd.config_valid", config.mainFile(), config.problems().stream()
                .filter(p -> !p.message().startsWith(deprecated))
                .map(p -> new de.tomaudit.collect.ConfigValidity.Problem(p.source(), p.message())).toList());
    }

    static List<Evidence> evidence(Setting s) {
        List<Evidence> out = new ArrayList<>();
        for (SettingSource src : s.sources()) {
            out.add(switch (src.kind()) {
                case CONFIG -> Evidence.at(src.origin(), src.line(), src.text());
                case COMMAND -> Evidence.command(src.origin(), src.text());
                case DEFAULT -> Evidence.byDefault(OpenSsh92Defaults.VERSION, src.text());
            });
        }
        return out;
    }
}
