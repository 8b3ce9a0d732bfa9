package de.tomaudit.mastodondb;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens a PostgreSQL connection for the read-only role: the user and password never go into the
 * URL (the password comes from the environment, else PgJDBC's own ~/.pgpass lookup), the session
 * is read-only from the start, and connect, login and socket timeouts bound every wait.
 */
public final class MastodonDbConnector {

    private MastodonDbConnector() { }

    /** {@code jdbc:postgresql://host:port/name} for the given parts (an IPv6 literal in brackets). */
    public static String url(String host, int port, String name) {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "jdbc:postgresql://" + h + ":" + port + "/" + name;
    }

    public static Connection open(String url, MastodonDbSettings s) throws MastodonDbException {
        java.util.Optional<String> problem = MastodonDbSettings.urlProblem(url);
        if (problem.isPresent()) {
            throw new MastodonDbException("db-connect", problem.get());
        }
        Properties p = new Properties();
        p.setProperty("user", s.user());
        s.password().ifPresent(pw -> p.setProperty("password", pw));
        p.setProperty("readOnly", "true");
        p.setProperty("readOnlyMode", "always");
        p.setProperty("ApplicationName", "tomaudit");
        p.setProperty("connectTimeout", String.valueOf(Math.max(1, s.connectTimeout().toSeconds())));
        p.setProperty("loginTimeout", String.valueOf(Math.max(1, s.connectTimeout().toSeconds())));
        p.setProperty("socketTimeout", String.valueOf(Math.max(2, s.statementTimeout().toSeconds() * 3)));
        p.setProperty("tcpKeepAlive", "true");
        try {
            Connection c = new org.postgresql.Driver().connect(url, p);
            if (c == null) {
                throw new MastodonDbException("db-connect", "not a PostgreSQL URL: " + redact(url));
            }
            return c;
        } catch (SQLException e) {
            throw MastodonDbException.of(e, redact(url) + " as " + s.user());
        }
    }

    /** The URL without any password or query parameters, for messages. */
    public static String redact(String url) {
        int q = url.indexOf('?');
        String base = q < 0 ? url : url.substring(0, q);
        return base.replaceAll("//[^/@]*@", "//");
    }
}
