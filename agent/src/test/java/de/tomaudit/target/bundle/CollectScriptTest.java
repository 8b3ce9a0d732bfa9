package de.tomaudit.target.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.collect.PlannedAccess;
import de.tomaudit.target.Command;
import de.tomaudit.target.CommandCatalog;
import de.tomaudit.target.TargetException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CollectScriptTest {

    private static String script(PlannedAccess... plan) {
        List<CollectScript.Step> steps = new ArrayList<>();
        for (PlannedAccess a : plan) {
            steps.add(new CollectScript.Step("test", a));
        }
        return CollectScript.generate(steps);
    }

    private static String planPart(String script) {
        return script.substring(script.indexOf("# ---- the plan"));
    }

    @Test
    void plainPathsBecomeOneCallEach() {
        String s = planPart(script(PlannedAccess.read("/etc/ssh/sshd_config", "sshd config"),
                PlannedAccess.stat("/usr/sbin/sshd", "installed"), PlannedAccess.list("/etc/logrotate.d", "definitions")));
        assertTrue(s.contains("# test: sshd config\nt_read '/etc/ssh/sshd_config'\n"), s);
        assertTrue(s.contains("t_stat '/usr/sbin/sshd'\n"), s);
        assertTrue(s.contains("t_list '/etc/logrotate.d'\n"), s);
        assertTrue(s.endsWith("\n\nt_finish\n"), s);
    }

    @Test
    void globsAreExpandedOneComponentAtATimeWithTheListingsTheAgentNeeds() {
        assertEquals(List.of(
                "t_list '/etc/postgresql'",
                "for p1 in \"$R\"'/etc/postgresql'/*; do",
                "    t_is \"$p1\" || continue",
                "    p1=${p1#\"$R\"}",
                "    t_list \"$p1\"'/main'",
                "    for p2 in \"$R$p1\"'/main'/pg_*.conf; do",
                "        t_is \"$p2\" || continue",
                "        p2=${p2#\"$R\"}",
                "        t_read \"$p2\"",
                "    done",
                "done"), CollectScript.pathStep("t_read", "/etc/postgresql/*/main/pg_*.conf"));
        assertEquals(List.of("t_list /", "for p1 in \"$R\"/*.conf; do", "    t_is \"$p1\" || continue", "    p1=${p1#\"$R\"}",
                "    t_stat \"$p1\"", "done"),
                CollectScript.pathStep("t_stat", "/*.conf"));
        assertEquals(List.of("t_tree '/etc/nginx'"), CollectScript.pathStep("t_read", "/etc/nginx/**"));
    }

    @Test
    void bracesWhichShLacksAreExpandedIntoSeparatePatterns() {
        assertEquals(List.of("a.conf", "b.conf"), CollectScript.braces("{a,b}.conf"));
        assertEquals(List.of("x-1.yml", "x-2.yml", "y.yml"), CollectScript.braces("{x-{1,2},y}.yml"));
        List<String> step = CollectScript.pathStep("t_read", "/etc/ejabberd/*.{yml,yaml}");
        assertEquals("for p1 in \"$R\"'/etc/ejabberd'/*.yml \"$R\"'/etc/ejabberd'/*.yaml; do", step.get(1));
    }

    @Test
    void pathsThatCouldInjectShellAreRefused() {
        for (String bad : List.of("/etc/x'; rm -rf /; '", "/etc/$(id)", "relative/path", "/etc/a b", "/etc/**/x", "/etc/`id`/*")) {
            assertThrows(IllegalArgumentException.class, () -> CollectScript.pathStep("t_read", bad), bad);
        }
    }

    @Test
    void commandsComeFromTheAllowListAndOnesWithAnAuditTimeArgumentAreNotCollected() {
        String s = planPart(script(PlannedAccess.run(CommandCatalog.command("sshd-effective")),
                PlannedAccess.run(CommandCatalog.command("apt-simulate-upgrade")),
                PlannedAccess.run(CommandCatalog.command("fail2ban-jail", "sshd"))));
        assertTrue(s.contains("t_run sshd-effective 'sshd' '-T'\n"), s);
        assertTrue(s.contains("t_run apt-simulate-upgrade 'apt-get' '-s' '-o' 'Debug::NoLocking=true' 'dist-upgrade'\n"), s);
        assertTrue(s.contains("# not collected: fail2ban-client status sshd (its argument is only known during an audit)"), s);
        assertFalse(s.contains("t_run fail2ban-jail"), s);
        assertThrows(IllegalArgumentException.class, () -> script(new PlannedAccess(PlannedAccess.Type.RUN, "rm -rf /", "evil")));
    }

    @Test
    void descriptionsNamingTheirPathsAreCollectedAndDataDependentOnesAreMarked() {
        assertEquals(List.of("/", "/var", "/srv"), CollectScript.paths("(data directories: /, /var, /srv)"));
        assertEquals(List.of("(backup locations the jobs name)"), CollectScript.paths("(backup locations the jobs name)"));
        String s = planPart(script(PlannedAccess.stat("(data directories: /, /var)", "which exist"),
                PlannedAccess.read("(absolute paths of scripts the jobs call)", "backup tools")));
        assertTrue(s.contains("t_stat /\nt_stat '/var'\n"), s);
        assertTrue(s.contains("# known only from the target's data: (absolute paths of scripts the jobs call); not collected"), s);
        assertFalse(s.contains("t_read '(absolute"), s);
    }

    /** The security contract: every command line in the generated script passes the allow-list check. */
    @Test
    void everyCommandTheCommittedPlanRunsIsAllowListed() throws TargetException {
        List<CollectScript.Step> steps = new ArrayList<>();
        for (CommandCatalog.Spec spec : CommandCatalog.all()) {
            if (!spec.template().contains("{}")) {
                steps.add(new CollectScript.Step("all", PlannedAccess.run(CommandCatalog.command(spec.id()))));
            }
        }
        int runs = 0;
        for (String line : CollectScript.generate(steps).lines().toList()) {
            if (line.startsWith("t_run ")) {
                String[] words = line.split(" ");
                List<String> argv = new ArrayList<>();
                for (int i = 2; i < words.length; i++) {
                    argv.add(words[i].substring(1, words[i].length() - 1));
                }
                CommandCatalog.verify(new Command(words[1], argv, false));
                runs++;
            }
        }
        assertEquals(steps.size(), runs);
    }

    @Test
    void duplicatePlanEntriesAreCollectedOnceAndThePlanHashNamesTheContent() {
        String once = script(PlannedAccess.read("/etc/hostname", "a"));
        String twice = script(PlannedAccess.read("/etc/hostname", "a"), PlannedAccess.read("/etc/hostname", "b"));
        assertEquals(once, twice);
        String other = script(PlannedAccess.read("/etc/os-release", "a"));
        assertTrue(once.contains("tomaudit collect.sh (plan sha256:"), once);
        assertFalse(once.lines().filter(l -> l.startsWith("TOOL=")).findFirst()
                .equals(other.lines().filter(l -> l.startsWith("TOOL=")).findFirst()));
    }
}
