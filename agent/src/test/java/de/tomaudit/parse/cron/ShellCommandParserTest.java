package de.tomaudit.parse.cron;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShellCommandParserTest {

    @Test
    void pipelinesRedirectsAndSeparators() {
        List<ShellPipeline> ps = ShellCommandParser.parse(
                "cd / && pg_dump -Fc db | gzip -9 > /b/db.gz 2>/dev/null; echo done >> /var/log/b.log 2>&1", Map.of());
        assertEquals(3, ps.size());
        ShellPipeline dump = ps.get(1);
        assertEquals(2, dump.commands().size());
        assertEquals(List.of("pg_dump", "-Fc", "db"), dump.commands().get(0).argv());
        assertEquals(List.of(new ShellRedirect(">", "/b/db.gz"), new ShellRedirect("2>", "/dev/null")),
                dump.commands().get(1).redirects());
        assertEquals(List.of(new ShellRedirect(">>", "/var/log/b.log"), new ShellRedirect("2>&", "1")),
                ps.get(2).commands().get(0).redirects());
    }

    @Test
    void quotesVariablesAndSubstitutions() {
        Map<String, String> vars = Map.of("REPO", "/srv/borg", "HOST", "mx");
        ShellCommand c = ShellCommandParser.parse(
                "BORG_RSH='ssh -i k' borg create \"$REPO::${HOST}-$(date +%F)\" '$REPO' ${UNSET:-/etc} $UNKNOWN `hostname` a\\ b",
                vars).get(0).commands().get(0);
        assertEquals(List.of("BORG_RSH=ssh -i k"), c.assignments());
        assertEquals(List.of("borg", "create", "/srv/borg::mx-$(date +%F)", "$REPO", "/etc", "$UNKNOWN", "`hostname`", "a b"),
                c.argv());
        assertEquals("borg", c.program());
    }

    @Test
    void continuationCommentsAndLineNumbers() {
        List<ShellPipeline> ps = ShellCommandParser.parse("# header\nset -e\nborg create \\\n  --stats ::x /etc # trailing\n\nrestic backup /etc\n", Map.of());
        assertEquals(3, ps.size());
        assertEquals(List.of("borg", "create", "--stats", "::x", "/etc"), ps.get(1).commands().get(0).argv());
        assertEquals(3, ps.get(1).line());
        assertEquals(6, ps.get(2).line());
    }

    @Test
    void unbalancedInputDoesNotCrash() {
        ShellCommandParser.parse("echo \"unterminated $(foo ${bar '", Map.of());
        ShellCommandParser.parse("\u0000|||;;&&>>><<", Map.of());
    }

    @Test
    void scriptVariablesApplyAfterAssignment() {
        ShellScript s = ShellScript.parse("/usr/local/bin/b.sh", """
                #!/bin/sh
                BASE=/var/backups
                export DEST="$BASE/pg"
                readonly KEEP=7
                pg_dumpall > "$DEST/all.sql"
                """, Map.of("HOME", "/root"));
        assertEquals("/var/backups/pg", s.vars().get("DEST"));
        assertEquals("/root", s.vars().get("HOME"));
        ShellPipeline dump = s.pipelines().get(s.pipelines().size() - 1);
        assertEquals(new ShellRedirect(">", "/var/backups/pg/all.sql"), dump.commands().get(0).redirects().get(0));
        assertEquals(5, dump.line());
    }
}
