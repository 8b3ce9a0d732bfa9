package de.tomaudit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.facts.FactSet;
import de.tomaudit.result.Finding;
import de.tomaudit.result.Status;
import de.tomaudit.result.TargetError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorCausesTest {
    private static final String MISSING = "/etc/ejabberd/ejabberd.yml:4: included file /etc/ejabberd/missing.yml does not exist";

    private static Finding error(String rule, String reason) {
        return new Finding(rule, Status.ERROR, "high", "t", "r", reason, List.of(), new Finding.Tom(List.of(), List.of(), List.of()), List.of());
    }

    @Test
    void oneMissingIncludeIsOneErrorListingEveryFactAndRuleItLeftUndecided() {
        FactSet facts = FactSet.builder()
                .error("ejabberd.hosts", "parse", MISSING)
                .error("ejabberd.auth", "parse", MISSING)
                .error("logrotate.ip_logs", "collect", "ejabberd: ejabberd's logging could not be read: " + MISSING)
                .build();
        List<TargetError> errors = ErrorCauses.of(facts, List.of(
                error("ejabberd.password-format", "parse: " + MISSING),
                error("host.log-rotation", "collect: ejabberd: ejabberd's logging could not be read: " + MISSING)));
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("parse", errors.get(0).stage());
        assertEquals(MISSING, errors.get(0).message());
        assertEquals(List.of("ejabberd.hosts", "ejabberd.auth", "logrotate.ip_logs", "ejabberd.password-format", "host.log-rotation"),
                errors.get(0).affects());
    }

    @Test
    void aConfiguredProductWhoseEndpointsAllRefuseIsOneCauseNamedInWords() {
        String c2s = "127.0.0.1:5222 (xmpp-client, example.org): connection refused";
        String s2s = "127.0.0.1:5269 (xmpp-server, example.org): connection refused";
        String http = "127.0.0.1:5443 (http, example.org): connection refused";
        FactSet facts = FactSet.builder()
                .put("endpoints.ejabberd", List.of(Map.of("port", 5222L), Map.of("port", 5269L), Map.of("port", 5443L)))
                .error("tls.complete", "tls", c2s + "; " + s2s + "; " + http)
                .error("xmpp.c2s", "xmpp", c2s)
                .error("http.complete", "http", http)
                .build();
        List<TargetError> errors = ErrorCauses.of(facts, List.of(error("ejabberd.c2s-starttls-required", "xmpp: " + c2s),
                error("tls.protocol-legacy", "tls: " + c2s + "; " + s2s + "; " + http)));
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).message().startsWith("ejabberd is configured but not running: its 3 endpoints refuse connections"),
                errors.get(0).message());
        assertEquals(List.of("tls.complete", "xmpp.c2s", "http.complete", "ejabberd.c2s-starttls-required", "tls.protocol-legacy"),
                errors.get(0).affects());
    }

    @Test
    void someRefusingEndpointsOfARunningProductSayHowMany() {
        String c2s = "127.0.0.1:5222 (xmpp-client, example.org): connection refused";
        FactSet facts = FactSet.builder()
                .put("endpoints.ejabberd", List.of(Map.of("port", 5222L), Map.of("port", 5269L)))
                .error("tls.complete", "tls", c2s)
                .build();
        List<TargetError> errors = ErrorCauses.of(facts, List.of());
        assertEquals("ejabberd: 1 of its 2 endpoints refuse connections (127.0.0.1:5222)", errors.get(0).message());
    }

    @Test
    void differentCausesStayApartAndARuleThatCannotBeEvaluatedIsItsOwnCause() {
        FactSet facts = FactSet.builder()
                .error("sshd", "collect", "/etc/ssh/sshd_config: permission denied")
                .error("nginx", "collect", "/etc/nginx/nginx.conf: permission denied")
                .build();
        List<TargetError> errors = ErrorCauses.of(facts, List.of(error("host.ssh-password-auth", "collect: /etc/ssh/sshd_config: permission denied"),
                error("demo.rule", "rule demo.rule (x.yaml:1) could not be evaluated: bad")));
        assertEquals(3, errors.size(), errors.toString());
        assertEquals(List.of("sshd", "host.ssh-password-auth"), errors.get(0).affects());
        assertEquals(List.of("nginx"), errors.get(1).affects());
        assertEquals("rule", errors.get(2).stage());
        assertEquals(List.of("demo.rule"), errors.get(2).affects());
    }
}
