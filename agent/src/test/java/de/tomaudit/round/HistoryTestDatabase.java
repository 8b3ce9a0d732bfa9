package de.tomaudit.round;

import de.tomaudit.mastodondb.MastodonTestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;

/**
 * A fresh history database in the test bed's PostgreSQL (scripts/testbed.d/postgres.sh), owned by a
 * role of its own with a random password (the agents get it through PGPASSWORD), dropped on close.
 */
public final class HistoryTestDatabase implements AutoCloseable {
    public final String host;
    public final int port;
    public final String name;
    public final String role;
    public final String password;
    private final String superPassword;

    private HistoryTestDatabase(String host, int port, String name, String superPassword) {
        this.host = host;
        this.port = port;
        this.name = name;
        this.role = name + "_rw";
        this.password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        this.superPassword = superPassword;
    }

    public static HistoryTestDatabase create(String prefix) throws Exception {
        Map<String, String> env = MastodonTestDatabase.bedEnv();
        String pw = Files.readString(Path.of(env.get("PG_SUPERUSER_PASSWORD_FILE"))).strip();
        String name = prefix + "_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
        HistoryTestDatabase db = new HistoryTestDatabase(env.get("PGHOST"), Integer.parseInt(env.get("PGPORT")), name, pw);
        try (Connection c = db.superuser("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + db.role + " LOGIN PASSWORD '" + db.password + "'");
            s.execute("CREATE DATABASE " + name + " OWNER " + db.role);
        }
        return db;
    }

    /** The --history URL (user in the URL, password never). */
    public String url() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name + "?user=" + role;
    }

    /** A tomaudit process with this database's password in PGPASSWORD; stdout and stderr go to {@code log}. */
    public Process agent(java.util.List<String> args, Path log) throws java.io.IOException {
        java.util.List<String> argv = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), de.tomaudit.cli.Main.class.getName()));
        argv.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("PGPASSWORD", password);
        return pb.start();
    }

    /** Runs a tomaudit process to its end and returns its exit code. */
    public int run(java.util.List<String> args, Path log) throws Exception {
        Process p = agent(args, log);
        if (!p.waitFor(180, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("tomaudit " + args + " did not end");
        }
        return p.exitValue();
    }

    public Connection superuser(String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("password", superPassword);
        return new org.postgresql.Driver().connect("jdbc:postgresql://" + host + ":" + port + "/" + database, p);
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = superuser("postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("DROP ROLE IF EXISTS " + role);
        }
    }
}
