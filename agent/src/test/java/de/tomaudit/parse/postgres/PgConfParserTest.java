package de.tomaudit.parse.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.testsupport.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PgConfParserTest {

    @Test
    void debianDefaultReadsSettingsWithLinesAndIgnoresComments() throws Exception {
        Path conf = TestPaths.debianRoot().resolve("etc/postgresql/15/main/postgresql.conf");
        String text = Files.readString(conf);
        PgConfig c = new PgConfParser(new MapFiles()).parseText("/etc/postgresql/15/main/postgresql.conf", text);

        assertEquals("off", c.get("ssl").orElseThrow().value());
        assertEquals("5432", c.get("port").orElseThrow().value());
        assertEquals("/var/lib/postgresql/15/main", c.get("data_directory").orElseThrow().value());
        assertTrue(c.get("listen_addresses").isEmpty(), "commented out in the Debian default");
        assertTrue(c.get("password_encryption").isEmpty());
        int sslLine = lineOf(text, "ssl = off");
        assertEquals(sslLine, c.get("ssl").orElseThrow().line());
        assertEquals("%m [%p] %q%u@%d ", c.get("log_line_prefix").orElseThrow().value());
        // include_dir = 'conf.d' names a directory the fixture does not have: a note, not fatal
        assertFalse(c.hasFatalProblems(), c.problems().toString());
        assertEquals(1, c.problems().size());
        assertEquals(lineOf(text, "include_dir = 'conf.d'"), c.problems().get(0).line());
    }

    @Test
    void optionalEqualsQuotesEscapesCaseAndLastValueWins() {
        String text = String.join("\n",
                "Listen_Addresses '10.0.0.1'",
                "ssl=on # comment",
                "log_line_prefix = 'it''s \\'quoted\\' \\101'",
                "shared_buffers = 128MB",
                "listen_addresses = '*'   # later wins",
                "auto_explain.log_min_duration = 5s");
        PgConfig c = new PgConfParser(new MapFiles()).parseText("/etc/pg.conf", text);
        assertEquals("*", c.get("listen_addresses").orElseThrow().value());
        assertEquals(5, c.get("listen_addresses").orElseThrow().line());
        assertEquals("on", c.get("ssl").orElseThrow().value());
        assertEquals("it's 'quoted' A", c.get("log_line_prefix").orElseThrow().value());
        assertEquals("128MB", c.get("shared_buffers").orElseThrow().value());
        assertEquals("5s", c.get("auto_explain.log_min_duration").orElseThrow().value());
        assertTrue(c.problems().isEmpty());
    }

    @Test
    void includesAreRelativeToTheIncludingFileAndReadInPlace() {
        MapFiles files = new MapFiles()
                .put("/etc/pg/main.conf", "ssl = off\ninclude 'sub/a.conf'\nport = 1\ninclude_dir 'conf.d'\n"
                        + "include_if_exists 'missing.conf'\ninclude_if_exists '/abs/b.conf'\n")
                .put("/etc/pg/sub/a.conf", "ssl = on\nport = 2\n")
                .put("/etc/pg/conf.d/20-b.conf", "listen_addresses = 'b'\n")
                .put("/etc/pg/conf.d/10-a.conf", "listen_addresses = 'a'\nport = 3\n")
                .put("/etc/pg/conf.d/.hidden.conf", "port = 99\n")
                .put("/etc/pg/conf.d/notes.txt", "port = 98\n")
                .put("/abs/b.conf", "password_encryption = md5\n");
        PgConfig c = new PgConfParser(files).parse("/etc/pg/main.conf");
        assertTrue(c.problems().isEmpty(), c.problems().toString());
        assertEquals("on", c.get("ssl").orElseThrow().value());
        assertEquals("/etc/pg/sub/a.conf:1", c.get("ssl").orElseThrow().where());
        assertEquals("3", c.get("port").orElseThrow().value(), "conf.d is read after port = 1");
        assertEquals("b", c.get("listen_addresses").orElseThrow().value(), "files in name order");
        assertEquals("/abs/b.conf:1", c.get("password_encryption").orElseThrow().where());
        assertEquals(java.util.List.of("/etc/pg/main.conf", "/etc/pg/sub/a.conf", "/etc/pg/conf.d/10-a.conf",
                "/etc/pg/conf.d/20-b.conf", "/abs/b.conf"), c.files());
    }

    @Test
    void includeLoopIsReportedWithFileAndLine() {
        MapFiles files = new MapFiles()
                .put("/etc/pg/main.conf", "port = 1\ninclude 'a.conf'\n")
                .put("/etc/pg/a.conf", "\n\ninclude 'main.conf'\nssl = on\n");
        PgConfig c = new PgConfParser(files).parse("/etc/pg/main.conf");
        assertTrue(c.hasFatalProblems());
        PgProblem p = c.problems().get(0);
        assertEquals("/etc/pg/a.conf:3", p.where());
        assertTrue(p.message().contains("include loop"), p.message());
        assertEquals("on", c.get("ssl").orElseThrow().value(), "the rest is still read");
    }

    @Test
    void nestingDeeperThanTenIsRefused() {
        MapFiles files = new MapFiles();
        for (int i = 0; i < 15; i++) {
            files.put("/etc/pg/" + i + ".conf", "include '" + (i + 1) + ".conf'\n");
        }
        files.put("/etc/pg/15.conf", "ssl = on\n");
        PgConfig c = new PgConfParser(files).parse("/etc/pg/0.conf");
        assertTrue(c.hasFatalProblems());
        assertTrue(c.problems().get(0).message().contains("maximum nesting depth"), c.problems().toString());
        assertTrue(c.get("ssl").isEmpty());
    }

    @Test
    void garbageLinesAreFatalProblemsNamingTheLine() {
        String text = "port = 5432\nthis is garbage\n=== oops\nssl = 'unterminated\nlisten_addresses\nssl = on\n";
        PgConfig c = new PgConfParser(new MapFiles()).parseText("/etc/pg.conf", text);
        assertEquals(4, c.problems().size(), c.problems().toString());
        assertEquals(java.util.List.of(2, 3, 4, 5), c.problems().stream().map(PgProblem::line).toList());
        assertTrue(c.problems().stream().allMatch(PgProblem::fatal));
        assertEquals("on", c.get("ssl").orElseThrow().value());
    }

    @Test
    void missingRequiredIncludeAndUnreadableFileAreFatal() {
        MapFiles files = new MapFiles()
                .put("/etc/pg/main.conf", "include 'nothere.conf'\ninclude 'secret.conf'\n")
                .put("/etc/pg/secret.conf", null);
        PgConfig c = new PgConfParser(files).parse("/etc/pg/main.conf");
        assertEquals(2, c.problems().size());
        assertTrue(c.problems().stream().allMatch(PgProblem::fatal));
        assertEquals("/etc/pg/main.conf:2", c.problems().get(1).where());
        assertTrue(new PgConfParser(files).parseIfExists("/nope/postgresql.auto.conf").problems().isEmpty());
    }

    @Test
    void conninfoPasswordsAreRedactedAtParseTime() {
        PgConfig c = new PgConfParser(new MapFiles()).parseText("/etc/pg.conf",
                "primary_conninfo = 'host=db1 user=rep password=hunter2'\n");
        String v = c.get("primary_conninfo").orElseThrow().value();
        assertFalse(v.contains("hunter2"));
        assertTrue(v.startsWith("redacted (sha256:"));
    }

    static int lineOf(String text, String prefix) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(prefix)) {
                return i + 1;
            }
        }
        throw new AssertionError(prefix + " not found");
    }
}
