package de.tomaudit.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.facts.Evidence;
import de.tomaudit.facts.FactSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EndpointPlannerTest {

    private static Map<String, Object> server(List<String> listen, List<String> names, boolean ssl, String source) {
        return Map.of("listen", listen, "server_name", names, "ssl", ssl, "source", source);
    }

    @Test
    void nginxListenersBecomeEndpointsOnTheProbeAddress() {
        FactSet facts = FactSet.builder()
                .put("nginx.installed", true, Evidence.file("/usr/sbin/nginx", "present"))
                .put("nginx.servers", List.of(
                        server(List.of("80 default_server", "[::]:80"), List.of("_"), false, "/etc/nginx/sites-enabled/default:22"),
                        server(List.of("127.0.0.1:8443 ssl http2"), List.of("~^www", "chat.example.org"), true, "/etc/nginx/conf.d/a.conf:3"),
                        server(List.of("10.0.0.5:443 ssl"), List.of("intranet"), true, "/etc/nginx/conf.d/b.conf:1"),
                        server(List.of("unix:/run/app.sock"), List.of("x"), false, "/etc/nginx/conf.d/c.conf:1")),
                        Evidence.file("/etc/nginx/nginx.conf", "parsed"))
                .build();
        EndpointPlan plan = EndpointPlanner.plan(facts, Set.of("host"), List.of(), "127.0.0.1", "vm");
        List<String> ids = plan.endpoints().stream().map(e -> e.id() + " " + e.name() + " " + e.tlsMode() + " " + e.origin()).toList();
        assertEquals(List.of(
                "127.0.0.1:80 vm none DECLARED",
                "127.0.0.1:8443 chat.example.org direct DECLARED",
                "127.0.0.1:443 vm direct DEFAULT"), ids);
        assertEquals(2, plan.skipped().size());
        assertTrue(plan.skipped().get(0).reason().contains("not reachable at the probe address 127.0.0.1"));
        assertTrue(plan.skipped().get(1).reason().contains("Unix socket"));
    }

    @Test
    void declaredXmppEndpointsAndDefaultsOfTheDetectedKinds() {
        FactSet facts = FactSet.builder()
                .put(EndpointPlanner.DECLARED, List.of(
                        Map.of("host", "*", "port", 15222L, "starttls", "xmpp-client", "service", "prosody c2s",
                                "xmpp_domain", "example.org", "source", "/etc/prosody/prosody.cfg.lua:40"),
                        Map.of("host", "0.0.0.0", "port", "15269", "starttls", "xmpp-server", "service", "prosody s2s",
                                "xmpp_domain", "example.org", "source", "/etc/prosody/prosody.cfg.lua:41"),
                        Map.of("port", 15280L, "protocol", "http", "service", "prosody http", "source", "x:1"),
                        Map.of("port", "not a port", "source", "x:2")),
                        Evidence.file("/etc/prosody/prosody.cfg.lua", "parsed"))
                .build();
        EndpointPlan plan = EndpointPlanner.plan(facts, Set.of("host", "prosody"), List.of(ProbeSpec.parse("example.org:5281/https")),
                "127.0.0.1", "vm");
        List<String> ids = plan.endpoints().stream().map(e -> e.port() + " " + e.protocol() + " " + e.startTls() + " "
                + e.tls() + " " + e.name() + " " + e.origin()).toList();
        assertEquals(List.of(
                "5281 HTTP NONE true example.org OPTION",
                "15222 XMPP_CLIENT XMPP_CLIENT true example.org DECLARED",
                "15269 XMPP_SERVER XMPP_SERVER true example.org DECLARED",
                "15280 HTTP NONE false vm DECLARED",
                "5222 XMPP_CLIENT XMPP_CLIENT true example.org DEFAULT",
                "5269 XMPP_SERVER XMPP_SERVER true example.org DEFAULT",
                "5223 XMPP_CLIENT NONE true example.org DEFAULT",
                "5270 XMPP_SERVER NONE true example.org DEFAULT"), ids);
        assertEquals("no valid port", plan.skipped().get(0).reason());
    }

    /** The shape the Prosody and ejabberd collectors give: tls means direct TLS, starttls the upgrade. */
    @Test
    void productEndpointFactsAsProsodyAndEjabberdWriteThem() {
        FactSet facts = FactSet.builder()
                .put("endpoints.prosody", List.of(
                        Map.of("host", "*", "port", 5222L, "starttls", "xmpp-client", "tls", false, "service", "prosody-c2s",
                                "xmpp_domain", "example.org", "source", "default: c2s_ports [5222]"),
                        Map.of("host", "::", "port", 5222L, "starttls", "xmpp-client", "tls", false, "service", "prosody-c2s",
                                "xmpp_domain", "example.org", "source", "default: c2s_ports [5222]"),
                        Map.of("host", "*", "port", 5223L, "starttls", "none", "tls", true, "service", "prosody-c2s_direct_tls",
                                "xmpp_domain", "example.org", "source", "/etc/prosody/prosody.cfg.lua:30"),
                        Map.of("host", "::1", "port", 5280L, "starttls", "none", "tls", false, "service", "prosody-http",
                                "xmpp_domain", "example.org", "source", "default: http_ports [5280]"),
                        Map.of("host", "127.0.0.1", "port", 5582L, "starttls", "none", "tls", false, "service", "prosody-console",
                                "xmpp_domain", "example.org", "source", "default: console_ports [5582]")),
                        Evidence.file("/etc/prosody/prosody.cfg.lua", "parsed"))
                .put("endpoints.ejabberd", List.of(
                        Map.of("host", "0.0.0.0", "port", 5269L, "starttls", "xmpp-server", "tls", false, "service", "xmpp-server",
                                "xmpp_domain", "example.net", "source", "/etc/ejabberd/ejabberd.yml:20"),
                        Map.of("host", "::", "port", 5443L, "starttls", "none", "tls", true, "service", "http",
                                "xmpp_domain", "example.net", "source", "/etc/ejabberd/ejabberd.yml:30")),
                        Evidence.file("/etc/ejabberd/ejabberd.yml", "parsed"))
                .build();
        EndpointPlan plan = EndpointPlanner.plan(facts, Set.of("host", "prosody", "ejabberd"), List.of(), "127.0.0.1", "vm");
        List<String> ids = plan.endpoints().stream().map(e -> e.id() + " " + e.protocol() + " " + e.tlsMode() + " " + e.name()
                + " " + e.origin()).toList();
        assertEquals(List.of(
                "127.0.0.1:5269 XMPP_SERVER starttls example.net DECLARED",
                "127.0.0.1:5443 HTTP direct example.net DECLARED",
                "127.0.0.1:5222 XMPP_CLIENT starttls example.org DECLARED",
                "127.0.0.1:5223 XMPP_CLIENT direct example.org DECLARED",
                "[::1]:5280 HTTP none example.org DECLARED",
                "127.0.0.1:5270 XMPP_SERVER direct example.net DEFAULT"), ids);
        assertTrue(plan.skipped().stream().anyMatch(x -> x.what().contains("prosody-console") && x.reason().contains("plain-text")),
                plan.skipped().toString());
    }

    @Test
    void aPortNamedTwiceWithTheSameNameIsProbedOnce() {
        FactSet facts = FactSet.builder()
                .put(EndpointPlanner.DECLARED, List.of(Map.of("port", 443L, "protocol", "https", "server_name", "a.example", "source", "x:1")),
                        Evidence.file("x", "y"))
                .build();
        EndpointPlan plan = EndpointPlanner.plan(facts, Set.of("host", "mastodon"), List.of(ProbeSpec.parse("a.example:443")),
                "127.0.0.1", "vm");
        assertEquals(2, plan.endpoints().size(), plan.endpoints().toString()); // 443 once (the option wins), 80 default
        assertEquals(Endpoint.Origin.OPTION, plan.endpoints().get(0).origin());
        assertEquals(80, plan.endpoints().get(1).port());
    }

    @Test
    void probeOptionsAreParsedStrictly() {
        ProbeSpec s = ProbeSpec.parse("chat.example.org:5222/xmpp-client");
        Endpoint e = s.endpoint("127.0.0.1");
        assertEquals(Endpoint.StartTls.XMPP_CLIENT, e.startTls());
        assertEquals("127.0.0.1:5222", e.id());
        assertEquals("chat.example.org", e.name());
        assertEquals("https", ProbeSpec.parse("example.org:443").mode());
        assertEquals("tls", ProbeSpec.parse("[::1]:7443").mode());
        assertEquals("::1", ProbeSpec.parse("[::1]:7443").name());
        assertThrows(IllegalArgumentException.class, () -> ProbeSpec.parse("example.org"));
        assertThrows(IllegalArgumentException.class, () -> ProbeSpec.parse("example.org:70000"));
        assertThrows(IllegalArgumentException.class, () -> ProbeSpec.parse("example.org:25/smtp"));
        assertThrows(IllegalArgumentException.class, () -> ProbeSpec.parse("http://example.org:443"));
    }
}
