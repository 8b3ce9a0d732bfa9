package de.tomaudit.mastodondb;

import de.tomaudit.i18n.AuditTexts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the Mastodon database is reached: {@code --mastodon-db JDBC_URL} (else host, port and name
 * from {@code .env.production}), {@code --mastodon-db-user} (default {@code tomaudit_ro}), the
 * password only from {@code TOMAUDIT_MASTODON_DB_PASSWORD} or {@code ~/.pgpass} (PgJDBC reads it),
 * and the statement timeout.
 */
public record MastodonDbSettings(Optional<String> jdbcUrl, String user, Optional<String> password,
                                 boolean pgpassPresent, Duration statementTimeout, Duration connectTimeout) {
    public static final String DEFAULT_USER = "tomaudit_ro";
    public static final String PASSWORD_ENV = "TOMAUDIT_MASTODON_DB_PASSWORD";
    public static final MastodonDbSettings NONE = new MastodonDbSettings(Optional.empty(), DEFAULT_USER, Optional.empty(),
            false, Duration.ofSeconds(10), Duration.ofSeconds(5));

    public MastodonDbSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    /** From the command line and this process's environment. */
    public static MastodonDbSettings of(String jdbcUrl, String user) {
        String pw = System.getenv(PASSWORD_ENV);
        String pgpass = Optional.ofNullable(System.getenv("PGPASSFILE"))
                .orElse(System.getProperty("user.home") + "/.pgpass");
        return new MastodonDbSettings(Optional.ofNullable(jdbcUrl).filter(s -> !s.isBlank()),
                user == null || user.isBlank() ? DEFAULT_USER : user,
                Optional.ofNullable(pw).filter(s -> !s.isEmpty()), Files.isRegularFile(Path.of(pgpass)),
                Duration.ofSeconds(10), Duration.ofSeconds(5));
    }

    /**
     * URL parameters PgJDBC lets override the connection's own properties: a password on the command line,
     * another role than {@code --mastodon-db-user}, or the read-only session switched off.
     */
    static final java.util.Set<String> REFUSED_PARAMETERS = java.util.Set.of("password", "sslpassword", "passfile", "user",
            "readonly", "readonlymode", "options");

    /**
     * Why a {@code --mastodon-db} URL cannot be used, or empty: not a {@code jdbc:postgresql://} URL, a
     * password in it (user:password@), or a parameter in {@link #REFUSED_PARAMETERS}.
     */
    public static Optional<String> urlProblem(String url) {
        String lower = url.toLowerCase(java.util.Locale.ROOT);
        if (!lower.startsWith("jdbc:postgresql://")) {
            return Optional.of(AuditTexts.get("cli.usage.mastodon-db-url"));
        }
        int q = url.indexOf('?');
        String authority = url.substring("jdbc:postgresql://".length(), q < 0 ? url.length() : q);
        if (authority.matches("[^/]*@.*")) {
            return Optional.of(AuditTexts.get("cli.usage.mastodon-db-user", PASSWORD_ENV));
        }
        if (q >= 0) {
            for (String param : url.substring(q + 1).split("&")) {
                String name = param.split("=", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
                if (REFUSED_PARAMETERS.contains(name)) {
                    return Optional.of(AuditTexts.get("cli.usage.mastodon-db-param", name,
                            name.contains("pass") ? AuditTexts.get("cli.usage.mastodon-db-param.pass", PASSWORD_ENV)
                            : name.equals("user") ? AuditTexts.get("cli.usage.mastodon-db-param.user")
                            : AuditTexts.get("cli.usage.mastodon-db-param.session")));
                }
            }
        }
        return Optional.empty();
    }

    /** Whether a password source exists at all (otherwise the check is not configured, not failed). */
    public boolean credentials() {
        return password.isPresent() || pgpassPresent;
    }

    public MastodonDbSettings withStatementTimeout(Duration d) {
        return new MastodonDbSettings(jdbcUrl, user, password, pgpassPresent, d, connectTimeout);
    }

    @Override
    public String toString() {
        return "MastodonDbSettings[" + jdbcUrl.orElse("(from .env.production)") + ", user " + user + ", password "
                + (password.isPresent() ? "from " + PASSWORD_ENV : pgpassPresent ? "from ~/.pgpass" : "none") + "]";
    }
}
