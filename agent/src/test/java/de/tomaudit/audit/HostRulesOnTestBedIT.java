package de.tomaudit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.collect.host.LogrotateCollector;
import de.tomaudit.collect.host.NginxCollector;
import de.tomaudit.collect.host.SshdCollector;
import de.tomaudit.result.Finding;
import de.tomaudit.result.TargetResult;
import de.tomaudit.rules.Rule;
import de.tomaudit.rules.RuleLoader;
import de.tomaudit.target.Limits;
import de.tomaudit.testsupport.RedirectedTarget;
import de.tomaudit.testsupport.TestPaths;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The host rules judged on facts collected from the real OpenSSH and nginx of the test bed, in the
 * weak and the hardened configuration: the effective output of the running binaries
 * ({@code sshd -T}, {@code nginx -T}) goes through the collectors and the shipped rules.
 */
class HostRulesOnTestBedIT {
    private static final List<String> RULES = List.of("host.ssh-password-auth", "host.ssh-root-login",
            "host.ssh-weak-algorithms", "host.nginx-ip-logging", "host.log-rotation");

    private static Map<String, Finding> audit(String variant) throws Exception {
        String sshdConfig = TestPaths.testbed("sshd/" + variant + "/sshd_config").toString();
        Path nginxConf = TestPaths.testbed("nginx/" + variant + "/nginx.conf");
        Path prefix = nginxConf.getParent();
        RedirectedTarget target = new RedirectedTarget()
                .path("/etc/ssh/sshd_config", sshdConfig)
                .command("sshd-effective", List.of("/usr/sbin/sshd", "-T", "-f", sshdConfig))
                .path("/etc/nginx/nginx.conf", nginxConf.toString())
                .command("nginx-effective", List.of("/usr/sbin/nginx", "-T", "-e", prefix.resolve("logs/error.log").toString(),
                        "-p", prefix + "/", "-c", nginxConf.toString()));
        // this machine also has the ejabberd package (for its own test bed); this test is about sshd and nginx
        for (String p : List.of("/etc/ejabberd/ejabberd.yml", "/etc/ejabberd/ejabberdctl.cfg", "/etc/default/ejabberd",
                "/usr/sbin/ejabberdctl", "/opt/ejabberd/conf/ejabberd.yml", "/opt/ejabberd/bin/ejabberdctl")) {
            target.hide(p);
        }
        List<Rule> rules = RuleLoader.loadBuiltIn().stream().filter(r -> RULES.contains(r.id())).toList();
        assertEquals(RULES.size(), rules.size());
        AuditOptions options = new AuditOptions(Set.of("host"), rules, List.of(), "en", 1, Limits.DEFAULT);
        TargetAuditor auditor = new TargetAuditor(List.of(new SshdCollector(), new NginxCollector(), new LogrotateCollector()));
        TargetResult result = auditor.audit(target, options);
        return result.findings().stream().collect(Collectors.toMap(Finding::ruleId, f -> f));
    }

    @ParameterizedTest
    @ValueSource(strings = {"weak", "hardened"})
    void rulesFollowTheRealServersConfiguration(String variant) throws Exception {
        Map<String, Finding> f = audit(variant);
        for (String id : RULES) {
            String expected = variant.equals("weak") ? "fail"
                    // the hardened access log holds no client IPs: nothing needs a deletion period
                    : id.equals("host.log-rotation") ? "not-applicable" : "pass";
            assertEquals(expected, f.get(id).status().json(), variant + " " + id + ": " + f.get(id));
        }
        if (variant.equals("weak")) {
            assertTrue(f.get("host.ssh-password-auth").evidence().stream()
                    .anyMatch(e -> e.source().equals("command: sshd -T") && e.value().contains("passwordauthentication yes")),
                    f.get("host.ssh-password-auth").toString());
            assertTrue(f.get("host.nginx-ip-logging").evidence().stream()
                    .anyMatch(e -> e.source().startsWith(TestPaths.testbed("nginx/weak").toString())),
                    f.get("host.nginx-ip-logging").toString());
        }
    }
}
