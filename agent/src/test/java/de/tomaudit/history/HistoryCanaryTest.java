package de.tomaudit.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing secret or personal reaches the history: a target whose configuration holds a secret, an
 * IP address and an e-mail address is audited into an embedded history; neither the database
 * files' bytes nor any value of any row of any table holds one of them.
 */
class HistoryCanaryTest {
    private static final String SECRET = "c4naryS3cretKeyBase" + "5eed".repeat(16);
    private static final String DB_PASSWORD = "c4naryDbPassw0rd";
    private static final String IP = "203.0.113.77";
    private static final String MAIL = "canary-7f3a@example.org";

    @TempDir Path tmp;

    private static void write(Path root, String path, String text) throws Exception {
        Path p = root.resolve(path.substring(1));
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void noCanaryInTheDatabaseFilesOrRows() throws Exception {
        Path root = tmp.resolve("root");
        write(root, "/home/mastodon/live/.env.production", "LOCAL_DOMAIN=example.org\nSECRET_KEY_BASE=" + SECRET
                + "\nOTP_SECRET=" + SECRET + "\nDB_PASS=" + DB_PASSWORD + "\nSMTP_SERVER=smtp.mailgun.org\nSMTP_LOGIN=" + MAIL
                + "\nSMTP_PASSWORD=" + DB_PASSWORD + "\nSMTP_FROM_ADDRESS=" + MAIL + "\nTRUSTED_PROXY_IP=" + IP + "\n");
        write(root, "/etc/prosody/prosody.cfg.lua", "admins = { \"" + MAIL + "\" }\nsql = { driver = \"PostgreSQL\", password = \""
                + DB_PASSWORD + "\" }\n");
        write(root, "/etc/redis/redis.conf", "bind 127.0.0.1\nrequirepass " + DB_PASSWORD + "\n");
        write(root, "/etc/crontab", "0 3 * * * root PGPASSWORD=" + DB_PASSWORD + " pg_dump -f /var/backups/db.sql mastodon\n");
        write(root, "/var/log/nginx/access.log", IP + " - - [07/Dec/2026:03:17:00 +0000] \"GET / HTTP/1.1\" 200 12 \"-\" \""
                + MAIL + "\"\n");
        write(root, "/etc/ssh/sshd_config", "PermitRootLogin no\n# admin " + MAIL + " from " + IP + "\n");
        Path db = tmp.resolve("history");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(new String[] {"audit", "dir:" + root, "--kind", "mastodon,prosody,host", "--no-probe",
                "--history", "jdbc:h2:file:" + db.resolve("h"), "--format", "json"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertTrue(code != 2 && code != 4, err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("redacted (sha256:"), "the secrets were read and redacted");

        List<String> canaries = List.of(SECRET, DB_PASSWORD, IP, MAIL);
        // the database files, byte by byte
        List<Path> files;
        try (Stream<Path> s = Files.walk(db)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        assertFalse(files.isEmpty());
        for (Path f : files) {
            String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            for (String c : canaries) {
                assertFalse(bytes.contains(c), c + " in " + f);
            }
        }
        // every value of every row of every table
        HistoryDatabase history = HistoryDatabase.open(HistoryLocation.of("jdbc:h2:file:" + db.resolve("h"), Map.of()));
        int values = 0;
        try (Connection c = history.connect(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertTrue(tables.containsAll(List.of("runs", "target_results", "findings")), tables.toString());
            for (String t : tables) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM \"" + t + "\"")) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= n; i++) {
                            String v = rs.getString(i);
                            values++;
                            for (String canary : canaries) {
                                assertFalse(v != null && v.contains(canary), canary + " in " + t + "." + rs.getMetaData().getColumnName(i));
                            }
                        }
                    }
                }
            }
        }
        assertTrue(values > 100, "rows were read: " + values);
        // the run is there, with the Mastodon target's findings (the configuration was read, and redacted)
        assertEquals(1, new HistoryStore(history).runs().size());
        assertTrue(new HistoryStore(history).runs().get(0).fail() > 0);
    }
}
