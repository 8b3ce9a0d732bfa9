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

    @Test
    void oneUnreadableFileIsOneCauseWhateverEachCollectorPrefixedAndSaysItsPathOnce() {
        String denied = "/etc/ejabberd/ejabberd.yml: permission denied";
        FactSet facts = FactSet.builder()
                .error("logrotate.ip_logs", "collect", "ejabberd: ejabberd's logging could not be read: " + denied)
                .error("secrets.files", "read", "could not check every secret file: " + denied + "; /etc/prosody/prosody.cfg.lua: permission denied")
                .error("prosody", "read", "/etc/prosody/prosody.cfg.lua: /etc/prosody/prosody.cfg.lua: permission denied")
                .build();
        List<TargetError> errors = ErrorCauses.of(facts, List.of(
                error("host.log-rotation", "collect: ejabberd: ejabberd's logging could not be read: " + denied),
                error("prosody.registration", "read: /etc/prosody/prosody.cfg.lua: /etc/prosody/prosody.cfg.lua: permission denied")));
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("could not check every secret file: " + denied + "; /etc/prosody/prosody.cfg.lua: permission denied",
                errors.get(0).message());
        assertEquals(List.of("logrotate.ip_logs", "secrets.files", "prosody", "host.log-rotation", "prosody.registration"),
                errors.get(0).affects());
    }

    @Test
    void twoCollectorsMeetingOneBinaryFileGiveOneCauseNamingTheProblemNotASyntaxProblem() {
        String binary = "/etc/nginx/nginx.conf: /etc/nginx/nginx.conf is a binary file, not a configuration";
        FactSet facts = FactSet.builder()
                .error("nginx.servers", "parse", "nginx configuration not fully readable: " + binary)
                .error("nginx.config_valid", "parse", "1 syntax problem: " + binary)
                .error("sshd", "collect", "/etc/ssh/sshd_config: permission denied")
                .build();
        List<TargetError> errors = ErrorCauses.of(facts, List.of(error("host.nginx-config-valid", "parse: 1 syntax problem: " + binary)));
        assertEquals(2, errors.size(), errors.toString());
        assertEquals("/etc/nginx/nginx.conf is a binary file, not a configuration", errors.get(0).message());
        assertEquals(List.of("nginx.servers", "nginx.config_valid", "host.nginx-config-valid"), errors.get(0).affects());
        assertEquals("/etc/ssh/sshd_config: permission denied", errors.get(1).message());
    }

    @Test
    void theSameFileWithAnotherProblemOrAnotherFileStaysApart() {
        FactSet facts = FactSet.builder()
                .error("a", "read", "/etc/x.conf: permission denied")
                .error("b", "read", "/etc/x.conf is a binary file, not a configuration")
                .error("c", "parse", "1 syntax problem: /etc/y.conf:3: unexpected }")
                .error("d", "parse", "1 syntax problem: /etc/y.conf:4: unexpected }")
                .build();
        assertEquals(4, ErrorCauses.of(facts, List.of()).size());
    }

    @Test
    void aGermanReportGroupsByTheSameRoots() {
        FactSet facts = FactSet.builder()
                .error("nginx.servers", "parse", "nginx-Konfiguration nicht vollständig lesbar: /etc/nginx/nginx.conf: Zugriff verweigert")
                .error("nginx.config_valid", "parse", "1 Syntaxfehler: /etc/nginx/nginx.conf: Zugriff verweigert")
                .build();
        List<TargetError> errors = ErrorCauses.of(facts, List.of(), "de");
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("/etc/nginx/nginx.conf: Zugriff verweigert", errors.get(0).message());
    }
}
