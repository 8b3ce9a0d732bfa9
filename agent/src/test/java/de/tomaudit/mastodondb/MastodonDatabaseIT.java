package de.tomaudit.mastodondb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import de.tomaudit.audit.AuditOptions;
import de.tomaudit.audit.TargetAuditor;
import de.tomaudit.collect.mastodon.MastodonCollector;
import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Unavailable;
import de.tomaudit.probe.ProbeSettings;
import de.tomaudit.result.AuditResult;
import de.tomaudit.result.Finding;
import de.tomaudit.result.Status;
import de.tomaudit.result.TargetResult;
import de.tomaudit.rules.Rule;
import de.tomaudit.rules.RuleLoader;
import de.tomaudit.target.DirTarget;
import de.tomaudit.target.Limits;
import de.tomaudit.testsupport.TestPaths;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The database checks against the test bed's real PostgreSQL with Mastodon's tables (schema.sql from
 * db/schema.rb) through the README's read-only role: rows dated so each rule passes and fails, the
 * bad inputs (refused login, missing rights, timeout, older schema), and a canary that no IP, e-mail
 * address or content read from the database reaches the result or the log.
 */
class MastodonDatabaseIT {
    static final String CANARY_IP = "203.0.113.77";
    static final String CANARY_MAIL = "canary-7f3a@example.org";
    static final String CANARY_TEXT = "CANARY-CONTENT-91c2";
    private static List<Rule> rules;

    @BeforeAll
    static void rules() throws Exception {
        rules = RuleLoader.loadDirectory(TestPaths.repo().resolve("rules/mastodon"));
    }

    /** IP retention 30 days, session retention 20 days. */
    static Path root(Path tmp) throws Exception {
        Path live = tmp.resolve("home/mastodon/live");
        Files.createDirectories(live.resolve("lib/mastodon"));
        Files.writeString(live.resolve("lib/mastodon/version.rb"),
                "module Mastodon\n  module Version\n    def major\n      4\n    end\n    def minor\n      3\n    end\n    def patch\n      2\n    end\n  end\nend\n");
        Files.writeString(live.resolve(".env.production"), "LOCAL_DOMAIN=example.org\nIP_RETENTION_PERIOD=2592000\n"
                + "SESSION_RETENTION_PERIOD=1728000\nDB_HOST=/var/run/postgresql\n");
        Path units = tmp.resolve("etc/systemd/system");
        Files.createDirectories(units);
        Files.writeString(units.resolve("mastodon-sidekiq.service"), "[Service]\nWorkingDirectory=/home/mastodon/live\n"
                + "ExecStart=/usr/bin/bundle exec sidekiq -c 25\n");
        return tmp;
    }

    /** Fresh data only: every check passes. Roles: owner (administrator), moderator (manage_reports), everyone (invites). */
    static void freshData(MastodonTestDatabase db) throws Exception {
        db.exec("""
                INSERT INTO user_roles (id, name, permissions, created_at, updated_at) VALUES
                  (-99, '', 65536, now(), now()), (1, 'Owner', 1, now(), now()), (2, 'Moderator', 16, now(), now());
                INSERT INTO accounts (id, username, created_at, updated_at, note) VALUES
                  (1, 'owner', now(), now(), '%3$s'), (2, 'mod', now(), now(), ''), (3, 'user', now(), now(), ''),
                  (4, 'gone', now(), now(), '');
                UPDATE accounts SET suspended_at = now() WHERE id = 4;
                INSERT INTO users (id, email, account_id, role_id, otp_required_for_login, created_at, updated_at,
                                   current_sign_in_at, sign_up_ip, encrypted_password) VALUES
                  (1, '%2$s', 1, 1, true, now() - interval '400 days', now(), now() - interval '2 days', '%1$s', 'x'),
                  (2, 'mod@example.org', 2, 2, false, now() - interval '50 days', now(), now() - interval '3 days', '%1$s', 'x'),
                  (3, 'user@example.org', 3, NULL, false, now() - interval '5 days', now(), now() - interval '5 days', '%1$s', 'x'),
                  (4, 'gone@example.org', 4, 1, false, now() - interval '5 days', now(), NULL, NULL, 'x');
                INSERT INTO webauthn_credentials (external_id, public_key, nickname, user_id, created_at, updated_at)
                  VALUES ('ext', 'pk', 'key', 2, now(), now());
                INSERT INTO session_activations (session_id, created_at, updated_at, user_agent, ip, user_id)
                  VALUES ('s1', now() - interval '9 days', now() - interval '5 days', '%3$s', '%1$s', 1);
                INSERT INTO login_activities (user_id, authentication_method, success, ip, user_agent, created_at)
                  VALUES (1, 'password', true, '%1$s', '%3$s', now() - interval '5 days');
                INSERT INTO oauth_access_tokens (token, created_at, resource_owner_id, last_used_at, last_used_ip)
                  VALUES ('t1', now() - interval '50 days', 1, now() - interval '5 days', '%1$s');
                INSERT INTO settings (var, value, created_at, updated_at) VALUES
                  ('media_cache_retention_period', E'--- 30\\n', now(), now()),
                  ('site_terms', E'--- "%3$s"\\n', now(), now());
                INSERT INTO backups (user_id, created_at, updated_at) VALUES (1, now() - interval '3 days', now());
                """.formatted(CANARY_IP, CANARY_MAIL, CANARY_TEXT));
    }

    static TargetResult audit(Path root, MastodonDbSettings db) {
        AuditOptions options = new AuditOptions(Set.of("mastodon"), rules, List.of(), "en", 1, Limits.DEFAULT,
                de.tomaudit.target.ssh.SshOptions.defaults(), Optional.empty(),
                new ProbeSettings(false, Duration.ofSeconds(1), Duration.ofSeconds(1), 1, 1, Duration.ofSeconds(5), List.of()), db);
        return new TargetAuditor(List.of(new MastodonCollector())).audit(new DirTarget(root, Limits.DEFAULT), options);
    }

    /** Every column of every row the run history stores for the result (an embedded H2 history in tmp), as text. */
    static String historyRows(Path tmp, AuditResult result) throws Exception {
        de.tomaudit.history.HistoryStore store = new de.tomaudit.history.HistoryStore(de.tomaudit.history.HistoryDatabase.open(
                de.tomaudit.history.HistoryLocation.of("jdbc:h2:file:" + tmp.resolve("history"), Map.of())));
        store.record(result);
        StringBuilder rows = new StringBuilder();
        try (Connection c = store.database().connect();
             var tables = c.createStatement().executeQuery(
                     "SELECT TABLE_SCHEMA, TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                             + " WHERE TABLE_SCHEMA <> 'INFORMATION_SCHEMA' AND TABLE_TYPE IN ('BASE TABLE', 'TABLE')")) {
            List<String> names = new java.util.ArrayList<>();
            while (tables.next()) {
                names.add("\"" + tables.getString(1) + "\".\"" + tables.getString(2) + "\"");
            }
            assertTrue(names.stream().anyMatch(n -> n.toLowerCase(java.util.Locale.ROOT).endsWith(".\"target_results\"")),
                    names.toString());
            for (String t : names) {
                try (var q = c.createStatement().executeQuery("SELECT * FROM " + t)) {
                    while (q.next()) {
                        for (int i = 1; i <= q.getMetaData().getColumnCount(); i++) {
                            rows.append(q.getString(i)).append('\t');
                        }
                        rows.append('\n');
                    }
                }
            }
        }
        assertTrue(rows.toString().contains("mastodon.ip-retention"), "the history holds the run");
        return rows.toString();
    }

    static Map<String, Finding> findings(TargetResult r) {
        return r.findings().stream().collect(Collectors.toMap(Finding::ruleId, f -> f));
    }

    @Test
    void freshDataPassesAndNothingPersonalLeaves(@TempDir Path tmp) throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        root.addAppender(log);
        ch.qos.logback.classic.Level level = root.getLevel();
        root.setLevel(ch.qos.logback.classic.Level.DEBUG);
        try (MastodonTestDatabase db = MastodonTestDatabase.create("masto_pass")) {
            freshData(db);
            TargetResult r = audit(root(tmp), db.settings());
            Map<String, Finding> f = findings(r);
            assertEquals(Status.PASS, f.get("mastodon.ip-retention").status(), f.get("mastodon.ip-retention").toString());
            assertEquals(Status.PASS, f.get("mastodon.session-retention").status());
            assertEquals(Status.PASS, f.get("mastodon.admin-2fa").status(), f.get("mastodon.admin-2fa").toString());
            assertEquals(Status.PASS, f.get("mastodon.content-retention").status());
            assertTrue(r.retentions().stream().anyMatch(x -> x.subject().startsWith("IP addresses") && x.verified() != null),
                    r.retentions().toString());
            AuditResult result = AuditResult.of("test", "s", "f", List.of(r));
            StringBuilder out = new StringBuilder();
            // every output format whose bytes are text (the PDF and DOCX are compressed: their text is the same model's)
            for (de.tomaudit.report.Renderer renderer : de.tomaudit.report.Renderers.all()) {
                if (renderer.format().contains("pdf") || renderer.format().contains("docx")) {
                    continue;
                }
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                renderer.render(result, new de.tomaudit.report.RenderOptions("en", false, "high"), bytes);
                out.append(renderer.format()).append(":\n").append(bytes.toString(StandardCharsets.UTF_8)).append('\n');
            }
            out.append(historyRows(tmp, result));
            out.append(log.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.joining("\n")));
            for (String canary : List.of(CANARY_IP, CANARY_MAIL, CANARY_TEXT, "mod@example.org", db.rolePassword)) {
                assertFalse(out.toString().contains(canary), canary + " leaked into an output format, a history row or the log");
            }
        } finally {
            root.detachAppender(log);
            root.setLevel(level);
        }
    }

    @Test
    void staleDataFailsEachRule(@TempDir Path tmp) throws Exception {
        try (MastodonTestDatabase db = MastodonTestDatabase.create("masto_fail")) {
            freshData(db);
            db.exec("""
                    INSERT INTO login_activities (id, user_id, authentication_method, success, ip, created_at)
                      VALUES (0, 1, 'password', true, '198.51.100.1', now() - interval '40 days');
                    INSERT INTO session_activations (session_id, created_at, updated_at, ip, user_id)
                      VALUES ('s2', now() - interval '60 days', now() - interval '40 days', '198.51.100.2', 1);
                    UPDATE webauthn_credentials SET user_id = 3;
                    """);
            Map<String, Finding> f = findings(audit(root(tmp), db.settings()));
            assertEquals(Status.FAIL, f.get("mastodon.ip-retention").status());
            assertEquals(Status.FAIL, f.get("mastodon.session-retention").status());
            assertEquals(Status.FAIL, f.get("mastodon.admin-2fa").status());
            assertTrue(f.get("mastodon.ip-retention").evidence().stream().anyMatch(e -> e.value().startsWith("1 past the cutoff")),
                    f.get("mastodon.ip-retention").evidence().toString());
            // the older login (a smaller id: ids grow with time) is found through the primary key
            assertTrue(f.get("mastodon.ip-retention").evidence().stream().anyMatch(e -> e.source().equals(
                    "database: login_activities.ip") && e.value().startsWith("1 past the cutoff") && e.value().contains("oldest 40 days")),
                    f.get("mastodon.ip-retention").evidence().toString());
        }
    }

    /** --dry-run lists exactly the statements the check sends: recorded from a run against the bed. */
    @Test
    void theDryRunListsEveryStatementTheCheckSends() throws Exception {
        try (MastodonTestDatabase db = MastodonTestDatabase.create("masto_plan")) {
            freshData(db);
            List<String> sent = new java.util.ArrayList<>();
            try (Connection real = MastodonDbConnector.open(db.url(), db.settings())) {
                Connection recording = (Connection) java.lang.reflect.Proxy.newProxyInstance(Connection.class.getClassLoader(),
                        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                            if (method.getName().equals("rollback")) {
                                sent.add("ROLLBACK");
                            }
                            if (method.getName().equals("prepareStatement") && args != null) {
                                sent.add((String) args[0]);
                            }
                            Object out;
                            try {
                                out = method.invoke(real, args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                            if (out instanceof java.sql.Statement st && method.getName().equals("createStatement")) {
                                return java.lang.reflect.Proxy.newProxyInstance(java.sql.Statement.class.getClassLoader(),
                                        new Class<?>[] {java.sql.Statement.class}, (p2, m2, a2) -> {
                                            if ((m2.getName().equals("execute") || m2.getName().equals("executeQuery")) && a2 != null) {
                                                sent.add((String) a2[0]);
                                            }
                                            try {
                                                return m2.invoke(st, a2);
                                            } catch (java.lang.reflect.InvocationTargetException e) {
                                                throw e.getCause();
                                            }
                                        });
                            }
                            return out;
                        });
                MastodonDbCheck.run(recording, 86_400, 86_400, db.settings().statementTimeout());
            }
            assertEquals(MastodonDbCheck.statements(db.settings().statementTimeout()), sent);
        }
    }

    @Test
    void privilegedSsoAccountsAreCountedApartFromLocalOnes(@TempDir Path tmp) throws Exception {
        try (MastodonTestDatabase db = MastodonTestDatabase.create("masto_sso")) {
            freshData(db);
            // the moderator loses the security key but signs in through an OIDC identity
            db.exec("""
                    DELETE FROM webauthn_credentials;
                    INSERT INTO identities (provider, uid, created_at, updated_at, user_id)
                      VALUES ('openid_connect', 'sub-2', now(), now(), 2);
                    """);
            TargetResult r = audit(root(tmp), db.settings());
            Finding f = findings(r).get("mastodon.admin-2fa");
            assertEquals(Status.PASS, f.status(), f.toString());
            assertTrue(f.evidence().stream().anyMatch(e -> e.value().contains("0 active without 2FA")
                    && e.value().contains("1 signing in through SSO")), f.evidence().toString());
            // the same moderator without the identity: a local account without 2FA
            db.exec("DELETE FROM identities");
            assertEquals(Status.FAIL, findings(audit(root(tmp), db.settings())).get("mastodon.admin-2fa").status());
        }
    }

    @Test
    void usersWhoNeverSignedInKeepTheirSignUpIpForever(@TempDir Path tmp) throws Exception {
        try (MastodonTestDatabase db = MastodonTestDatabase.create("masto_forever")) {
            freshData(db);
            db.exec("""
                    INSERT INTO accounts (id, username, created_at, updated_at) VALUES (5, 'lurker', now(), now());
                    INSERT INTO users (id, email, account_id, created_at, updated_at, current_sign_in_at, sign_up_ip)
                      VALUES (5, 'lurker@example.org', 5, now() - interval '90 days', now(), NULL, '198.51.100.3');
                    """);
            MastodonDbCheck.Report r;
            try (Connection c = MastodonDbConnector.open(db.url(), db.settings())) {
                r = MastodonDbCheck.run(c, 2_592_000, 1_728_000, Duration.ofSeconds(20));
            }
            MastodonDbCheck.IpTable users = r.ip().stream().filter(t -> t.table().equals("users")).findFirst().orElseThrow();
            assertEquals(1, users.forever());
            assertEquals(0, users.overdue());
            assertEquals(0, r.admins().withoutTwoFactor(), "owner with TOTP, moderator with a security key");
            assertEquals(3, r.admins().privileged(), "owner, moderator, suspended owner; not the plain user");
            assertEquals(1, r.admins().inactiveWithoutTwoFactor(), "the suspended owner is counted apart");
        }
    }

    @Test
    void wrongPasswordIsALoginError(@TempDir Path tmp) throws Exception {
        try (MastodonTestDatabase db = MastodonTestDatabase.create("masto_login")) {
            MastodonDbSettings wrong = new MastodonDbSettings(Optional.of(db.url()), db.role, Optional.of("wrong"), false,
                    Duration.ofSeconds(5), Duration.ofSeconds(5));
            TargetResult r = audit(root(tmp), wrong);
            assertTrue(r.errors().stream().anyMatch(e -> e.stage().equals("db-login")), r.errors().toString());
            assertEquals(Status.ERROR, findings(r).get("mastodon.admin-2fa").status());
            assertFalse(r.errors().toString().contains("wrong"));
        }
    }

    @Test
    void roleWithoutRightsNamesTheColumns() throws Exception {
        try (MastodonTestDatabase db = MastodonTestDatabase.create("masto_priv")) {
            db.exec("REVOKE SELECT ON users FROM " + db.role);
            try (Connection c = MastodonDbConnector.open(db.url(), db.settings())) {
                MastodonDbException e = assertThrows(MastodonDbException.class,
                        () -> MastodonDbCheck.run(c, 1, 1, Duration.ofSeconds(10)));
                assertEquals("db-privilege", e.stage());
                assertTrue(e.getMessage().contains("users.role_id"), e.getMessage());
            }
        }
    }

    @Test
    void olderSchemaNamesTheMissingColumn() throws Exception {
        try (MastodonTestDatabase db = MastodonTestDatabase.create("masto_schema")) {
            db.exec("ALTER TABLE users DROP COLUMN role_id");
            try (Connection c = MastodonDbConnector.open(db.url(), db.settings())) {
                MastodonDbException e = assertThrows(MastodonDbException.class,
                        () -> MastodonDbCheck.run(c, 1, 1, Duration.ofSeconds(10)));
                assertEquals("db-schema", e.stage());
                assertTrue(e.getMessage().contains("users.role_id"), e.getMessage());
            }
        }
    }

    @Test
    void aQueryPastItsTimeoutIsATimeoutError() throws Exception {
        try (MastodonTestDatabase db = MastodonTestDatabase.create("masto_timeout")) {
            db.exec("INSERT INTO login_activities (user_id, ip, created_at) "
                    + "SELECT 1, '10.0.0.1', now() - (g || ' minutes')::interval FROM generate_series(1, 300000) g");
            try (Connection c = MastodonDbConnector.open(db.url(), db.settings())) {
                MastodonDbException e = assertThrows(MastodonDbException.class,
                        () -> MastodonDbCheck.run(c, 1, 1, Duration.ofMillis(1)));
                assertEquals("db-timeout", e.stage(), e.getMessage());
            }
        }
    }

    @Test
    void theRoleCannotWriteEvenWhenAsked() throws Exception {
        try (MastodonTestDatabase db = MastodonTestDatabase.create("masto_ro");
             Connection c = MastodonDbConnector.open(db.url(), db.settings())) {
            java.sql.SQLException e = assertThrows(java.sql.SQLException.class, () -> {
                try (var s = c.createStatement()) {
                    s.execute("INSERT INTO settings (var, value) VALUES ('x', 'y')");
                }
            });
            assertTrue(e.getSQLState().equals("25006") || e.getSQLState().equals("42501"), e.getSQLState());
        }
    }

}
