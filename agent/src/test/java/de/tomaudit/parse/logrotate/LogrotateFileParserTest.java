package de.tomaudit.parse.logrotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.testsupport.TestPaths;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogrotateFileParserTest {

    private static LogrotateFile parse(String text) {
        return LogrotateFileParser.parse("/etc/logrotate.d/x", text);
    }

    private static LogrotateStanza stanza(LogrotateFile f, int i) {
        return (LogrotateStanza) f.entries().stream().filter(e -> e instanceof LogrotateStanza).toList().get(i);
    }

    @Test
    void theDebianNginxFileWithItsScripts() throws Exception {
        String text = Files.readString(TestPaths.debianRoot().resolve("etc/logrotate.d/nginx"));
        LogrotateFile f = LogrotateFileParser.parse("/etc/logrotate.d/nginx", text);
        assertTrue(f.problems().isEmpty(), f.problems().toString());
        assertEquals(1, f.entries().size());
        LogrotateStanza s = stanza(f, 0);
        assertEquals(List.of("/var/log/nginx/*.log"), s.patterns());
        assertEquals(1, s.line());
        assertEquals(List.of("daily", "missingok", "rotate", "compress", "delaycompress", "notifempty", "create",
                "sharedscripts"), s.directives().stream().map(LogrotateDirective::keyword).toList());
        LogrotateDirective rotate = s.directives().get(2);
        assertEquals("14", rotate.value());
        assertEquals("/etc/logrotate.d/nginx:4", rotate.source());
    }

    @Test
    void severalPatternsQuotedAndOverLinesAndValuesWithEquals() {
        LogrotateFile f = parse("# c\nrotate = 4\n/var/log/a.log \"/var/log/b c.log\"\n '/var/log/d.log'\n{\n  weekly 1\n}\n");
        assertTrue(f.problems().isEmpty(), f.problems().toString());
        LogrotateDirective global = (LogrotateDirective) f.entries().get(0);
        assertEquals("4", global.value());
        LogrotateStanza s = stanza(f, 0);
        assertEquals(List.of("/var/log/a.log", "/var/log/b c.log", "/var/log/d.log"), s.patterns());
        assertEquals(3, s.line());
        assertEquals("/etc/logrotate.d/x:6", s.directives().get(0).source());
    }

    @Test
    void oneLineDefinitions() {
        LogrotateFile f = parse("/var/log/a.log { daily }\n/var/log/b.log {\n monthly }\n");
        assertEquals(2, f.entries().size());
        assertEquals("daily", stanza(f, 0).directives().get(0).keyword());
        assertEquals("monthly", stanza(f, 1).directives().get(0).keyword());
    }

    @Test
    void scriptBodiesAreSkippedEvenWithBracesInside() {
        LogrotateFile f = parse("/var/log/a.log {\n postrotate\n  echo } {\n  rotate 99\n endscript\n rotate 2\n}\n");
        assertTrue(f.problems().isEmpty(), f.problems().toString());
        List<LogrotateDirective> d = stanza(f, 0).directives();
        assertEquals(List.of("rotate"), d.stream().map(LogrotateDirective::keyword).toList());
        assertEquals("2", d.get(0).value());
        assertEquals(6, d.get(0).line());
    }

    @Test
    void unknownOptionsAreReportedAndIgnored() {
        LogrotateFile f = parse("/var/log/a.log {\n bogus 1\n daily\n}\n");
        assertFalse(f.failed());
        assertEquals("/etc/logrotate.d/x:2", f.problems().get(0).source());
        assertFalse(stanza(f, 0).broken());
    }

    @Test
    void aFilenameOrIncludeInsideADefinitionBreaksOnlyThatDefinition() {
        LogrotateFile f = parse("/var/log/a.log {\n /var/log/b.log\n}\n/var/log/c.log {\n include /etc/x\n}\n/var/log/d.log {\n}\n");
        assertFalse(f.failed());
        assertTrue(stanza(f, 0).broken());
        assertTrue(stanza(f, 1).broken());
        assertFalse(stanza(f, 2).broken());
    }

    @Test
    void errorsOutsideADefinitionFailTheWholeFile() {
        assertTrue(parse("}\n").failed());
        assertTrue(parse("/var/log/a.log\n").failed(), "no { after the names");
        assertTrue(parse("rotate\n").failed(), "a value is required");
        assertTrue(parse("/var/log/a.log {\n postrotate\n  x\n").failed(), "script without endscript");
    }

    @Test
    void missingClosingBraceAtEndOfFileStillCountsLikeLogrotate() {
        LogrotateFile f = parse("/var/log/a.log {\n daily\n");
        assertFalse(f.failed());
        assertEquals(1, f.entries().size());
        assertTrue(f.problems().get(0).message().contains("missing }"));
    }

    @Test
    void textAfterTheClosingBraceIsReported() {
        LogrotateFile f = parse("/var/log/a.log {\n} trailing\n");
        assertEquals(1, f.entries().size());
        assertEquals("/etc/logrotate.d/x:2", f.problems().get(0).source());
    }

    @Test
    void garbageDoesNotThrow() {
        LogrotateFile f = parse("\u0001\u0002 {{{ }}} \"unterminated\n/x \"y {\n");
        assertTrue(f.failed() || !f.problems().isEmpty());
    }
}
