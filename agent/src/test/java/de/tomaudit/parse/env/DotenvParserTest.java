package de.tomaudit.parse.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.facts.Secret;
import de.tomaudit.testsupport.TestPaths;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DotenvParserTest {
    private final DotenvParser plain = new DotenvParser(k -> false);

    private DotenvFile parse(String text) {
        return plain.parse(".env.production", text);
    }

    @Test
    void quotesExportCommentsAndBlanks() {
        DotenvFile f = parse("""
                # comment
                export LOCAL_DOMAIN=example.org
                A = spaced value   # trailing comment
                B='single # not a comment ${A}'
                C="double \\"q\\" and\\nnewline"
                D=
                E=abc#def
                F: yaml style
                """);
        assertEquals("example.org", f.text("LOCAL_DOMAIN").orElseThrow());
        assertTrue(f.get("LOCAL_DOMAIN").orElseThrow().exported());
        assertEquals(2, f.get("LOCAL_DOMAIN").orElseThrow().line());
        assertEquals("spaced value", f.text("A").orElseThrow());
        assertEquals("single # not a comment ${A}", f.text("B").orElseThrow());
        assertEquals("double \"q\" and\nnewline", f.text("C").orElseThrow());
        assertEquals("", f.text("D").orElseThrow());
        assertTrue(f.get("D").orElseThrow().blank());
        assertEquals("abc", f.text("E").orElseThrow());
        assertEquals("yaml style", f.text("F").orElseThrow());
        assertTrue(f.problems().isEmpty(), f.problems().toString());
    }

    @Test
    void lastAssignmentWinsAndOverriddenLinesAreKnown() {
        DotenvFile f = parse("IP_RETENTION_PERIOD=1\nX=1\nIP_RETENTION_PERIOD=31556952\n");
        assertEquals("31556952", f.text("IP_RETENTION_PERIOD").orElseThrow());
        assertEquals(".env.production:3", f.source("IP_RETENTION_PERIOD"));
        assertEquals(1, f.overridden().size());
        assertEquals(1, f.overridden().get(0).line());
    }

    @Test
    void referencesResolveAgainstEarlierAssignmentsNotLaterOnes() {
        DotenvFile f = parse("""
                HOST=db.example.org
                URL=postgres://${HOST}:5432/$NAME
                ESC="\\${HOST}"
                NAME=m
                CMD=$(cat /etc/shadow)
                """);
        assertEquals("postgres://db.example.org:5432/", f.text("URL").orElseThrow());
        assertEquals("${HOST}", f.text("ESC").orElseThrow());
        assertEquals("$(cat /etc/shadow)", f.text("CMD").orElseThrow());
        assertTrue(f.problems().stream().anyMatch(p -> p.line() == 2 && p.message().contains("NAME")));
        assertTrue(f.problems().stream().anyMatch(p -> p.line() == 5 && p.message().contains("not run")));
    }

    @Test
    void multiLineDoubleQuotesKeepTheStartLineAndCountLinesAfter() {
        DotenvFile f = parse("K=\"line1\nline2\"\nNEXT=1\n");
        assertEquals("line1\nline2", f.text("K").orElseThrow());
        assertEquals(3, f.get("NEXT").orElseThrow().line());
    }

    @Test
    void garbageIsAProblemWithItsLineNeverACrash() {
        DotenvFile f = parse("=novalue\nONLYKEY\n'unterminated\nU=\"open\nOK=1\n\u0000\u0001\n");
        assertEquals("1", f.text("OK").orElseThrow());
        assertEquals("\"open", f.text("U").orElseThrow());
        assertTrue(f.problems().stream().anyMatch(p -> p.line() == 1));
        assertTrue(f.problems().stream().anyMatch(p -> p.line() == 2 && p.message().contains("no value")));
        assertTrue(f.problems().stream().anyMatch(p -> p.line() == 4 && p.message().contains("quote not closed")));
        assertEquals("", f.text("ONLYKEY").orElseThrow(), "dotenv 3 reads a bare key as the empty value");
    }

    /** dotenv 3 (lib/dotenv/parser.rb): a bare KEY line assigns the empty value, so a secret set above is blanked. */
    @Test
    void aBareKeyBlanksAnEarlierValueAndABareExportOnlyExports() {
        DotenvParser p = new DotenvParser(k -> k.equals("SECRET_KEY_BASE"));
        DotenvFile f = p.parse("e", "SECRET_KEY_BASE=0123456789abcdef\nA=1\nSECRET_KEY_BASE   # cleared\nexport A\nexport B\n");
        assertEquals(Secret.of(""), f.get("SECRET_KEY_BASE").orElseThrow().value());
        assertEquals(3, f.get("SECRET_KEY_BASE").orElseThrow().line());
        assertEquals("1", f.text("A").orElseThrow(), "export A without a value keeps A");
        assertEquals(2, f.get("A").orElseThrow().line());
        assertTrue(f.get("B").isEmpty());
        assertTrue(f.problems().stream().anyMatch(x -> x.line() == 5 && x.message().contains("FormatError")), f.problems().toString());
        assertTrue(f.problems().stream().noneMatch(x -> x.line() == 4), f.problems().toString());
    }

    @Test
    void unquotedValuesLoseTheirBackslashesButKeepAnEscapedDollar() {
        DotenvFile f = parse("H=x\nP=pa\\ss\\#not\nQ=\\$H and $H\nR='pa\\ss'\n");
        assertEquals("pass\\", f.text("P").orElseThrow(), "the # after a backslash still starts the comment, as in dotenv,"
                + " and the backslash before it stays (nothing follows it in the value)");
        assertEquals("$H and x", f.text("Q").orElseThrow());
        assertEquals("pa\\ss", f.text("R").orElseThrow(), "single quotes are literal");
    }

    @Test
    void secretsNeverKeepTheirTextEvenThroughReferences() {
        DotenvParser p = new DotenvParser(k -> k.endsWith("PASS") || k.equals("SECRET_KEY_BASE"));
        DotenvFile f = p.parse("e", "DB_PASS=hunter2\nSECRET_KEY_BASE=\"${DB_PASS}x\"\nCOPY=${DB_PASS}\n");
        assertTrue(f.get("DB_PASS").orElseThrow().isSecret());
        assertEquals(Secret.of("hunter2"), f.get("DB_PASS").orElseThrow().value());
        assertEquals(Secret.of("hunter2x"), f.get("SECRET_KEY_BASE").orElseThrow().value());
        assertFalse(f.get("SECRET_KEY_BASE").orElseThrow().toString().contains("hunter2"));
        assertTrue(f.text("DB_PASS").isEmpty());
    }

    /** Equivalence over the real sample: every uncommented KEY=value line is read with its line and value. */
    @Test
    void upstreamSamplesReadLineByLine() throws Exception {
        for (String name : new String[] {"env.production.sample", "env.production.sample.v4-layout"}) {
            String text = Files.readString(TestPaths.sharedFixture("mastodon").resolve(name));
            DotenvFile f = parse(text);
            Matcher m = Pattern.compile("(?m)^([A-Z_0-9]+)=(.*)$").matcher(text);
            int n = 0;
            while (m.find()) {
                int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
                DotenvEntry e = f.assignments().stream().filter(a -> a.line() == line).findFirst().orElseThrow(
                        () -> new AssertionError(name + ":" + line + " not read"));
                assertEquals(m.group(1), e.key());
                assertEquals(m.group(2).replaceAll("\\s+#.*$", "").strip(), e.text(), name + ":" + line);
                n++;
            }
            assertTrue(n >= 18, name + ": " + n);
            assertTrue(f.problems().isEmpty(), name + ": " + f.problems());
        }
    }
}
