package de.tomaudit.mastodondb;

import de.tomaudit.testsupport.TestPaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * A fresh database with Mastodon's tables (agent/src/test/resources/mastodon/schema.sql) and the
 * README's read-only role in the test bed's PostgreSQL (scripts/testbed.d/postgres.sh), dropped on close.
 */
public final class MastodonTestDatabase implements AutoCloseable {
    final String host;
    final int port;
    final String name;

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }
    final String role;
    final String rolePassword;
    private final String superPassword;

    private MastodonTestDatabase(String host, int port, String superPassword, String name) {
        this.host = host;
        this.port = port;
        this.superPassword = superPassword;
        this.name = name;
        this.role = name + "_ro";
        this.rolePassword = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
    }

    public static Map<String, String> bedEnv() throws IOException {
        Path env = TestPaths.testbed("postgres/env");
        return Files.readAllLines(env).stream().filter(l -> l.contains("="))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1)));
    }

    public static MastodonTestDatabase create(String prefix) throws IOException, SQLException {
        Map<String, String> env = bedEnv();
        String pw = Files.readString(Path.of(env.get("PG_SUPERUSER_PASSWORD_FILE"))).strip();
        String name = prefix + "_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
        MastodonTestDatabase db = new MastodonTestDatabase(env.get("PGHOST"), Integer.parseInt(env.get("PGPORT")), pw, name);
        try (Connection c = db.superuser("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        db.exec(resource("/mastodon/schema.sql"));
        db.exec(resource("/mastodon/readonly-role.sql").replace(":role", db.role).replace(":password", db.rolePassword)
                .replace(":database", name));
        return db;
    }

    static String resource(String path) throws IOException {
        try (InputStream in = MastodonTestDatabase.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    public String url() {
        return MastodonDbConnector.url(host, port, name);
    }

    public MastodonDbSettings settings() {
        return new MastodonDbSettings(java.util.Optional.of(url()), role, java.util.Optional.of(rolePassword), false,
                java.time.Duration.ofSeconds(20), java.time.Duration.ofSeconds(10));
    }

    Connection superuser(String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("password", superPassword);
        return new org.postgresql.Driver().connect(MastodonDbConnector.url(host, port, database), p);
    }

    /** Runs SQL as the superuser in this database (several statements separated by semicolons). */
    public void exec(String sql) throws SQLException {
        try (Connection c = superuser(name); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = superuser("postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("DROP ROLE IF EXISTS " + role);
        }
    }
}
