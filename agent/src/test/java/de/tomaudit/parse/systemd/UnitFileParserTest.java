package de.tomaudit.parse.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.testsupport.TestPaths;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnitFileParserTest {

    /** A unit as Debian 12 ships it: apt's timers, postgresql-common's templates. */
    private static String resource(String name) {
        return TestPaths.debianText(name.startsWith("pg_") ? "postgresql-common" : "apt", "lib/systemd/system/" + name);
    }

    @Test
    void debiansAptDailyTimer() throws IOException {
        UnitFile t = UnitFileParser.parse("/lib/systemd/system/apt-daily.timer", resource("apt-daily.timer"));
        assertEquals(List.of(), t.problems());
        assertEquals("*-*-* 6,18:00", t.last("Timer", "OnCalendar").orElseThrow().value());
        assertEquals(5, t.last("Timer", "OnCalendar").orElseThrow().line());
    }

    @Test
    void postgresqlCommonTemplateForAnInstance() throws IOException {
        UnitFile s = UnitFileParser.parse("/lib/systemd/system/pg_dump@.service", resource("pg_dump@.service")).forInstance("15-main");
        List<UnitEntry> exec = s.values("Service", "ExecStart");
        assertEquals(2, exec.size());
        assertEquals("/usr/bin/pg_backupcluster 15-main dump", exec.get(0).value());
        assertEquals("Dump of PostgreSQL Cluster 15-main", s.last("Unit", "Description").orElseThrow().value());
        assertEquals("/etc/postgresql/15/main/postgresql.conf", s.last("Unit", "AssertPathExists").orElseThrow().value());
        assertEquals(Map.of("KEEP", "3"), s.environment("Service"));
    }

    @Test
    void continuationCommentsResetsAndDropIns() {
        UnitFile base = UnitFileParser.parse("/etc/systemd/system/b.service", """
                # comment
                ; also a comment
                [Service]
                Environment="A=1 2" B=3
                ExecStart=/usr/bin/borg create \\
                # a comment inside the continuation is skipped
                    ::x /etc
                ExecStart=/usr/bin/true
                """);
        assertEquals(List.of(), base.problems());
        List<UnitEntry> exec = base.values("Service", "ExecStart");
        assertEquals("/usr/bin/borg create  ::x /etc", exec.get(0).value());
        assertEquals(5, exec.get(0).line());
        assertEquals(Map.of("A", "1 2", "B", "3"), base.environment("Service"));
        UnitFile dropIn = UnitFileParser.parse("/etc/systemd/system/b.service.d/override.conf",
                "[Service]\nExecStart=\nExecStart=/usr/local/bin/backup.sh\n");
        UnitFile merged = base.withDropIns(List.of(dropIn));
        assertEquals(List.of("/usr/local/bin/backup.sh"), merged.values("Service", "ExecStart").stream().map(UnitEntry::value).toList());
    }

    @Test
    void problemsNameFileAndLine() {
        UnitFile u = UnitFileParser.parse("/x.timer", "OnCalendar=daily\n[Timer\n[Timer]\njunk line\n");
        assertEquals(3, u.problems().size());
        assertEquals("/x.timer:1: assignment outside of any section", u.problems().get(0).toString());
        assertTrue(u.problems().get(2).message().startsWith("missing '='"));
    }
}
