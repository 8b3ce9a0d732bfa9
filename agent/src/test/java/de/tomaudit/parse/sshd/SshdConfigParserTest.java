package de.tomaudit.parse.sshd;

import de.tomaudit.parse.source.ConfigSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SshdConfigParserTest {

    private static final String MAIN = "/etc/ssh/sshd_config";

    @Test
    void includeIsExpandedWhereItStandsInGlobOrder() throws Exception {
        MapSource src = new MapSource()
                .put(MAIN, "Include sshd_config.d/*.conf\nPasswordAuthentication yes\n")
                .put("/etc/ssh/sshd_config.d/20-b.conf", "PermitRootLogin no\n")
                .put("/etc/ssh/sshd_config.d/10-a.conf", "PasswordAuthentication no\n")
                .put("/etc/ssh/sshd_config.d/.hidden.conf", "PasswordAuthentication maybe\n")
                .put("/etc/ssh/sshd_config.d/README", "not a conf\n");
        SshdConfig c = SshdConfigParser.parse(MAIN, src);
        assertEquals(List.of(MAIN, "/etc/ssh/sshd_config.d/10-a.conf", "/etc/ssh/sshd_config.d/20-b.conf"), c.files());
        assertEquals(List.of("/etc/ssh/sshd_config.d/10-a.conf:1", "/etc/ssh/sshd_config.d/20-b.conf:1", MAIN + ":2"),
                c.directives().stream().map(Directive::source).toList());
        assertTrue(c.problems().isEmpty(), c.problems().toString());
    }

    @Test
    void includeLoopIsFatalAndNamesFileAndLine() throws Exception {
        MapSource src = new MapSource()
                .put(MAIN, "Port 22\nInclude /etc/ssh/a.conf\n")
                .put("/etc/ssh/a.conf", "# a\nInclude b.conf\n")
                .put("/etc/ssh/b.conf", "Include /etc/ssh/a.conf\n");
        SshdConfig c = SshdConfigParser.parse(MAIN, src);
        ConfigProblem p = c.fatalProblem().orElseThrow();
        assertEquals("/etc/ssh/b.conf:1", p.source());
        assertTrue(p.message().contains("include loop"), p.message());
        assertTrue(p.message().contains(MAIN + " -> /etc/ssh/a.conf -> /etc/ssh/b.conf -> /etc/ssh/a.conf"), p.message());
    }

    @Test
    void selfIncludeThroughGlobIsALoop() throws Exception {
        SshdConfig c = SshdConfigParser.parse(MAIN, new MapSource().put(MAIN, "Include /etc/ssh/sshd_*\n"));
        assertEquals(MAIN + ":1", c.fatalProblem().orElseThrow().source());
    }

    @Test
    void includeDepthIsLimitedLikeSshd() throws Exception {
        MapSource src = new MapSource().put(MAIN, "Include /etc/ssh/d1.conf\n");
        for (int i = 1; i <= 20; i++) {
            src.put("/etc/ssh/d" + i + ".conf", "Include /etc/ssh/d" + (i + 1) + ".conf\n");
        }
        SshdConfig c = SshdConfigParser.parse(MAIN, src);
        ConfigProblem p = c.fatalProblem().orElseThrow();
        assertEquals("/etc/ssh/d16.conf:1", p.source());
        assertTrue(p.message().contains("Too many recursive configuration includes"), p.message());
    }

    @Test
    void sixteenLevelsAreStillFine() throws Exception {
        MapSource src = new MapSource().put(MAIN, "Include /etc/ssh/d1.conf\n");
        for (int i = 1; i < 16; i++) {
            src.put("/etc/ssh/d" + i + ".conf", "Include /etc/ssh/d" + (i + 1) + ".conf\n");
        }
        src.put("/etc/ssh/d16.conf", "PasswordAuthentication no\n");
        SshdConfig c = SshdConfigParser.parse(MAIN, src);
        assertTrue(c.fatalProblem().isEmpty());
        assertEquals("/etc/ssh/d16.conf:1", c.directives().get(0).source());
    }

    @Test
    void unreadableIncludedFileIsFatal() throws Exception {
        MapSource src = new MapSource().put(MAIN, "Include /etc/ssh/x.conf\n").unreadable("/etc/ssh/x.conf");
        ConfigProblem p = SshdConfigParser.parse(MAIN, src).fatalProblem().orElseThrow();
        assertEquals(MAIN + ":1", p.source());
        assertTrue(p.message().contains("permission denied"), p.message());
    }

    @Test
    void missingMainFileIsReportedAsMissing() {
        ConfigSource.SourceException e = assertThrows(ConfigSource.SourceException.class,
                () -> SshdConfigParser.parse(MAIN, new MapSource()));
        assertTrue(e.missing());
    }

    @Test
    void includeWithoutMatchesIsNotAProblem() throws Exception {
        SshdConfig c = SshdConfigParser.parse(MAIN, new MapSource().put(MAIN, "Include /etc/ssh/sshd_config.d/*.conf\n"));
        assertTrue(c.problems().isEmpty());
    }

    @Test
    void matchBlockGovernsFollowingLinesAndEndsAtEndOfIncludedFile() throws Exception {
        MapSource src = new MapSource()
                .put(MAIN, "Include /etc/ssh/m.conf\nPermitRootLogin no\nMatch User alice\n  Include /etc/ssh/inner.conf\n")
                .put("/etc/ssh/m.conf", "Match Address 10.0.0.0/8\nPasswordAuthentication yes\n")
                .put("/etc/ssh/inner.conf", "X11Forwarding yes\nMatch Host h\nMaxAuthTries 2\n");
        SshdConfig c = SshdConfigParser.parse(MAIN, src);
        List<Directive> d = c.directives();
        assertEquals("passwordauthentication", d.get(0).keyword());
        assertEquals("Address 10.0.0.0/8", d.get(0).matches().get(0).condition());
        assertTrue(d.get(1).global(), "the Match of an included file ends with that file");
        assertEquals(List.of("User alice"), d.get(2).matches().stream().map(MatchBlock::condition).toList());
        assertEquals(List.of("User alice", "Host h"), d.get(3).matches().stream().map(MatchBlock::condition).toList());
        assertEquals(3, c.matchBlocks().size());
    }

    @Test
    void problemsAreReportedWithFileAndLineButDoNotStopParsing() throws Exception {
        MapSource src = new MapSource().put(MAIN, String.join("\n",
                "FrobnicateLogins yes",
                "PasswordAuthentication",
                "Banner \"/etc/issue",
                "Match User bob",
                "  Ciphers aes128-ctr",
                "  Port 2222",
                "Match Colour blue",
                "Match all User x",
                "Protocol 2",
                "Match all",
                "Port 22", ""));
        SshdConfig c = SshdConfigParser.parse(MAIN, src);
        assertEquals(List.of(MAIN + ":1", MAIN + ":2", MAIN + ":3", MAIN + ":5", MAIN + ":6", MAIN + ":7", MAIN + ":8",
                MAIN + ":9"), c.problems().stream().map(ConfigProblem::source).toList());
        assertFalse(c.problems().stream().anyMatch(ConfigProblem::fatal));
        assertEquals(List.of(MAIN + ":11"), c.directives().stream().map(Directive::source).toList(),
                "after Match all any keyword is allowed again");
    }

    @Test
    void aliasesAndCaseAreNormalised() throws Exception {
        SshdConfig c = SshdConfigParser.parse(MAIN, new MapSource().put(MAIN,
                "CHALLENGERESPONSEAUTHENTICATION yes\npubkeyacceptedkeytypes +ssh-rsa\n"));
        assertEquals(List.of("kbdinteractiveauthentication", "pubkeyacceptedalgorithms"),
                c.directives().stream().map(Directive::keyword).toList());
        assertEquals("CHALLENGERESPONSEAUTHENTICATION", c.directives().get(0).written());
    }

    @Test
    void hugeIncludeFanOutIsCut() throws Exception {
        MapSource src = new MapSource().put(MAIN, "Include /etc/ssh/f/*.conf\n");
        for (int i = 0; i < 40; i++) {
            src.put(String.format("/etc/ssh/f/%02d.conf", i), "Include /etc/ssh/g/*.conf\n");
            src.put(String.format("/etc/ssh/g/%02d.conf", i), "Port 22\n");
        }
        SshdConfig c = SshdConfigParser.parse(MAIN, src);
        assertTrue(c.fatalProblem().orElseThrow().message().contains("included files"));
    }
}
