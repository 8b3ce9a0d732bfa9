package de.tomaudit.history;

import de.tomaudit.i18n.AuditTexts;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where the run history lives: the embedded H2 file under
 * {@code ${XDG_DATA_HOME:-~/.local/share}/tomaudit/history} by default, or the database of
 * {@code --history} ({@code jdbc:postgresql://host:port/db?user=NAME}, or {@code jdbc:h2:file:PATH}).
 * A password never goes into the URL: PostgreSQL's comes from {@code PGPASSWORD} or {@code ~/.pgpass}.
 */
public record HistoryLocation(String url, boolean postgres, String shown, Optional<String> password) {
    public static final String PASSWORD_ENV = "PGPASSWORD";
    /** H2 in PostgreSQL mode: the migrations and queries are written once for both databases. */
    /**
     * H2 in PostgreSQL mode (one SQL for both databases). MAX_COMPACT_TIME=0: no compaction when the
     * last connection closes; measured, it kept every audit's JVM alive 0.4 s longer and left the file
     * the same size after a dozen runs (MVStore reuses the space of dropped chunks). COMPRESS=TRUE was
     * tried: half the file, but 0.5 s more per run, so it is off.
     */
    static final String H2_SETTINGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=1;MAX_COMPACT_TIME=0";

    /** The location of {@code --history URL}, or the default one when {@code given} is null. */
    public static HistoryLocation of(String given, Map<String, String> env) {
        if (given == null) {
            return embedded(defaultDirectory(env).resolve("history"));
        }
        String lower = given.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql://")) {
            if (lower.contains("password=") || given.substring(18).matches("[^/]*:[^/]*@.*")) {
                throw new IllegalArgumentException(AuditTexts.get("cli.history.password-env", PASSWORD_ENV));
            }
            String pw = env.get(PASSWORD_ENV);
            return new HistoryLocation(given, true, shown(given), Optional.ofNullable(pw).filter(p -> !p.isEmpty()));
        }
        if (lower.startsWith("jdbc:h2:file:")) {
            if (lower.contains("password=")) {
                throw new IllegalArgumentException(AuditTexts.get("cli.history.password"));
            }
            String rest = given.substring("jdbc:h2:file:".length());
            int semi = rest.indexOf(';');
            String path = semi < 0 ? rest : rest.substring(0, semi);
            String extra = semi < 0 ? "" : rest.substring(semi);
            return new HistoryLocation("jdbc:h2:file:" + path + H2_SETTINGS + extra, false, path, Optional.empty());
        }
        throw new IllegalArgumentException(AuditTexts.get("cli.history.url", shown(given)));
    }

    static HistoryLocation embedded(Path file) {
        return new HistoryLocation("jdbc:h2:file:" + file.toAbsolutePath() + H2_SETTINGS, false, file + ".mv.db",
                Optional.empty());
    }

    /** {@code ${XDG_DATA_HOME:-~/.local/share}/tomaudit}; a relative XDG_DATA_HOME is ignored, as the spec says. */
    public static Path defaultDirectory(Map<String, String> env) {
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".local", "share");
        return base.resolve("tomaudit");
    }

    /** The URL without its query (no user name in messages). */
    private static String shown(String url) {
        int q = url.indexOf('?');
        String s = q < 0 ? url : url.substring(0, q);
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
