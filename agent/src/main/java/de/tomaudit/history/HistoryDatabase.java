package de.tomaudit.history;

import de.tomaudit.i18n.AuditTexts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the history database and brings its schema up to date with the versioned migrations
 * under {@code db/migration} (Flyway). A database of a newer schema than this version knows is
 * refused, never written to. Every failure is a {@link HistoryException} with one line.
 */
public final class HistoryDatabase {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryDatabase.class);
    public static final String MIGRATIONS = "classpath:db/migration";
    /**
     * The newest schema version under {@link #MIGRATIONS} (HistoryMigrationTest keeps the two equal): a
     * database already at it is used without starting Flyway, which costs most of a run's history time.
     */
    public static final String SCHEMA_VERSION = "1";
    /** How long an embedded database another tomaudit process holds open is waited for. */
    private static final long LOCK_WAIT_MS = 20_000;

    private final HistoryLocation location;
    /**
     * PostgreSQL: the connection the schema check logged in with, handed to the first {@link #connect()}
     * (a login costs the client 4096 rounds of PBKDF2 for SCRAM, more than a run's queries).
     */
    private Connection spare;

    private HistoryDatabase(HistoryLocation location) {
        this.location = location;
    }

    public HistoryLocation location() {
        return location;
    }

    /** Opens (creating an embedded database where there is none) and migrates. */
    public static HistoryDatabase open(HistoryLocation location) throws HistoryException {
        HistoryDatabase db = new HistoryDatabase(location);
        db.prepareDirectory();
        if (!db.current()) {
            db.migrate(null);
        }
        return db;
    }

    /**
     * Whether the schema is exactly {@link #SCHEMA_VERSION}; a newer one is refused here too. False when
     * there is no schema yet or an older one (Flyway then migrates).
     */
    private boolean current() throws HistoryException {
        MigrationVersion newest = null;
        Connection c = null;
        try {
            c = rawConnect();
            try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(
                    "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" AND \"version\" IS NOT NULL")) {
                while (rs.next()) {
                    MigrationVersion v = MigrationVersion.fromVersion(rs.getString(1));
                    newest = newest == null || v.isNewerThan(newest.getVersion()) ? v : newest;
                }
            } catch (SQLException noTable) {
                return false;
            }
            if (location.postgres() && newest != null && newest.equals(MigrationVersion.fromVersion(SCHEMA_VERSION))) {
                spare = c; // in autocommit, no transaction open: as good as a new one
                c = null;
            }
        } catch (SQLException e) {
            throw new HistoryException(describe(e, e));
        } finally {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // only read from
                }
            }
        }
        if (newest == null) {
            return false;
        }
        if (newest.isNewerThan(SCHEMA_VERSION)) {
            throw new HistoryException(AuditTexts.get("history.newer-schema", location.shown(), String.valueOf(newest), String.valueOf(SCHEMA_VERSION)));
        }
        return newest.equals(MigrationVersion.fromVersion(SCHEMA_VERSION));
    }

    /** Opens without migrating beyond {@code target} (tests of the migrations); null migrates to the latest. */
    static HistoryDatabase openAt(HistoryLocation location, String target) throws HistoryException {
        HistoryDatabase db = new HistoryDatabase(location);
        db.prepareDirectory();
        db.migrate(target);
        return db;
    }

    private void prepareDirectory() throws HistoryException {
        if (location.postgres()) {
            return;
        }
        Path dir = Path.of(location.shown()).toAbsolutePath().getParent();
        if (dir == null || Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // another process made it
        } catch (java.io.IOException | UnsupportedOperationException e) {
            throw new HistoryException(AuditTexts.get("history.cannot-create", location.shown(), String.valueOf(dir), e.getClass().getSimpleName()));
        }
    }

    /** The latest schema version this tomaudit knows. */
    public static String latestVersion() {
        java.util.List<String> all = knownVersions();
        return all.isEmpty() ? "0" : all.get(all.size() - 1);
    }

    /** Every schema version of the migrations this tomaudit carries, oldest first (resolved against an empty database). */
    public static java.util.List<String> knownVersions() {
        MigrationInfo[] all = Flyway.configure(HistoryDatabase.class.getClassLoader()).locations(MIGRATIONS)
                .dataSource("jdbc:h2:mem:", "sa", "").load().info().all();
        return Arrays.stream(all).map(m -> m.getVersion().getVersion()).toList();
    }

    private void migrate(String target) throws HistoryException {
        try {
            var config = Flyway.configure(HistoryDatabase.class.getClassLoader())
                    .locations(MIGRATIONS)
                    .dataSource(new LocationDataSource(this))
                    .connectRetries(0);
            if (target != null) {
                config = config.target(target);
            }
            Flyway flyway = config.load();
            MigrationInfoService info = flyway.info();
            MigrationInfo[] future = Arrays.stream(info.applied())
                    .filter(m -> m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED)
                    .toArray(MigrationInfo[]::new);
            if (future.length > 0) {
                throw new HistoryException(AuditTexts.get("history.newer-schema", location.shown(),
                        String.valueOf(future[future.length - 1].getVersion()), String.valueOf(latestVersion())));
            }
            var result = flyway.migrate();
            if (result.migrationsExecuted > 0) {
                LOG.info("history database {}: schema migrated to version {}", location.shown(), result.targetSchemaVersion);
            }
        } catch (FlywayException e) {
            throw new HistoryException(describe(rootSql(e), e));
        }
    }

    /** A new connection (the caller closes it). */
    /**
     * Makes what {@code c} committed durable now. The embedded database keeps a commit in memory and
     * writes it later, in the background or when it closes at the JVM's exit, where a full disk is
     * swallowed: a run said to be stored would be lost. A checkpoint writes it here, so a full disk is
     * the history's failure (the run unrecorded, exit 4). PostgreSQL's commit is durable already.
     */
    void durable(Connection c) throws SQLException {
        if (!location.postgres()) {
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("CHECKPOINT");
            }
        }
    }

    public Connection connect() throws HistoryException {
        synchronized (this) {
            Connection c = spare;
            spare = null;
            if (c != null) {
                return c;
            }
        }
        try {
            return rawConnect();
        } catch (SQLException e) {
            throw new HistoryException(describe(e, e));
        }
    }

    Connection rawConnect() throws SQLException {
        Properties p = new Properties();
        if (location.postgres()) {
            location.password().ifPresent(pw -> p.setProperty("password", pw));
            p.setProperty("connectTimeout", "10");
            p.setProperty("socketTimeout", "60");
            p.setProperty("ApplicationName", "tomaudit");
            p.setProperty("reWriteBatchedInserts", "true"); // a target's findings in one INSERT
            return new org.postgresql.Driver().connect(location.url(), p);
        }
        p.setProperty("user", "tomaudit");
        p.setProperty("password", "");
        long deadline = System.currentTimeMillis() + LOCK_WAIT_MS;
        long pause = 50;
        while (true) {
            try {
                return new org.h2.Driver().connect(location.url(), p);
            } catch (SQLException e) {
                // another tomaudit holds the embedded file: it only does so for the moment of storing a run
                if (e.getErrorCode() != org.h2.api.ErrorCode.DATABASE_ALREADY_OPEN_1 || System.currentTimeMillis() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause = Math.min(500, pause * 2);
            }
        }
    }

    /** One line for a failure of the history database, by its cause; never the SQL or the values. */
    public String describe(SQLException e, Exception outer) {
        String where = AuditTexts.get("history.database", location.shown()) + ": ";
        if (e == null) {
            return where + firstLine(outer.getMessage());
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        int code = e.getErrorCode();
        String text = firstLine(e.getMessage());
        if (state.startsWith("08") || code == org.h2.api.ErrorCode.CONNECTION_BROKEN_1) {
            return where + AuditTexts.get("history.unreachable", text);
        }
        if (state.startsWith("28")) {
            return where + AuditTexts.get("history.login", text, HistoryLocation.PASSWORD_ENV);
        }
        if (state.equals("25006") || code == org.h2.api.ErrorCode.DATABASE_IS_READ_ONLY || state.equals("42501")) {
            return where + AuditTexts.get("history.read-only", text);
        }
        if (state.startsWith("53") || text.toLowerCase(java.util.Locale.ROOT).contains("no space left")) {
            return where + AuditTexts.get("history.full", text);
        }
        if (diskFull(e) || diskFull(outer)) {
            // H2 wraps the file system's answer: "General error: … Writing to sun.nio.ch.FileChannelImpl@… failed"
            return where + AuditTexts.get("history.full", "No space left on device");
        }
        if (code == org.h2.api.ErrorCode.DATABASE_ALREADY_OPEN_1) {
            return where + AuditTexts.get("history.in-use", text);
        }
        return where + text;
    }

    /** Whether an exception or one of its causes is the file system's ENOSPC. */
    private static boolean diskFull(Throwable t) {
        int depth = 0;
        for (Throwable c = t; c != null && depth++ < 20; c = c.getCause()) {
            String m = c.getMessage();
            if (m != null && m.toLowerCase(java.util.Locale.ROOT).contains("no space left on device")) {
                return true;
            }
        }
        return false;
    }

    static SQLException rootSql(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException s) {
                return s;
            }
        }
        return null;
    }

    static String firstLine(String s) {
        if (s == null || s.isBlank()) {
            return "failed";
        }
        String line = s.strip().lines().findFirst().orElse(s).strip();
        // H2 appends the statement in brackets: never repeat SQL (it could hold values)
        int bracket = line.indexOf(" [");
        if (bracket > 0 && line.endsWith("]")) {
            line = line.substring(0, bracket);
        }
        line = line.replaceAll("\\p{Cntrl}", " ");
        return line.length() > 240 ? line.substring(0, 240) + "…" : line;
    }
}
