package de.tomaudit.parse.ejabberd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.testsupport.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** ejabberdctl.cfg as the shell sources it, and what ejabberdctl 23.01 makes of it. */
class EjabberdctlSettingsTest {
    private static final String CFG = "/etc/ejabberd/ejabberdctl.cfg";

    private static EjabberdctlSettings parse(String text) {
        return EjabberdctlSettings.parse(CFG, text, "/var/lib/ejabberd");
    }

    @Test
    void debianFileLeavesTheDistributionOnEveryInterface() throws IOException {
        EjabberdctlSettings s = parse(Files.readString(TestPaths.debianRoot().resolve("etc/ejabberd/ejabberdctl.cfg")));
        assertEquals(List.of(), s.problems());
        assertEquals("-env ERL_CRASH_DUMP_BYTES 0", s.get("ERL_OPTIONS").value());
        assertEquals(Optional.of(new Loc(CFG, 107)), s.get("ERL_OPTIONS").loc());
        assertEquals("/etc/ejabberd/modules.d", s.contribConfDir("/var/lib/ejabberd"));
        EjabberdctlSettings.Distribution d = s.distribution();
        assertTrue(d.epmdStarted());
        assertFalse(d.epmdLoopbackOnly());
        assertEquals("", d.distInterface());
        assertFalse(d.interfaceLoopback());
        assertEquals(0, d.distPort());
        assertEquals("ejabberd@localhost", d.nodeName().value());
        assertTrue(d.portSetting().source().contains("ERL_DIST_PORT not set in " + CFG), d.portSetting().source());
        assertEquals("/var/lib/ejabberd", s.spoolDir());
    }

    @Test
    void upstreamExampleParsesWithoutProblems() throws IOException {
        EjabberdctlSettings s = parse(Files.readString(TestPaths.sharedFixture("ejabberd").resolve("ejabberdctl.cfg.example")));
        assertEquals(List.of(), s.problems());
        assertTrue(s.distribution().epmdStarted());
    }

    @Test
    void fixedPortAndInterface() {
        EjabberdctlSettings s = parse("ERL_DIST_PORT=5210\nINET_DIST_INTERFACE=127.0.0.1\n");
        EjabberdctlSettings.Distribution d = s.distribution();
        assertFalse(d.epmdStarted());
        assertEquals(5210, d.distPort());
        assertTrue(d.interfaceLoopback());
        assertEquals(CFG + ":2", d.distInterfaceSource());
    }

    @Test
    void interfaceFromErlOptionsAndInetDistInterfaceWins() {
        EjabberdctlSettings viaErl = parse("ERL_OPTIONS=\"-kernel inet_dist_use_interface {127,0,0,1} -setcookie s3cret\"\n");
        assertEquals("127.0.0.1", viaErl.distribution().distInterface());
        assertEquals(Optional.of("s3cret"), viaErl.distribution().cookie());
        EjabberdctlSettings both = parse("ERL_OPTIONS='-kernel inet_dist_use_interface {127,0,0,1}'\n"
                + "INET_DIST_INTERFACE=0.0.0.0\n");
        assertEquals("0.0.0.0", both.distribution().distInterface(), "added after ERL_OPTIONS, so it wins");
        EjabberdctlSettings invalid = parse("ERL_OPTIONS='-kernel inet_dist_use_interface {0,0,0,0,0,0,0,1}'\n"
                + "INET_DIST_INTERFACE=localhost\n");
        assertEquals("::1", invalid.distribution().distInterface(), "a name is ignored by ejabberdctl; the tuple stays");
        assertTrue(invalid.distribution().interfaceLoopback());
    }

    @Test
    void epmdAddressesAndPortWindow() {
        EjabberdctlSettings.Distribution d = parse("ERL_EPMD_ADDRESS=127.0.0.1,::1\nFIREWALL_WINDOW=4200-4210\n").distribution();
        assertEquals(List.of("127.0.0.1", "::1"), d.epmdAddresses());
        assertTrue(d.epmdLoopbackOnly());
        assertEquals(Optional.of("4200-4210"), d.portRange());
        assertFalse(parse("ERL_EPMD_ADDRESS=127.0.0.1,192.0.2.1\n").distribution().epmdLoopbackOnly());
    }

    @Test
    void shellQuotingExpansionContinuationAndLastAssignmentWins() {
        ShellAssignments a = ShellAssignments.parse(CFG, String.join("\n",
                "A=one # a comment",
                "A=two",
                "export B=\"x $A ${A}\"",
                "C='literal $A'",
                "D=a\\ b\\",
                "c",
                "E=\"multi",
                "line\" F=$HOME/x G=pre#fix",
                "H=$UNKNOWN/y",
                ""), Map.of("HOME", "/home/e"));
        assertEquals("two", a.get("A").orElseThrow().value());
        assertEquals("x two two", a.get("B").orElseThrow().value());
        assertEquals("literal $A", a.get("C").orElseThrow().value());
        assertEquals("a bc", a.get("D").orElseThrow().value());
        assertEquals(new Loc(CFG, 5), a.get("D").orElseThrow().loc());
        assertEquals("multi\nline", a.get("E").orElseThrow().value());
        assertEquals("/home/e/x", a.get("F").orElseThrow().value());
        assertEquals(new Loc(CFG, 8), a.get("F").orElseThrow().loc(), "the line where the word starts");
        assertEquals("pre#fix", a.get("G").orElseThrow().value());
        assertFalse(a.get("H").orElseThrow().exact(), "an unknown variable");
        assertEquals(List.of(), a.problems());
    }

    @Test
    void commandsAndSubstitutionsAreReportedNotRun() {
        ShellAssignments a = ShellAssignments.parse(CFG, "X=$(cat /etc/secret)\nrm -rf /tmp/x\nY=`hostname`\nZ=1 | tee\n", Map.of());
        assertFalse(a.get("X").orElseThrow().exact());
        assertFalse(a.get("Y").orElseThrow().exact());
        assertFalse(a.get("rm").isPresent());
        assertEquals(4, a.problems().size(), a.problems().toString());
        assertTrue(a.problems().stream().anyMatch(p -> p.where().line() == 2 && p.message().contains("a command, not a variable assignment")));
    }

    @Test
    void garbageNeverThrows() {
        ShellAssignments a = ShellAssignments.parse(CFG, "A=\"unterminated\nB='also\n${\n$(((\n\u0000\u00ff", Map.of());
        assertFalse(a.problems().isEmpty());
    }
}
