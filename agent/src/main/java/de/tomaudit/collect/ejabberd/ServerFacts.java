package de.tomaudit.collect.ejabberd;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Retention;
import de.tomaudit.facts.Secret;
import de.tomaudit.parse.ejabberd.AccessRules;
import de.tomaudit.parse.ejabberd.ApiPermission;
import de.tomaudit.parse.ejabberd.ConfigProblem;
import de.tomaudit.parse.ejabberd.EjValue;
import de.tomaudit.parse.ejabberd.EjabberdConfig;
import de.tomaudit.parse.ejabberd.Ejabberd2301Defaults;
import de.tomaudit.parse.ejabberd.Listener;
import de.tomaudit.parse.ejabberd.Listeners;
import de.tomaudit.parse.ejabberd.Option;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Server-wide facts: listeners and the endpoints to probe, TLS, logging, the HTTP API, secrets. */
final class ServerFacts {
    /** Options holding secrets wherever they appear (top level, host_config, listener or module options). */
    static final Set<String> SECRET_OPTIONS = Set.of("sql_password", "ldap_password", "redis_password", "password",
            "secret", "external_secret", "auth_secret", "turn_secret", "shared_secret", "api_key", "client_secret");
    /** Server-wide options a host_config may still override for one domain. */
    static final List<String> HOST_OVERRIDABLE = List.of("s2s_use_starttls", "hide_sensitive_log_data",
            "c2s_protocol_options", "s2s_protocol_options", "c2s_ciphers", "s2s_ciphers");
    private static final List<String> LOGLEVELS = List.of("none", "critical", "error", "warning", "info", "debug");
    /** Level names of ejabberd 23.01's logger besides the numbered ones. */
    private static final List<String> ALIASES = List.of("emergency", "alert", "notice");

    private final EjabberdConfig config;
    private final List<ConfigProblem> problems;

    ServerFacts(EjabberdConfig config, List<ConfigProblem> problems) {
        this.config = config;
        this.problems = problems;
    }

    void putListeners(FactSet.Builder facts) {
        List<Listener> listeners = Listeners.read(config, problems);
        List<Map<String, Object>> out = new ArrayList<>();
        List<Map<String, Object>> endpoints = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        String domain = config.hosts().isEmpty() ? "" : config.hosts().get(0);
        for (Listener l : listeners) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("port", l.portNumber().map(Object.class::cast).orElse(l.port()));
            m.put("ip", l.ip());
            m.put("transport", l.transport());
            m.put("module", l.module());
            m.put("public", l.isPublic());
            m.put("tls", l.tls());
            m.put("starttls", l.starttls());
            m.put("starttls_required", l.starttlsRequired());
            m.put("offers_tls", l.offersTls());
            m.put("protocol_options", l.protocolOptions());
            m.put("protocol_options_source", l.protocolOptionsSource());
            m.put("ciphers", l.ciphers().orElse(""));
            m.put("handlers", l.handlers().stream().map(h -> h.path() + "=" + h.module()).toList());
            m.put("handler_modules", l.handlers().stream().map(Listener.RequestHandler::module).distinct().toList());
            m.put("source", l.loc().toString());
            m.put("label", label(l));
            out.add(m);
            evidence.addAll(evidence(l));
            endpoint(l, domain).ifPresent(endpoints::add);
        }
        if (evidence.isEmpty()) {
            evidence.add(Evidence.at(config.mainFile(), 0, AuditTexts.get("evidence.ejabberd.no-listen")));
        }
        facts.put("ejabberd.listeners", out, evidence);
        facts.put("endpoints.ejabberd", endpoints, evidence);
    }

    /** {@code ejabberd_c2s :::5222}: how each evidence line of a listener starts. */
    static String label(Listener l) {
        return l.module() + " " + l.ip() + ":" + l.port() + (l.transport().equals("tcp") ? "" : "/" + l.transport());
    }

    /**
     * One line per deciding option, each at the line that set it: the listener (port, module, ip),
     * then tls, starttls, starttls_required (where not set: ejabberd's default, naming the listener), every
     * request handler at its own line, and the protocol options where they come from.
     */
    private static List<Evidence> evidence(Listener l) {
        List<Evidence> out = new ArrayList<>();
        String label = label(l);
        out.add(EjEvidence.at(l.loc(), AuditTexts.get("evidence.ejabberd.listener", label, String.valueOf(l.port()), l.module())));
        List<String> unset = new ArrayList<>();
        for (String option : List.of("tls", "starttls", "starttls_required")) {
            if (option.startsWith("starttls") && !l.isC2s()) {
                continue;
            }
            boolean value = option.equals("tls") ? l.tls() : option.equals("starttls") ? l.starttls() : l.starttlsRequired();
            if (l.optionLocs().containsKey(option)) {
                out.add(EjEvidence.at(l.locOf(option), label + " " + option + "=" + value));
            } else {
                unset.add(option + "=" + value);
            }
        }
        if (!unset.isEmpty()) {
            out.add(EjEvidence.byDefault(AuditTexts.get("evidence.ejabberd.listener-options"), AuditTexts.get("evidence.ejabberd.listener-unset",
                    label, String.join(" ", unset), l.loc().toString())));
        }
        for (Listener.RequestHandler h : l.handlers()) {
            out.add(EjEvidence.at(h.loc(), label + " " + AuditTexts.get("evidence.ejabberd.handler", h.path(), h.module())));
        }
        if (l.offersTls() || l.isHttp() && l.tls()) {
            String opts = "protocol_options " + (l.protocolOptions().isEmpty() ? AuditTexts.get("evidence.ejabberd.protocol-options-default") : l.protocolOptions());
            String src = l.protocolOptionsSource();
            int colon = src.lastIndexOf(':');
            if (!src.startsWith("default:") && colon > 0 && src.substring(colon + 1).matches("\\d+")) {
                out.add(Evidence.at(src.substring(0, colon), Integer.parseInt(src.substring(colon + 1)), label + " " + opts));
            } else {
                out.add(new Evidence(src.startsWith("default:") ? src : "default: " + src,
                        AuditTexts.get("evidence.ejabberd.listener-default", label, opts, l.loc().toString())));
            }
        }
        return out;
    }

    /** The contract for the network probes: {host, port, starttls, tls, service, xmpp_domain, source}. */
    private static Optional<Map<String, Object>> endpoint(Listener l, String domain) {
        if (l.portNumber().isEmpty() || !l.transport().equals("tcp")) {
            return Optional.empty();
        }
        String starttls;
        String service;
        if (l.isC2s()) {
            starttls = l.tls() ? "none" : "xmpp-client";
            service = "xmpp-client";
        } else if (l.isS2s()) {
            starttls = l.tls() ? "none" : "xmpp-server";
            service = "xmpp-server";
        } else if (l.isHttp()) {
            starttls = "none";
            service = "http";
        } else {
            return Optional.empty();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host", l.ip());
        m.put("port", l.portNumber().get());
        m.put("starttls", starttls);
        m.put("tls", l.tls());
        m.put("service", service);
        m.put("xmpp_domain", domain);
        m.put("source", l.loc().toString());
        return Optional.of(m);
    }

    void putTransport(FactSet.Builder facts) {
        Optional<Option> s2s = config.global("s2s_use_starttls");
        String value = s2s.map(o -> o.value().bool().map(String::valueOf).orElse(o.value().atom().orElse("")))
                .orElse(Ejabberd2301Defaults.GLOBAL.get("s2s_use_starttls"));
        facts.put("ejabberd.s2s_use_starttls", value, s2s.map(EjEvidence::option)
                .orElse(EjEvidence.byDefault("s2s_use_starttls", "false")));
        Optional<Option> s2sOpts = config.global("s2s_protocol_options");
        List<String> opts = new ArrayList<>();
        s2sOpts.ifPresent(o -> o.value().items().forEach(v -> v.scalarText().ifPresent(opts::add)));
        facts.put("ejabberd.s2s_protocol_options", opts, s2sOpts.map(EjEvidence::option)
                .orElseGet(() -> EjEvidence.byDefault("s2s_protocol_options", AuditTexts.get("evidence.ejabberd.s2s-protocol-default"))));
        List<Map<String, Object>> overrides = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        for (String key : HOST_OVERRIDABLE) {
            for (Map.Entry<String, Option> e : config.hostOverrides(key)) {
                EjValue v = e.getValue().value();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("host", e.getKey());
                m.put("option", key);
                m.put("value", v.bool().map(String::valueOf).orElse(v.atom().orElse(v.display())));
                m.put("values", v.items().stream().map(x -> x.scalarText().orElse(x.display())).toList());
                m.put("source", EjEvidence.source(v));
                overrides.add(m);
                evidence.add(EjEvidence.at(v.where(), "host_config " + e.getKey() + ": " + key + ": " + v.display()));
            }
        }
        if (evidence.isEmpty()) {
            evidence.add(Evidence.at(config.mainFile(), 0, AuditTexts.get("evidence.ejabberd.no-host-config",
                    String.join(", ", HOST_OVERRIDABLE))));
        }
        facts.put("ejabberd.host_overrides", overrides, evidence);
    }

    void putLogging(FactSet.Builder facts, String logPath, Evidence logPathEvidence) {
        Optional<Option> level = config.global("loglevel");
        String lv = level.map(o -> loglevel(o.value())).orElse(Ejabberd2301Defaults.GLOBAL.get("loglevel"));
        if (level.isPresent() && !LOGLEVELS.contains(lv) && !ALIASES.contains(lv)) {
            // ejabberd refuses to start with it; the value itself is not repeated (issue 13: no echo of bad values)
            problems.add(new ConfigProblem(level.get().value().where(), "loglevel: not a log level ejabberd knows", true));
            facts.put("ejabberd.loglevel", "invalid", EjEvidence.at(level.get().value().where(),
                    AuditTexts.get("evidence.ejabberd.loglevel-invalid")));
        } else {
            facts.put("ejabberd.loglevel", lv, level.map(EjEvidence::option).orElse(EjEvidence.byDefault("loglevel", lv)));
        }
        Optional<Option> hide = config.global("hide_sensitive_log_data");
        boolean hidden = hide.flatMap(o -> o.value().bool()).orElse(false);
        facts.put("ejabberd.hide_sensitive_log_data", hidden, hide.map(EjEvidence::option)
                .orElse(EjEvidence.byDefault("hide_sensitive_log_data", false)));
        Optional<Option> count = config.global("log_rotate_count");
        long rotateCount = count.flatMap(o -> o.value().integer()).orElse(1L);
        facts.put("ejabberd.log_rotate_count", rotateCount, count.map(EjEvidence::option)
                .orElse(EjEvidence.byDefault("log_rotate_count", 1)));
        Optional<Option> size = config.global("log_rotate_size");
        Object rotateSize = size.map(o -> o.value().integer().map(Object.class::cast).orElse(o.value().atom().orElse("")))
                .orElse(10_485_760L);
        facts.put("ejabberd.log_rotate_size", rotateSize, size.map(EjEvidence::option)
                .orElse(EjEvidence.byDefault("log_rotate_size", 10_485_760)));
        String dir = logPath.contains("/") ? logPath.substring(0, logPath.lastIndexOf('/')) : logPath;
        facts.put("ejabberd.log_files", List.of(logPath, dir + "/error.log"), logPathEvidence);
        for (Optional<Option> o : List.of(count, size)) {
            o.filter(x -> !x.keyLoc().file().equals(config.mainFile()) || x.value().macro().isPresent())
                    .ifPresent(x -> problems.add(new ConfigProblem(x.keyLoc(), AuditTexts.get("evidence.ejabberd.not-plain-line", x.key(),
                            config.mainFile()), false)));
        }
        String rotation = rotateSize.equals("infinity") || rotateCount == 0 && rotateSize.equals(0L)
                ? AuditTexts.get("retention.ejabberd.not-rotated")
                : AuditTexts.get("retention.ejabberd.by-size", String.valueOf(rotateSize), rotateCount);
        facts.retention(Retention.forever(AuditTexts.get("retention.ejabberd.logs", logPath, rotation),
                size.or(() -> count).map(o -> EjEvidence.source(o.value())).orElse(Ejabberd2301Defaults.SOURCE),
                size.isEmpty() && count.isEmpty()));
    }

    /** An atom as written, or the legacy numbers 0..5 as their names. */
    private static String loglevel(EjValue v) {
        Optional<Long> n = v.integer();
        if (n.isPresent() && n.get() >= 0 && n.get() < LOGLEVELS.size()) {
            return LOGLEVELS.get(n.get().intValue());
        }
        return v.atom().orElse(v.display());
    }

    void putApi(FactSet.Builder facts) {
        List<ApiPermission> permissions = ApiPermission.read(config, new AccessRules(config));
        List<Map<String, Object>> out = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        for (ApiPermission p : permissions) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.name());
            m.put("from", p.from());
            m.put("public_caller", p.publicCaller());
            m.put("who", p.who());
            m.put("what", p.what());
            m.put("grants_commands", p.grantsCommands());
            m.put("http_api", p.appliesTo("mod_http_api"));
            m.put("xmlrpc", p.appliesTo("ejabberd_xmlrpc"));
            m.put("source", p.source().toString());
            out.add(m);
            evidence.add(p.isDefault() ? EjEvidence.byDefault("api_permissions", p.name() + ": who " + p.who())
                    : EjEvidence.at(p.source(), "api_permissions '" + p.name() + "': from " + (p.from().isEmpty() ? "all"
                    : p.from()) + ", who " + p.who() + ", what " + p.what()));
        }
        facts.put("ejabberd.api_permissions", out, evidence);
    }

    void putSecrets(FactSet.Builder facts) {
        List<Map<String, Object>> out = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        List<Option> all = new ArrayList<>(config.globalOptions().values());
        config.hostOptions().values().forEach(h -> all.addAll(h.values()));
        for (Option o : all) {
            secrets(o.key(), o.value(), o.keyLoc().toString(), out, evidence, 0);
        }
        if (evidence.isEmpty()) {
            evidence.add(Evidence.at(config.mainFile(), 0, AuditTexts.get("evidence.ejabberd.no-secrets")));
        }
        facts.put("ejabberd.secrets", out, evidence);
    }

    private static void secrets(String key, EjValue v, String keySource, List<Map<String, Object>> out,
                                List<Evidence> evidence, int depth) {
        if (depth > 50) {
            return;
        }
        if (SECRET_OPTIONS.contains(key) && v instanceof EjValue.Scalar s) {
            Secret secret = Secret.of(s.text());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("option", key);
            m.put("source", s.where().toString());
            m.put("value", secret);
            out.add(m);
            evidence.add(EjEvidence.at(s.where(), key + ": " + secret));
            return;
        }
        for (EjValue item : v instanceof EjValue.Sequence ? v.items() : List.<EjValue>of()) {
            secrets(key, item, keySource, out, evidence, depth + 1);
        }
        for (EjValue.Entry e : v.entries()) {
            secrets(e.key().text(), e.value(), e.key().loc().toString(), out, evidence, depth + 1);
        }
    }
}
