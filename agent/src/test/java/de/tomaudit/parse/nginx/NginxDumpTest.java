package de.tomaudit.parse.nginx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class NginxDumpTest {

    @Test
    void splitsTheDumpBackIntoItsFilesWithTheirOwnLines() throws Exception {
        String out = "# configuration file /etc/nginx/nginx.conf:\n"
                + "user www-data;\nhttp {\n\tinclude /etc/nginx/conf.d/*.conf;\n}\n"
                + "\n"
                + "# configuration file /etc/nginx/conf.d/site.conf:\n"
                + "server {\n\tlisten 80;\n}"
                + "\n";
        NginxDump dump = NginxDump.parse(out);
        assertEquals("/etc/nginx/nginx.conf", dump.mainFile());
        assertEquals("user www-data;\nhttp {\n\tinclude /etc/nginx/conf.d/*.conf;\n}\n", dump.read("/etc/nginx/nginx.conf"));
        assertEquals("server {\n\tlisten 80;\n}", dump.read("/etc/nginx/conf.d/site.conf"));
        NginxConfig c = NginxIncludeResolver.load(dump, dump.mainFile());
        assertEquals("/etc/nginx/conf.d/site.conf:2", c.httpServers().get(0).child("listen").orElseThrow().source());
    }

    @Test
    void anEmptyIncludedFileIsKept() throws Exception {
        NginxDump dump = NginxDump.parse("# configuration file /a/nginx.conf:\ninclude e.conf;\n\n# configuration file /a/e.conf:\n\n");
        assertEquals("", dump.read("/a/e.conf"));
        assertEquals(List.of("/a/e.conf"), dump.glob("/a/*.conf").stream().filter(p -> p.startsWith("/a/e")).toList());
    }

    @Test
    void globsMatchWithinOnePathComponentAndBracesAreLiteral() throws Exception {
        NginxDump dump = NginxDump.parse("# configuration file /e/n.conf:\n\n"
                + "# configuration file /e/c/a.conf:\n\n"
                + "# configuration file /e/c/sub/b.conf:\n\n"
                + "# configuration file /e/c/{x}.conf:\n\n");
        assertEquals(List.of("/e/c/a.conf", "/e/c/{x}.conf"), dump.glob("/e/c/*.conf"));
        assertEquals(List.of("/e/c/{x}.conf"), dump.glob("/e/c/{x}.conf"));
    }

    @Test
    void outputWithoutSectionsIsNotADump() {
        NginxParseException e = assertThrows(NginxParseException.class,
                () -> NginxDump.parse("nginx: [emerg] unknown directive \"foo\"\n"));
        assertEquals(1, e.line());
        assertThrows(NginxParseException.class, () -> NginxDump.parse(""));
    }

    @Test
    void aFileNotInTheDumpIsMissing() throws Exception {
        NginxDump dump = NginxDump.parse("# configuration file /a/nginx.conf:\nx;\n");
        NginxSourceException e = assertThrows(NginxSourceException.class, () -> dump.read("/a/other"));
        assertEquals(true, e.missing());
    }
}
