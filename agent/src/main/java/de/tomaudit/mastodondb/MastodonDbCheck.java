package de.tomaudit.mastodondb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The aggregates the Mastodon rules need, read in one read-only transaction with a statement
 * timeout: counts and ages only, never an IP address, e-mail address, name or any content
 * (IP columns appear only inside {@code IS NOT NULL}). First the schema: every column used must
 * exist (a missing one is named: the schema is older or newer than expected) and be readable by
 * the role; then the checks.
 *
 * <p>IP retention uses Scheduler::IpCleanupScheduler's own predicates with a cutoff one day before
 * now minus the period (the job runs once a day): session_activations.ip by updated_at, login_activities
 * rows by created_at, oauth_access_tokens.last_used_ip by last_used_at, users.sign_up_ip by
 * current_sign_in_at (NULL: never cleaned, counted as "forever" when older than the period).
 */
public final class MastodonDbCheck {
    /** Every column the checks read, by table (Mastodon's db/schema.rb). */
    public static final Map<String, List<String>> COLUMNS = columns();
    /** administrator 0x1 | manage_reports 0x10 | manage_settings 0x40 | manage_users 0x400 | manage_roles 0x20000
     *  | manage_user_access 0x40000 | delete_user_data 0x80000 (app/models/user_role.rb). */
    public static final long PRIVILEGED_MASK = 0x1L | 0x10L | 0x40L | 0x400L | 0x20000L | 0x40000L | 0x80000L;
    static final List<String> SETTINGS = List.of("media_cache_retention_period", "content_cache_retention_period",
            "backups_retention_period", "authorized_fetch", "site_terms");
    static final long GRACE_SECONDS = 86_400;

    public record IpTable(String table, String column, String by, long overdue, long forever, long oldestDays) { }

    public record Sessions(long count, long overdue, long oldestDays) { }

    /**
     * Privileged accounts. {@code withoutTwoFactor}: active, no OmniAuth identity, neither TOTP nor a
     * security key. {@code ssoWithoutTwoFactor}: active, linked to an OmniAuth identity (OIDC, SAML, CAS),
     * no Mastodon second factor: Auth::OmniauthCallbacksController signs such logins in without
     * Mastodon's TOTP, so their second factor is the identity provider's and is checked by hand.
     * LDAP and PAM logins go through Auth::SessionsController and Mastodon's TOTP like local ones, so
     * they stay in {@code withoutTwoFactor}.
     */
    public record Admins(long privileged, long withoutTwoFactor, long inactiveWithoutTwoFactor, long ssoWithoutTwoFactor) { }

    public record Backups(long count, long oldestDays) { }

    /** What was read; {@code settings} maps var to its YAML text (site_terms: only "set" or ""). */
    public record Report(List<IpTable> ip, Sessions sessions, Admins admins, Map<String, String> settings, Backups backups,
                         int queries, long millis) { }

    private MastodonDbCheck() { }

    static final String SCHEMA_SQL = """
                SELECT c.relname, a.attname FROM pg_catalog.pg_attribute a
                  JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
                  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = current_schema() AND c.relname = ANY (?) AND a.attnum > 0 AND NOT a.attisdropped""";
    static final String SESSIONS_SQL = """
                SELECT count(*) FILTER (WHERE ip IS NOT NULL AND updated_at < now() - make_interval(secs => ?)),
                       coalesce(floor(extract(epoch FROM now() - min(updated_at) FILTER (WHERE ip IS NOT NULL)) / 86400), 0)::bigint,
                       count(*),
                       count(*) FILTER (WHERE updated_at < now() - make_interval(secs => ?)),
                       coalesce(floor(extract(epoch FROM now() - min(updated_at)) / 86400), 0)::bigint
                  FROM session_activations""";
    static final String ADMINS_SQL = """
                WITH everyone AS (SELECT coalesce((SELECT permissions FROM user_roles WHERE id = -99), 0) AS p),
                privileged AS (
                  SELECT (u.otp_required_for_login
                          OR EXISTS (SELECT 1 FROM webauthn_credentials w WHERE w.user_id = u.id)) AS two_factor,
                         EXISTS (SELECT 1 FROM identities i WHERE i.user_id = u.id) AS sso,
                         (u.disabled OR a.suspended_at IS NOT NULL) AS inactive
                    FROM users u
                    JOIN accounts a ON a.id = u.account_id
                    LEFT JOIN user_roles r ON r.id = u.role_id
                    CROSS JOIN everyone e
                   WHERE ((coalesce(r.permissions, 0) | e.p) & ?) <> 0)
                SELECT count(*), count(*) FILTER (WHERE NOT two_factor AND NOT inactive AND NOT sso),
                       count(*) FILTER (WHERE NOT two_factor AND inactive),
                       count(*) FILTER (WHERE NOT two_factor AND NOT inactive AND sso)
                  FROM privileged""";
    static final String SETTINGS_SQL = """
                SELECT var, CASE WHEN var = 'site_terms' THEN CASE WHEN length(btrim(coalesce(value, ''), E'- \\n')) > 0
                                 THEN 'set' ELSE '' END ELSE value END
                  FROM settings WHERE var = ANY (?)""";
    static final String BACKUPS_SQL = """
                SELECT count(*), coalesce(floor(extract(epoch FROM now() - min(created_at)) / 86400), 0)::bigint
                  FROM backups""";
    static final String OTHER_IPS_SQL = """
                SELECT 'login_activities', 'ip', 'created_at',
                       (SELECT count(*) FROM login_activities
                         WHERE id < coalesce((SELECT id FROM login_activities
                                               WHERE created_at >= now() - make_interval(secs => ?)
                                               ORDER BY id LIMIT 1), 9223372036854775807)), 0::bigint,
                       coalesce(floor(extract(epoch FROM now()
                           - (SELECT created_at FROM login_activities ORDER BY id LIMIT 1)) / 86400), 0)::bigint
                UNION ALL
                SELECT 'oauth_access_tokens', 'last_used_ip', 'last_used_at',
                       count(*) FILTER (WHERE last_used_at < now() - make_interval(secs => ?)), 0::bigint,
                       coalesce(floor(extract(epoch FROM now() - min(last_used_at)) / 86400), 0)::bigint
                  FROM oauth_access_tokens WHERE last_used_ip IS NOT NULL
                UNION ALL
                SELECT 'users', 'sign_up_ip', 'current_sign_in_at',
                       count(*) FILTER (WHERE current_sign_in_at < now() - make_interval(secs => ?)),
                       count(*) FILTER (WHERE current_sign_in_at IS NULL AND created_at < now() - make_interval(secs => ?)),
                       coalesce(floor(extract(epoch FROM now() - min(coalesce(current_sign_in_at, created_at))) / 86400), 0)::bigint
                  FROM users WHERE sign_up_ip IS NOT NULL""";

    /** One has_column_privilege per column of {@link #COLUMNS}, as (table, column) parameters. */
    static String privilegeSql() {
        StringBuilder sql = new StringBuilder("SELECT ");
        int n = COLUMNS.values().stream().mapToInt(List::size).sum();
        for (int i = 0; i < n; i++) {
            sql.append(i == 0 ? "" : ", ").append("has_column_privilege(?, ?, 'SELECT')");
        }
        return sql.toString();
    }

    /** The transaction's settings, as {@link #run} sends them. */
    static List<String> settingsSql(Duration statementTimeout) {
        return List.of("SET TRANSACTION READ ONLY", "SET LOCAL statement_timeout = " + Math.max(1, statementTimeout.toMillis()),
                "SET LOCAL lock_timeout = 1000");
    }

    /**
     * Every statement {@link #run} sends, in order, for {@code --dry-run}: the transaction's
     * settings, the schema and privilege look-ups, the checks, then the rollback.
     */
    public static List<String> statements(Duration statementTimeout) {
        List<String> out = new ArrayList<>(settingsSql(statementTimeout));
        out.addAll(List.of(SCHEMA_SQL, privilegeSql(), SESSIONS_SQL, OTHER_IPS_SQL, ADMINS_SQL, SETTINGS_SQL, BACKUPS_SQL,
                "ROLLBACK"));
        return out;
    }

    private static Map<String, List<String>> columns() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("session_activations", List.of("updated_at", "ip"));
        m.put("login_activities", List.of("created_at"));
        m.put("oauth_access_tokens", List.of("last_used_at", "last_used_ip"));
        m.put("users", List.of("id", "account_id", "role_id", "otp_required_for_login", "disabled", "current_sign_in_at",
                "created_at", "sign_up_ip"));
        m.put("user_roles", List.of("id", "permissions"));
        m.put("webauthn_credentials", List.of("user_id"));
        m.put("identities", List.of("user_id"));
        m.put("accounts", List.of("id", "suspended_at"));
        m.put("settings", List.of("var", "value"));
        m.put("backups", List.of("created_at"));
        return java.util.Collections.unmodifiableMap(m);
    }

    public static Report run(Connection c, long ipSeconds, long sessionSeconds, Duration statementTimeout)
            throws MastodonDbException {
        long start = System.nanoTime();
        int[] queries = {0};
        try {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String sql : settingsSql(statementTimeout)) {
                    s.execute(sql);
                }
            }
            schema(c, queries);
            List<IpTable> ip = new ArrayList<>();
            Sessions sessions = sessionActivations(c, ipSeconds, sessionSeconds, ip, queries);
            otherIps(c, ipSeconds, ip, queries);
            Admins admins = admins(c, queries);
            Map<String, String> settings = settings(c, queries);
            Backups backups = backups(c, queries);
            c.rollback();
            return new Report(ip, sessions, admins, settings, backups, queries[0], (System.nanoTime() - start) / 1_000_000);
        } catch (SQLException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection is closed by the caller anyway
            }
            throw MastodonDbException.of(e, "database");
        }
    }

    private static void schema(Connection c, int[] q) throws SQLException, MastodonDbException {
        Set<String> present = new LinkedHashSet<>();
        try (PreparedStatement ps = c.prepareStatement(SCHEMA_SQL)) {
            ps.setArray(1, c.createArrayOf("text", COLUMNS.keySet().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    present.add(rs.getString(1) + "." + rs.getString(2));
                }
            }
            q[0]++;
        }
        List<String> missing = new ArrayList<>();
        COLUMNS.forEach((t, cols) -> cols.forEach(col -> {
            if (!present.contains(t + "." + col)) {
                missing.add(t + "." + col);
            }
        }));
        if (!missing.isEmpty()) {
            throw new MastodonDbException("db-schema", "the database schema lacks " + String.join(", ", missing)
                    + " (a Mastodon version older or newer than this audit knows, or not Mastodon's database)");
        }
        List<String> denied = new ArrayList<>();
        List<String> names = new ArrayList<>();
        COLUMNS.forEach((t, cols) -> cols.forEach(col -> names.add(t + "." + col)));
        try (PreparedStatement ps = c.prepareStatement(privilegeSql())) {
            int p = 1;
            for (String n : names) {
                ps.setString(p++, n.substring(0, n.indexOf('.')));
                ps.setString(p++, n.substring(n.indexOf('.') + 1));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                for (int i = 0; i < names.size(); i++) {
                    if (!rs.getBoolean(i + 1)) {
                        denied.add(names.get(i));
                    }
                }
            }
            q[0]++;
        }
        if (!denied.isEmpty()) {
            throw new MastodonDbException("db-privilege", "the role may not read " + String.join(", ", denied)
                    + " (grant SELECT on the tables named in the README)");
        }
    }

    /**
     * One scan of session_activations gives both its IP figures and the session figures (Mastodon
     * has no index on updated_at: its own cleanup job scans the table the same way).
     */
    private static Sessions sessionActivations(Connection c, long ipSeconds, long sessionSeconds, List<IpTable> ip, int[] q)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SESSIONS_SQL)) {
            ps.setDouble(1, Math.max(0, ipSeconds) + GRACE_SECONDS);
            ps.setDouble(2, Math.max(0, sessionSeconds) + GRACE_SECONDS);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                q[0]++;
                ip.add(new IpTable("session_activations", "ip", "updated_at", rs.getLong(1), 0, rs.getLong(2)));
                return new Sessions(rs.getLong(3), rs.getLong(4), rs.getLong(5));
            }
        }
    }

    private static void otherIps(Connection c, long seconds, List<IpTable> out, int[] q) throws SQLException {
        long cutoff = Math.max(0, seconds) + GRACE_SECONDS;

        try (PreparedStatement ps = c.prepareStatement(OTHER_IPS_SQL)) {
            for (int i = 1; i <= 4; i++) {
                ps.setDouble(i, cutoff);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new IpTable(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                            rs.getLong(6)));
                }
            }
            q[0]++;
        }
    }

    private static Admins admins(Connection c, int[] q) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ADMINS_SQL)) {
            ps.setLong(1, PRIVILEGED_MASK);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                q[0]++;
                return new Admins(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
            }
        }
    }

    private static Map<String, String> settings(Connection c, int[] q) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(SETTINGS_SQL)) {
            ps.setArray(1, c.createArrayOf("text", SETTINGS.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), yamlScalar(rs.getString(2)));
                }
            }
            q[0]++;
        }
        return out;
    }

    private static Backups backups(Connection c, int[] q) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(BACKUPS_SQL)) {
            rs.next();
            q[0]++;
            return new Backups(rs.getLong(1), rs.getLong(2));
        }
    }

    /** rails-settings-cached stores values as YAML ("--- 30\n", "--- true\n"); the scalar text, "" for nil. */
    static String yamlScalar(String v) {
        if (v == null) {
            return "";
        }
        String s = v.strip();
        if (s.startsWith("---")) {
            s = s.substring(3).strip();
        }
        if (s.endsWith("...")) {
            s = s.substring(0, s.length() - 3).strip();
        }
        if (s.length() >= 2 && (s.startsWith("'") && s.endsWith("'") || s.startsWith("\"") && s.endsWith("\""))) {
            s = s.substring(1, s.length() - 1);
        }
        return s.equals("~") || s.equals("null") ? "" : s;
    }
}
