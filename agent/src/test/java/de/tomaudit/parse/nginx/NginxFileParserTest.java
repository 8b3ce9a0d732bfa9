package de.tomaudit.parse.nginx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NginxFileParserTest {

    private static List<NginxDirective> parse(String text) throws NginxParseException {
        return NginxFileParser.parse("/etc/nginx/nginx.conf", text);
    }

    @Test
    void directivesAndBlocksKeepTheirFileAndLine() throws Exception {
        List<NginxDirective> top = parse("user www-data;\n\nhttp {\n  sendfile on;\n  server {\n    listen 80;\n  }\n}\n");
        assertEquals(2, top.size());
        assertEquals("user", top.get(0).name());
        assertEquals(List.of("www-data"), top.get(0).args());
        assertEquals(1, top.get(0).line());
        NginxDirective http = top.get(1);
        assertTrue(http.isBlock());
        assertEquals(3, http.line());
        NginxDirective server = http.child("server").orElseThrow();
        assertEquals(5, server.line());
        NginxDirective listen = server.child("listen").orElseThrow();
        assertEquals("/etc/nginx/nginx.conf:6", listen.source());
        assertEquals(List.of("80"), listen.args());
    }

    @Test
    void quotesAndEscapesAreResolvedLikeNginx() throws Exception {
        NginxDirective d = parse("log_format main '$remote_addr \"$request\"' \"a\\\"b\" \"tab\\there\" \"keep\\d\" 'it\\'s';").get(0);
        assertEquals(List.of("main", "$remote_addr \"$request\"", "a\"b", "tab\there", "keep\\d", "it's"), d.args());
    }

    @Test
    void quotedStringMaySpanLinesAndKeepsTheStartLine() throws Exception {
        List<NginxDirective> top = parse("log_format x 'a\nb';\nuser y;");
        assertEquals(1, top.get(0).line());
        assertEquals("a\nb", top.get(0).args().get(1));
        assertEquals(3, top.get(1).line());
    }

    @Test
    void hashStartsACommentOnlyWhereAWordCouldStart() throws Exception {
        List<NginxDirective> top = parse("listen 80; # comment ; {\nadd_header X-A a#b;\n# whole line }\n");
        assertEquals(2, top.size());
        assertEquals(List.of("X-A", "a#b"), top.get(1).args());
    }

    @Test
    void variablesWithBracesAndIfConditionsStayWhole() throws Exception {
        NginxDirective server = parse("server {\n if ($scheme = \"http\") { return 301 https://${host}$request_uri; }\n}").get(0);
        NginxDirective iff = server.child("if").orElseThrow();
        assertEquals(List.of("($scheme", "=", "http", ")"), iff.args());
        assertEquals(List.of("301", "https://${host}$request_uri"), iff.child("return").orElseThrow().args());
    }

    @Test
    void backslashKeepsASemicolonInsideAWord() throws Exception {
        NginxDirective d = parse("rewrite ^/a\\;b /c;").get(0);
        assertEquals(List.of("^/a\\;b", "/c"), d.args());
    }

    @Test
    void unexpectedClosingBraceNamesItsLine() {
        NginxParseException e = assertThrows(NginxParseException.class, () -> parse("user x;\n}\n"));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith("/etc/nginx/nginx.conf:2:"), e.getMessage());
    }

    @Test
    void missingSemicolonAtEndOfFile() {
        NginxParseException e = assertThrows(NginxParseException.class, () -> parse("user x;\nworker_processes 2"));
        assertTrue(e.detail().contains("unexpected end of file"), e.getMessage());
    }

    @Test
    void unclosedBlock() {
        NginxParseException e = assertThrows(NginxParseException.class, () -> parse("http {\n server {\n }\n"));
        assertTrue(e.detail().contains("expecting \"}\""), e.getMessage());
    }

    @Test
    void unterminatedQuoteNamesWhereItOpened() {
        NginxParseException e = assertThrows(NginxParseException.class, () -> parse("a b;\nlog_format x 'abc;\n\n"));
        assertTrue(e.detail().contains("line 2"), e.getMessage());
    }

    @Test
    void textGluedToAClosingQuoteIsAnError() {
        NginxParseException e = assertThrows(NginxParseException.class, () -> parse("a \"b\"c;"));
        assertTrue(e.detail().contains("unexpected \"c\""), e.getMessage());
    }

    @Test
    void semicolonOrBraceWithoutANameIsAnError() {
        assertThrows(NginxParseException.class, () -> parse(";"));
        assertThrows(NginxParseException.class, () -> parse("{ }"));
        assertThrows(NginxParseException.class, () -> parse("a {\n x y }\n"));
    }

    @Test
    void hostileNestingIsRefusedNotAStackOverflow() {
        String deep = "a {".repeat(10_000) + "}".repeat(10_000);
        NginxParseException e = assertThrows(NginxParseException.class, () -> parse(deep));
        assertTrue(e.detail().contains("nested deeper"), e.getMessage());
    }

    @Test
    void crlfLineEndingsCountLinesOnce() throws Exception {
        List<NginxDirective> top = parse("a 1;\r\nb 2;\r\n");
        assertEquals(2, top.get(1).line());
        assertEquals(List.of("2"), top.get(1).args());
    }

    @Test
    void emptyAndCommentOnlyFilesHaveNoDirectives() throws Exception {
        assertTrue(parse("").isEmpty());
        assertTrue(parse("# nothing\n\n   # here\n").isEmpty());
        assertFalse(parse("x;").isEmpty());
    }
}
