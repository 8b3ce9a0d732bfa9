package de.tomaudit.history;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** Hands Flyway the connections of {@link HistoryDatabase} (same password handling, same lock wait). */
final class LocationDataSource implements DataSource {
    private final HistoryDatabase db;

    LocationDataSource(HistoryDatabase db) {
        this.db = db;
    }

    @Override public Connection getConnection() throws SQLException { return db.rawConnect(); }
    @Override public Connection getConnection(String user, String password) throws SQLException { return db.rawConnect(); }
    @Override public PrintWriter getLogWriter() { return null; }
    @Override public void setLogWriter(PrintWriter out) { }
    @Override public void setLoginTimeout(int seconds) { }
    @Override public int getLoginTimeout() { return 0; }
    @Override public Logger getParentLogger() throws SQLFeatureNotSupportedException { throw new SQLFeatureNotSupportedException(); }
    @Override public <T> T unwrap(Class<T> iface) throws SQLException { throw new SQLException("not a wrapper"); }
    @Override public boolean isWrapperFor(Class<?> iface) { return false; }
}
