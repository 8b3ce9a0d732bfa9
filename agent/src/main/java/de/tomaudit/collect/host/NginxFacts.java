package de.tomaudit.collect.host;

import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.parse.nginx.NginxConfig;
import de.tomaudit.parse.nginx.NginxProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a parsed nginx configuration into the {@code nginx.*} facts. The same code serves the
 * {@code nginx -T} path and the file path, so both give the same facts for the same files.
 */
final class NginxFacts {
    static final String SERVERS = "nginx.servers";
    static final String ACCESS_LOGS = "nginx.access_logs";
    static final String LOG_FORMATS = "nginx.log_formats";
    static final String FILES = "nginx.config_files";
    static final String PROBLEMS = "nginx.config_problems";

    private NginxFacts() { }

    static void put(NginxConfig config, Optional<String> version, FactSet.Builder facts) {
        facts.put(FILES, config.files(), config.files().stream().map(f -> Evidence.file(f, AuditTexts.get("evidence.host.read"))).toList());
        List<NginxProblem> fatal = config.fatalProblems();
        de.tomaudit.collect.ConfigValidity.put(facts, "nginx.config_valid", config.mainFile(), config.problems().stream()
                .map(p -> new de.tomaudit.collect.ConfigValidity.Problem(p.source(), p.message())).toList());
        facts.put(PROBLEMS, config.problems().stream().map(NginxProblem::toString).toList(),
                config.problems().stream().map(p -> new Evidence(p.source(), p.message())).toList());
        if (!fatal.isEmpty()) {
            String reason = AuditTexts.get("evidence.host.nginx.unreadable", fatal.get(0))
                    + (fatal.size() > 1 ? AuditTexts.get("evidence.host.and-more", fatal.size() - 1) : "");
            facts.error(SERVERS, "parse", reason);
            facts.error(ACCESS_LOGS, "parse", reason);
            facts.error(LOG_FORMATS, "parse", reason);
            return;
        }
        NginxLogFormats formats = NginxLogFormats.of(config.http());
        putServers(NginxServers.of(config, NginxSslDefaults.forVersion(version)), facts);
        putAccessLogs(NginxAccessLogs.of(config, formats), facts);
        putFormats(formats, facts);
    }

    private static void putServers(List<NginxServers.Server> servers, FactSet.Builder facts) {
        List<Map<String, Object>> values = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        for (NginxServers.Server s : servers) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("listen", s.listen());
            m.put("listen_default", s.listenDefault());
            m.put("server_name", s.serverNames());
            m.put("ssl", s.ssl());
            m.put("ssl_protocols", s.sslProtocols());
            m.put("ssl_protocols_source", s.sslProtocolsSource());
            m.put("hsts", s.hsts());
            m.put("hsts_max_age", s.hstsMaxAge());
            m.put("hsts_dropped_in", s.hstsDroppedIn());
            m.put("redirects_to_https", s.redirectsToHttps());
            m.put("server_tokens", s.serverTokens());
            m.put("source", s.source());
            values.add(m);
            evidence.add(new Evidence(s.source(), "server " + String.join(" ", s.serverNames())
                    + " listen " + String.join(", ", s.listen()) + (s.ssl() ? " ssl " + String.join(" ", s.sslProtocols()) : "")
                    + (s.hsts() ? ", HSTS max-age=" + s.hstsMaxAge() : AuditTexts.get("evidence.host.nginx.no-hsts"))
                    + (s.redirectsToHttps() ? AuditTexts.get("evidence.host.nginx.redirects") : "")));
        }
        facts.put(SERVERS, values, evidence);
    }

    private static void putAccessLogs(List<NginxAccessLogs.AccessLog> logs, FactSet.Builder facts) {
        List<Map<String, Object>> values = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        for (NginxAccessLogs.AccessLog l : logs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", l.path());
            m.put("format", l.format());
            m.put("format_known", l.formatKnown());
            m.put("logs_full_ip", l.logsFullIp());
            m.put("ip_variables", l.ipVariables());
            m.put("off", l.off());
            m.put("default", l.isDefault());
            m.put("source", l.source());
            values.add(m);
            evidence.add(new Evidence(l.source(), l.text() + (l.logsFullIp()
                    ? AuditTexts.get("evidence.host.nginx.full-ip", l.formatKnown() ? String.join(" ", l.ipVariables())
                            : AuditTexts.get("evidence.host.nginx.unknown-format"))
                    : "")));
        }
        facts.put(ACCESS_LOGS, values, evidence);
    }

    private static void putFormats(NginxLogFormats formats, FactSet.Builder facts) {
        List<Map<String, Object>> values = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        for (NginxLogFormats.Format f : formats.all()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", f.name());
            m.put("format", f.text());
            m.put("logs_full_ip", f.logsFullIp());
            m.put("ip_variables", f.ipVariables());
            m.put("builtin", f.builtIn());
            m.put("source", f.source());
            values.add(m);
            evidence.add(new Evidence(f.source(), "log_format " + f.name() + " '" + f.text() + "'"));
        }
        facts.put(LOG_FORMATS, values, evidence);
    }
}
