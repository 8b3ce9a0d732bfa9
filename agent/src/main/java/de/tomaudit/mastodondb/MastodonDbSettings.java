package de.tomaudit.mastodondb;

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
