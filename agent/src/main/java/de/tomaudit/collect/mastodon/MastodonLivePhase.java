package de.tomaudit.collect.mastodon;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.collect.PlannedAccess;
import de.tomaudit.collect.policy.PolicyCollector;
import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.Fact;
import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Retention;
import de.tomaudit.mastodondb.MastodonDbCheck;
import de.tomaudit.mastodondb.MastodonDbConnector;
import de.tomaudit.mastodondb.MastodonDbException;
import de.tomaudit.mastodondb.MastodonDbSettings;
import de.tomaudit.policy.PolicyClaims;
import de.tomaudit.probe.ProbeSettings;
import de.tomaudit.probe.mastodon.MastodonApiClient;
import de.tomaudit.probe.mastodon.MastodonApiException;
import de.tomaudit.probe.mastodon.MastodonApiFacts;
import de.tomaudit.target.PortForward;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.sql.Connection;
import java.sql.SQLException;
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
 * After the collectors, for a target running Mastodon: the live API (at the target's probe
 * address, the instance's domain as Host and SNI) into {@code mastodon.api.*}, the database
 * through the read-only role into {@code mastodon.db.*}, and the retention table (IP and session
 * retention verified on the data, content/media/backup retention from the settings; the nginx logs
 * are the host pack's). Reads the collected facts, never changes anything. Never throws.
 */
public final class MastodonLivePhase {
    private static final Logger LOG = LoggerFactory.getLogger(MastodonLivePhase.class);
    public static final String DB = "mastodon.db";
    private final String scheme;
    private final int port;
    private final String userAgent;

    /** {@code scheme}/{@code port} of the API: https and 443 in production; the test replay uses http. */
    public MastodonLivePhase(String scheme, int port, String userAgent) {
        this.scheme = scheme;
        this.port = port;
        this.userAgent = userAgent;
    }

    public MastodonLivePhase(String userAgent) {
        this("https", 443, userAgent);
    }

    /**
     * What {@code --dry-run} prints for the Mastodon live phase: the API requests (method, URL with
     * the instance's domain as Host and SNI, the probe address they go to) and the database
     * connection with every SQL statement. {@code networkTarget}: the target has a probe address (not
     * {@code dir:}/{@code bundle:}); {@code local}: the {@code local} target.
     */
    public static List<PlannedAccess> plan(boolean networkTarget, boolean local, ProbeSettings probes, MastodonDbSettings db) {
        List<PlannedAccess> out = new ArrayList<>();
        if (probes.enabled() && networkTarget) {
            out.add(PlannedAccess.connect("PROBE-ADDRESS:443", "Mastodon's public API over HTTPS; Host and TLS server name: "
                    + "WEB_DOMAIN, else LOCAL_DOMAIN of .env.production (DOMAIN below); redirects followed only to the same address"));
            MastodonApiFacts.REQUESTS.forEach((path, why) -> out.add(PlannedAccess.request("GET https://DOMAIN" + path
                    + " (Host: DOMAIN, Accept: application/json)", why)));
        }
        // shown only by --dry-run (not part of scripts/collect.sh): in the command's language
        String when = db.credentials() ? "" : AuditTexts.get("plan.mastodon-db.not-now", MastodonDbSettings.PASSWORD_ENV);
        if (db.jdbcUrl().isPresent()) {
            out.add(PlannedAccess.connect(MastodonDbConnector.redact(db.jdbcUrl().get()), AuditTexts.get("plan.mastodon-db.url", db.user(), when)));
        } else if (networkTarget && !local) {
            out.add(PlannedAccess.connect("DB_HOST:DB_PORT/DB_NAME of .env.production", AuditTexts.get("plan.mastodon-db.forward",
                    db.user(), when)));
        } else if (local) {
            out.add(PlannedAccess.connect("DB_HOST:DB_PORT/DB_NAME of .env.production", AuditTexts.get("plan.mastodon-db.local", db.user(), when)));
        } else {
            return out; // dir: and bundle: targets reach no database without --mastodon-db
        }
        for (String sql : MastodonDbCheck.statements(db.statementTimeout())) {
            out.add(PlannedAccess.query(sql, AuditTexts.get("plan.mastodon-db.query", when)));
        }
        return out;
    }

    public FactSet run(Target target, Set<String> kinds, FactSet collected, ProbeSettings probes, MastodonDbSettings db) {
        return run(target, kinds, collected, probes, db, Optional.empty());
    }

    /**
     * As above; when the API reports the built-in privacy policy, its promises ({@link TemplatePolicyClaims})
     * become the {@code policy.*} facts, under the operator's own claims ({@code --policy}) where both state
     * the same promise.
     */
    public FactSet run(Target target, Set<String> kinds, FactSet collected, ProbeSettings probes, MastodonDbSettings db,
                       Optional<PolicyClaims> operatorClaims) {
        FactSet.Builder facts = FactSet.builder();
        if (!kinds.contains("mastodon") || !collected.get("mastodon.installed").map(f -> Boolean.TRUE.equals(f.value())).orElse(false)) {
            // a claim about users' IPs (policy.ip-retention) has no Mastodon data to be proven on here
            return facts.notApplicable(DB, AuditTexts.get("na.not-installed", "Mastodon")).build();
        }
        try {
            api(target, collected, probes, facts);
        } catch (RuntimeException e) {
            LOG.info("Mastodon API check failed: {}", e.toString());
            facts.error(MastodonApiFacts.PREFIX, "http", AuditTexts.get("collect.failed", "Mastodon API", String.valueOf(e)));
        }
        Optional<MastodonDbCheck.Report> report = Optional.empty();
        try {
            report = database(target, collected, db, facts);
        } catch (RuntimeException e) {
            LOG.info("Mastodon database check failed: {}", e.toString());
            facts.error(DB, "db-query", AuditTexts.get("collect.failed", "Mastodon database", String.valueOf(e)));
        }
        retentions(collected, report, facts);
        templateClaims(target, facts, collected, operatorClaims);
        return facts.build();
    }

    private static void templateClaims(Target target, FactSet.Builder facts, FactSet collected,
                                       Optional<PolicyClaims> operatorClaims) {
        Optional<Fact> policy = facts.build().get(MastodonApiFacts.PREFIX + ".privacy_policy");
        if (policy.isEmpty() || !(policy.get().value() instanceof Map<?, ?> m) || !Boolean.TRUE.equals(m.get("builtin"))) {
            return;
        }
        String url = policy.get().evidence().isEmpty() ? "/api/v1/instance/privacy_policy"
                : policy.get().evidence().get(0).source().replaceFirst("^probe: ", "");
        PolicyClaims template = TemplatePolicyClaims.of(url, domain(collected));
        new PolicyCollector(operatorClaims.map(c -> c.orElse(template)).orElse(template)).collect(target, facts);
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> map(FactSet f, String key) {
        return f.get(key).map(Fact::value).filter(v -> v instanceof Map).map(v -> (Map<String, Object>) v);
    }

    private static String domain(FactSet collected) {
        return map(collected, MastodonEnvFacts.PREFIX + ".domain").map(m -> String.valueOf(m.getOrDefault("web", ""))).orElse("");
    }

    private void api(Target target, FactSet collected, ProbeSettings probes, FactSet.Builder facts) {
        String p = MastodonApiFacts.PREFIX;
        if (!probes.enabled()) {
            facts.notApplicable(p, AuditTexts.get("na.no-probe"));
            return;
        }
        Optional<String> host = target.probeHost();
        if (host.isEmpty()) {
            facts.notApplicable(p, AuditTexts.get("na.mastodon.api.no-address", target.address()));
            return;
        }
        String domain = domain(collected);
        if (domain.isBlank()) {
            collected.whyMissing(MastodonEnvFacts.PREFIX + ".domain").ifPresentOrElse(
                    u -> facts.unavailable(new de.tomaudit.facts.Unavailable(p, u.kind(), u.stage(),
                            AuditTexts.get("na.mastodon.domain-unknown", u.reason()))),
                    () -> facts.error(p, "parse", AuditTexts.get("collect.mastodon.no-local-domain")));
            return;
        }
        try (MastodonApiClient client = new MastodonApiClient(scheme, domain, port, host.get(), probes.connectTimeout(),
                probes.readTimeout(), userAgent)) {
            MastodonApiFacts.collect(client, facts);
        } catch (MastodonApiException e) {
            facts.error(p, "http", e.getMessage());
        }
    }

    private static Optional<MastodonDbCheck.Report> database(Target target, FactSet collected, MastodonDbSettings s,
                                                             FactSet.Builder facts) {
        if (!s.credentials()) {
            facts.notApplicable(DB, AuditTexts.get("na.mastodon.db.no-credentials", MastodonDbSettings.PASSWORD_ENV, s.user()));
            return Optional.empty();
        }
        Map<String, Object> envDb = map(collected, MastodonEnvFacts.PREFIX + ".db").orElse(Map.of());
        String where;
        String url;
        PortForward forward = null;
        try {
            if (s.jdbcUrl().isPresent()) {
                url = s.jdbcUrl().get();
                where = MastodonDbConnector.redact(url) + " (--mastodon-db)";
            } else if (envDb.isEmpty()) {
                Optional<de.tomaudit.facts.Unavailable> why = collected.whyMissing(MastodonEnvFacts.PREFIX + ".db");
                if (why.isPresent()) {
                    facts.unavailable(new de.tomaudit.facts.Unavailable(DB, why.get().kind(), why.get().stage(),
                            AuditTexts.get("na.mastodon.db.location-unknown", why.get().reason())));
                } else {
                    facts.error(DB, "db-connect", AuditTexts.get("na.mastodon.db.location-unknown", "-"));
                }
                return Optional.empty();
            } else {
                String host = String.valueOf(envDb.get("host"));
                // a socket directory is reached over TCP on this host: PgJDBC speaks no Unix sockets
                String tcpHost = host.startsWith("/") ? "localhost" : host;
                int dbPort = parsePort(String.valueOf(envDb.get("port")));
                String name = String.valueOf(envDb.get("name"));
                Optional<PortForward> fw = target.forward(tcpHost, dbPort);
                if (fw.isPresent()) {
                    forward = fw.get();
                    url = MastodonDbConnector.url("127.0.0.1", forward.localPort(), name);
                    where = tcpHost + ":" + dbPort + "/" + name + " through the SSH connection";
                } else if (target.address().equals("local")) {
                    url = MastodonDbConnector.url(tcpHost, dbPort, name);
                    where = tcpHost + ":" + dbPort + "/" + name;
                } else {
                    facts.notApplicable(DB, AuditTexts.get("na.mastodon.db.unreachable", target.address()));
                    return Optional.empty();
                }
            }
            long ipSeconds = seconds(collected, "ip_retention");
            long sessionSeconds = seconds(collected, "session_retention");
            try (Connection c = MastodonDbConnector.open(url, s)) {
                MastodonDbCheck.Report r = MastodonDbCheck.run(c, ipSeconds, sessionSeconds, s.statementTimeout());
                put(r, s.user() + "@" + where, facts);
                LOG.debug("Mastodon database: {} queries in {} ms", r.queries(), r.millis());
                return Optional.of(r);
            } catch (SQLException e) {
                facts.error(DB, "db-connect", e.getMessage());
            }
        } catch (MastodonDbException e) {
            facts.error(DB, e.stage(), e.getMessage());
        } catch (TargetException e) {
            facts.error(DB, "db-connect", e.getMessage());
        } finally {
            if (forward != null) {
                forward.close();
            }
        }
        return Optional.empty();
    }

    private static int parsePort(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return 5432;
        }
    }

    private static long seconds(FactSet collected, String which) {
        return map(collected, MastodonEnvFacts.PREFIX + "." + which)
                .map(m -> m.get("seconds")).filter(v -> v instanceof Long).map(v -> (Long) v)
                .orElse(MastodonEnvFacts.ONE_YEAR);
    }

    private static void put(MastodonDbCheck.Report r, String where, FactSet.Builder facts) {
        Evidence src = new Evidence("database: " + where, AuditTexts.get("evidence.mastodon.db-queries", String.valueOf(r.queries()), String.valueOf(r.millis())));
        List<Map<String, Object>> ip = new ArrayList<>();
        List<Evidence> ipEvidence = new ArrayList<>();
        ipEvidence.add(src);
        for (MastodonDbCheck.IpTable t : r.ip()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("table", t.table());
            m.put("column", t.column());
            m.put("by", t.by());
            m.put("overdue", t.overdue());
            m.put("forever", t.forever());
            m.put("oldest_days", t.oldestDays());
            ip.add(m);
            ipEvidence.add(new Evidence("database: " + t.table() + "." + t.column(), t.forever() > 0
                    ? AuditTexts.get("evidence.mastodon.db-ip-forever", String.valueOf(t.overdue()), t.by(), String.valueOf(t.forever()),
                            String.valueOf(t.oldestDays()))
                    : AuditTexts.get("evidence.mastodon.db-ip", String.valueOf(t.overdue()), t.by(), String.valueOf(t.oldestDays()))));
        }
        facts.put(DB + ".ip", ip, ipEvidence);
        MastodonDbCheck.Sessions s = r.sessions();
        facts.put(DB + ".sessions", Map.of("count", s.count(), "overdue", s.overdue(), "oldest_days", s.oldestDays()),
                src, new Evidence("database: session_activations.updated_at", AuditTexts.get("evidence.mastodon.db-sessions",
                        String.valueOf(s.count()), String.valueOf(s.overdue()), String.valueOf(s.oldestDays()))));
        MastodonDbCheck.Admins a = r.admins();
        facts.put(DB + ".admins", Map.of("privileged", a.privileged(), "without_2fa", a.withoutTwoFactor(),
                "inactive_without_2fa", a.inactiveWithoutTwoFactor(), "sso_without_2fa", a.ssoWithoutTwoFactor()), src,
                new Evidence("database: users, user_roles, webauthn_credentials, identities", AuditTexts.get("evidence.mastodon.db-admins",
                        String.valueOf(a.privileged()), String.valueOf(a.withoutTwoFactor()), String.valueOf(a.inactiveWithoutTwoFactor()),
                        String.valueOf(a.ssoWithoutTwoFactor()))
                        + (a.ssoWithoutTwoFactor() > 0 ? AuditTexts.get("evidence.mastodon.db-admins-sso") : "")));
        Map<String, Object> settings = new LinkedHashMap<>();
        for (String k : List.of("media_cache_retention_period", "content_cache_retention_period", "backups_retention_period",
                "authorized_fetch", "site_terms")) {
            settings.put(k, r.settings().getOrDefault(k, ""));
        }
        settings.put("rows", new ArrayList<>(r.settings().keySet()));
        facts.put(DB + ".settings", settings, src, new Evidence("database: settings", r.settings().keySet().isEmpty()
                ? AuditTexts.get("evidence.mastodon.db-no-settings")
                : AuditTexts.get("evidence.mastodon.db-settings", String.join(", ", r.settings().keySet()))));
        facts.put(DB + ".backups", Map.of("count", r.backups().count(), "oldest_days", r.backups().oldestDays()), src,
                new Evidence("database: backups.created_at", AuditTexts.get("evidence.mastodon.db-backups",
                        String.valueOf(r.backups().count()), String.valueOf(r.backups().oldestDays()))));
    }

    /** The retention table: configured periods, verified against the data where it was read. */
    @SuppressWarnings("unchecked")
    private static void retentions(FactSet collected, Optional<MastodonDbCheck.Report> report, FactSet.Builder facts) {
        Map<String, Object> sched = map(collected, MastodonCollector.SCHEDULER).orElse(Map.of());
        boolean schedulerRuns = Boolean.TRUE.equals(sched.get("scheduler_configured")) && !"no".equals(sched.get("sidekiq_running"));
        for (String[] r : new String[][] {
                {"ip_retention", AuditTexts.get("retention.mastodon.ip")},
                {"session_retention", AuditTexts.get("retention.mastodon.sessions")}}) {
            Optional<Map<String, Object>> conf = map(collected, MastodonEnvFacts.PREFIX + "." + r[0]);
            if (conf.isEmpty()) {
                continue;
            }
            Retention ret;
            String source = String.valueOf(conf.get().get("source"));
            if (!schedulerRuns) {
                ret = Retention.forever(AuditTexts.get("retention.mastodon.never-applied", r[1]), source, false);
            } else {
                long secs = (Long) conf.get().get("seconds");
                ret = Retention.of(r[1], Duration.ofSeconds(Math.max(0, secs)), source, Boolean.TRUE.equals(conf.get().get("default")));
            }
            if (report.isPresent()) {
                if (r[0].equals("ip_retention")) {
                    long oldest = report.get().ip().stream().mapToLong(MastodonDbCheck.IpTable::oldestDays).max().orElse(0);
                    boolean holds = report.get().ip().stream().allMatch(t -> t.overdue() == 0 && t.forever() == 0);
                    ret = ret.withVerified(new Retention.Verified("P" + oldest + "D",
                            "database: session_activations, login_activities, oauth_access_tokens, users", holds && schedulerRuns));
                } else {
                    MastodonDbCheck.Sessions s = report.get().sessions();
                    ret = ret.withVerified(new Retention.Verified("P" + s.oldestDays() + "D",
                            "database: session_activations.updated_at", s.overdue() == 0 && schedulerRuns));
                }
            }
            facts.retention(ret);
        }
        report.ifPresent(rep -> {
            content(facts, rep, "media_cache_retention_period", AuditTexts.get("retention.mastodon.media-cache"), -1);
            content(facts, rep, "content_cache_retention_period", AuditTexts.get("retention.mastodon.content-cache"), -1);
            content(facts, rep, "backups_retention_period", AuditTexts.get("retention.mastodon.archives"), 7);
        });
    }

    private static void content(FactSet.Builder facts, MastodonDbCheck.Report rep, String key, String subject, long defaultDays) {
        String raw = rep.settings().get(key);
        String source = "database: settings." + key;
        boolean isDefault = raw == null;
        long days = isDefault ? defaultDays : parseDays(raw);
        if (isDefault) {
            source = "default: config/settings.yml (" + key + (defaultDays > 0 ? " " + defaultDays + ")" : " unset)");
        }
        if (days > Retention.MAX_DAYS) {
            // a settings row of the database: an absurd count would overflow Duration.ofDays (issue 13)
            facts.error("mastodon.db.settings." + key, "range", AuditTexts.get("collect.mastodon.out-of-range", source, String.valueOf(Retention.MAX_DAYS)));
            days = Retention.MAX_DAYS;
        }
        Retention r = days > 0 ? Retention.of(subject, Retention.days(days), source, isDefault)
                : Retention.forever(AuditTexts.get("retention.mastodon.not-purged", subject), source, isDefault);
        if (key.equals("backups_retention_period") && days > 0) {
            r = r.withVerified(new Retention.Verified("P" + rep.backups().oldestDays() + "D", "database: backups.created_at",
                    rep.backups().oldestDays() <= days + 1));
        }
        facts.retention(r);
    }

    private static long parseDays(String raw) {
        try {
            return Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
