package de.tomaudit.parse.nginx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NginxInheritanceTest {

    private final NginxDirective http = NginxFileParser.parse("f", """
            http {
              add_header Strict-Transport-Security "max-age=63072000";
              add_header X-Frame-Options DENY;
              access_log /var/log/a.log;
              server {
                location / { }
                location /api { add_header X-Api 1; access_log off; }
                location /img { location /img/x { } }
              }
              server {
                access_log /var/log/b.log main;
                access_log /var/log/c.log;
              }
            }
            """).get(0);

    NginxInheritanceTest() throws NginxParseException { }

    @Test
    void aLevelWithoutItsOwnDirectivesInheritsAllOfTheParents() {
        NginxDirective server = http.children("server").get(0);
        NginxDirective root = server.children("location").get(0);
        List<NginxDirective> headers = NginxInheritance.effective(List.of(http, server, root), "add_header");
        assertEquals(2, headers.size());
        assertEquals("f:2", headers.get(0).source());
    }

    @Test
    void oneDirectiveAtALowerLevelReplacesEveryInheritedOne() {
        NginxDirective server = http.children("server").get(0);
        NginxDirective api = server.children("location").get(1);
        List<NginxDirective> headers = NginxInheritance.effective(List.of(http, server, api), "add_header");
        assertEquals(List.of("X-Api", "1"), headers.get(0).args());
        assertEquals(1, headers.size());
        assertEquals("off", NginxInheritance.effective(List.of(http, server, api), "access_log").get(0).args().get(0));
    }

    @Test
    void inheritanceReachesNestedLocations() {
        NginxDirective server = http.children("server").get(0);
        NginxDirective img = server.children("location").get(2);
        NginxDirective inner = img.children("location").get(0);
        assertEquals("f:4", NginxInheritance.effective(List.of(http, server, img, inner), "access_log").get(0).source());
    }

    @Test
    void severalDirectivesAtOneLevelAllApply() {
        NginxDirective server = http.children("server").get(1);
        assertEquals(2, NginxInheritance.effective(List.of(http, server), "access_log").size());
        assertTrue(NginxInheritance.effective(List.of(http, server), "ssl_protocols").isEmpty());
    }
}
