package de.tomaudit.parse.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.testsupport.TestPaths;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HbaParserTest {

    @Test
    void debianDefaultHasSevenRecordsWithLines() throws Exception {
        String text = Files.readString(TestPaths.debianRoot().resolve("etc/postgresql/15/main/pg_hba.conf"));
        HbaFile f = new HbaParser(new MapFiles().put("/etc/postgresql/15/main/pg_hba.conf", text))
                .parse("/etc/postgresql/15/main/pg_hba.conf");
        assertTrue(f.problems().isEmpty(), f.problems().toString());
        assertEquals(7, f.records().size());
        HbaRecord first = f.records().get(0);
        assertEquals("local", first.type());
        assertEquals(List.of("postgres"), first.users());
        assertEquals("peer", first.method());
        assertEquals(PgConfParserTest.lineOf(text, "local   all             postgres"), first.line());
        HbaRecord v6 = f.records().get(3);
        assertEquals("host", v6.type());
        assertEquals("::1/128", v6.address());
        assertEquals("scram-sha-256", v6.method());
    }

    @Test
    void listsQuotesMasksHostnamesOptionsAndContinuation() {
        String text = String.join("\n",
                "# comment",
                "hostssl db1,db2 alice, bob 10.0.0.0/8 scram-sha-256 clientcert=verify-full",
                "host \"all\" all 192.168.1.0 255.255.255.0 md5",
                "host all all .example.com trust",
                "host all all samenet \\",
                "    ldap ldapserver=ldap.example ldapbindpasswd=s3cret",
                "hostnossl all all all reject # trailing comment",
                "hostgssenc all all ::/0 gss");
        HbaFile f = new HbaParser(new MapFiles().put("/h", text)).parse("/h");
        assertTrue(f.problems().isEmpty(), f.problems().toString());
        List<HbaRecord> r = f.records();
        assertEquals(6, r.size());
        assertEquals(List.of("db1", "db2"), r.get(0).databases());
        assertEquals(List.of("alice", "bob"), r.get(0).users());
        assertEquals(Map.of("clientcert", "verify-full"), r.get(0).options());
        assertEquals(List.of("\"all\""), r.get(1).databases(), "a quoted all is a database name");
        assertEquals("192.168.1.0", r.get(1).address());
        assertEquals("255.255.255.0", r.get(1).mask());
        assertEquals(".example.com", r.get(2).address());
        assertEquals("samenet", r.get(3).address());
        assertEquals(5, r.get(3).line(), "a continued record keeps its first line");
        assertEquals("ldap", r.get(3).method());
        assertFalse(r.get(3).options().get("ldapbindpasswd").contains("s3cret"));
        assertEquals("reject", r.get(4).method());
        assertEquals(7, r.get(4).line());
        assertEquals("hostgssenc", r.get(5).type());
    }

    @Test
    void pg16IncludesAndLoops() {
        MapFiles files = new MapFiles()
                .put("/etc/pg/pg_hba.conf", "local all all peer\ninclude_dir hba.d\ninclude_if_exists none.conf\n"
                        + "include more.conf\n")
                .put("/etc/pg/hba.d/b.conf", "host all all 0.0.0.0/0 trust\n")
                .put("/etc/pg/hba.d/a.conf", "host all all 127.0.0.1/32 trust\n")
                .put("/etc/pg/more.conf", "include pg_hba.conf\n");
        HbaFile f = new HbaParser(files).parse("/etc/pg/pg_hba.conf");
        assertEquals(3, f.records().size());
        assertEquals("/etc/pg/hba.d/a.conf:1", f.records().get(1).where());
        assertEquals("/etc/pg/hba.d/b.conf:1", f.records().get(2).where());
        assertEquals(1, f.problems().size());
        assertEquals("/etc/pg/more.conf:1", f.problems().get(0).where());
        assertTrue(f.problems().get(0).message().contains("include loop"));
    }

    @Test
    void garbageRecordsAreFatalProblemsWithLines() {
        String text = String.join("\n",
                "garbage line here",
                "host all all",
                "host all all 10.0.0.1",
                "host all all 10.0.0.1 255.0.255.0 md5",
                "host all all 10.0.0.0/99 md5",
                "host \"unterminated all 10.0.0.0/8 md5",
                "local all all peer");
        HbaFile f = new HbaParser(new MapFiles().put("/h", text)).parse("/h");
        assertEquals(List.of(1, 2, 3, 4, 5, 6), f.problems().stream().map(PgProblem::line).toList(), f.problems().toString());
        assertTrue(f.hasFatalProblems());
        assertEquals(1, f.records().size());
    }
}
