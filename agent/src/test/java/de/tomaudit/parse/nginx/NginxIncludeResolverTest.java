package de.tomaudit.parse.nginx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NginxIncludeResolverTest {

    private static NginxConfig load(Map<String, String> files) {
        return NginxIncludeResolver.load(new NginxDump(files), files.keySet().iterator().next());
    }

    private static Map<String, String> files(String... pathAndText) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pathAndText.length; i += 2) {
            m.put(pathAndText[i], pathAndText[i + 1]);
        }
        return m;
    }

    @Test
    void relativeIncludesStartAtTheMainFilesDirectoryAndGlobsAreSorted() {
        NginxConfig c = load(files(
                "/etc/nginx/nginx.conf", "http {\n include conf.d/*.conf;\n include /etc/nginx/snippets/one;\n}\n",
                "/etc/nginx/conf.d/b.conf", "server { listen 2; }\n",
                "/etc/nginx/conf.d/a.conf", "\nserver { listen 1; }\n",
                "/etc/nginx/conf.d/skip.txt", "server { listen 3; }\n",
                "/etc/nginx/snippets/one", "server_tokens off;\n"));
        assertTrue(c.problems().isEmpty(), c.problems().toString());
        List<NginxDirective> servers = c.httpServers();
        assertEquals(2, servers.size());
        assertEquals("/etc/nginx/conf.d/a.conf:2", servers.get(0).source());
        assertEquals("/etc/nginx/conf.d/b.conf:1", servers.get(1).source());
        assertEquals("/etc/nginx/snippets/one:1", c.http().orElseThrow().child("server_tokens").orElseThrow().source());
        assertEquals(List.of("/etc/nginx/nginx.conf", "/etc/nginx/conf.d/a.conf", "/etc/nginx/conf.d/b.conf",
                "/etc/nginx/snippets/one"), c.files());
    }

    @Test
    void aGlobWithoutMatchesIsFineAMissingPlainFileIsReportedButNotFatal() {
        NginxConfig c = load(files("/etc/nginx/nginx.conf",
                "include /etc/nginx/modules-enabled/*.conf;\nhttp {\n include mime.types;\n server { }\n}\n"));
        assertEquals(1, c.problems().size());
        NginxProblem p = c.problems().get(0);
        assertEquals(NginxProblem.Kind.MISSING_INCLUDE, p.kind());
        assertEquals("/etc/nginx/nginx.conf:3", p.source());
        assertFalse(p.fatal());
        assertEquals(1, c.httpServers().size());
    }

    @Test
    void anIncludeLoopIsFatalAndNamesTheIncludingLine() {
        NginxConfig c = load(files(
                "/etc/nginx/nginx.conf", "http {\n include a.conf;\n}\n",
                "/etc/nginx/a.conf", "server { }\n\ninclude b.conf;\n",
                "/etc/nginx/b.conf", "include a.conf;\n"));
        List<NginxProblem> fatal = c.fatalProblems();
        assertEquals(1, fatal.size(), c.problems().toString());
        assertEquals(NginxProblem.Kind.INCLUDE_LOOP, fatal.get(0).kind());
        assertEquals("/etc/nginx/b.conf:1", fatal.get(0).source());
        assertTrue(fatal.get(0).message().contains("/etc/nginx/a.conf"), fatal.get(0).message());
        assertEquals(1, c.httpServers().size(), "what was read before the loop is kept");
    }

    @Test
    void aFileIncludingItselfIsALoop() {
        NginxConfig c = load(files("/etc/nginx/nginx.conf", "include nginx.conf;\n"));
        assertEquals(NginxProblem.Kind.INCLUDE_LOOP, c.fatalProblems().get(0).kind());
    }

    @Test
    void theSameSnippetIncludedTwiceIsNotALoop() {
        NginxConfig c = load(files(
                "/etc/nginx/nginx.conf", "http {\n server { include s.conf; }\n server { include s.conf; }\n}\n",
                "/etc/nginx/s.conf", "add_header X-A 1;\n"));
        assertTrue(c.problems().isEmpty(), c.problems().toString());
        assertEquals(2, c.httpServers().stream().filter(s -> s.child("add_header").isPresent()).count());
    }

    @Test
    void nestingDeeperThanTheLimitIsFatal() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("/etc/nginx/nginx.conf", "include f0;\n");
        for (int i = 0; i < NginxIncludeResolver.MAX_DEPTH + 5; i++) {
            f.put("/etc/nginx/f" + i, "include f" + (i + 1) + ";\n");
        }
        NginxConfig c = load(f);
        assertEquals(NginxProblem.Kind.INCLUDE_DEPTH, c.fatalProblems().get(0).kind());
        assertTrue(c.fatalProblems().get(0).source().matches("/etc/nginx/f\\d+:1"), c.fatalProblems().get(0).source());
    }

    @Test
    void aSyntaxErrorInAnIncludedFileNamesThatFileAndLine() {
        NginxConfig c = load(files(
                "/etc/nginx/nginx.conf", "http {\n include conf.d/*.conf;\n}\n",
                "/etc/nginx/conf.d/bad.conf", "server {\n listen 80\n"));
        NginxProblem p = c.fatalProblems().get(0);
        assertEquals(NginxProblem.Kind.SYNTAX, p.kind());
        assertEquals("/etc/nginx/conf.d/bad.conf", p.file());
        assertTrue(p.line() >= 2, p.toString());
    }

    @Test
    void includeWithoutExactlyOneArgumentIsASyntaxProblem() {
        NginxConfig c = load(files("/etc/nginx/nginx.conf", "include a b;\n"));
        assertEquals(NginxProblem.Kind.SYNTAX, c.fatalProblems().get(0).kind());
    }

    @Test
    void anUnreadableMainFileIsFatal() {
        NginxSource failing = new NginxSource() {
            @Override
            public String read(String path) throws NginxSourceException {
                throw new NginxSourceException(path + ": permission denied", false);
            }

            @Override
            public List<String> glob(String pattern) {
                return List.of();
            }
        };
        NginxConfig c = NginxIncludeResolver.load(failing, "/etc/nginx/nginx.conf");
        assertEquals(NginxProblem.Kind.UNREADABLE, c.fatalProblems().get(0).kind());
        assertTrue(c.directives().isEmpty());
    }
}
