package de.tomaudit.collect.bbb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.collect.host.LogrotateCollector;
import de.tomaudit.collect.host.NginxCollector;
import de.tomaudit.facts.Fact;
import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Retention;
import de.tomaudit.result.Status;
import de.tomaudit.rules.Evaluation;
import de.tomaudit.rules.Rule;
import de.tomaudit.rules.RuleEvaluator;
import de.tomaudit.rules.RuleLoader;
import de.tomaudit.target.DirTarget;
import de.tomaudit.target.Limits;
import de.tomaudit.testsupport.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The component log levels (bbb-web's logback, FreeSWITCH's logfile.conf.xml, bbb-webrtc-sfu's log.level with
 * its production.yml override) and BigBlueButton's nginx vhost through the host pack's reader, on project-written
 * fixtures under src/test/resources/bbb (no ../shared needed).
 */
class BbbLogsAndVhostTest {
    private static final String FS = "/opt/freeswitch/etc/freeswitch";
    private static List<Rule> rules;

    @BeforeAll
    static void load() throws Exception {
        rules = RuleLoader.loadDirectory(TestPaths.repo().resolve("rules/bbb"));
    }

    private static Path fixture(String name) {
        return TestPaths.repo().resolve("agent/src/test/resources/bbb/" + name);
    }

    /** Packaged logback, BBB's FreeSWITCH mapping, the sfu's old verbose default, appLogLevel INFO. */
    private static BbbRoot packaged(Path root) throws Exception {
        BbbRoot r = new BbbRoot(root);
        r.copy(fixture("logs/logback.xml"), ComponentLogs.LOGBACK);
        r.copy(fixture("logs/logfile.conf.xml"), FS + ComponentLogs.FS_LOGFILE);
        r.copy(fixture("logs/sfu-default.yml"), ComponentLogs.SFU_DEFAULTS);
        r.write(BbbPaths.WEB_OVERRIDE, "bigbluebutton.web.serverURL=https://bbb.example.org\nappLogLevel=INFO\n");
        return r;
    }

    private static FactSet facts(Path root) throws Exception {
        FactSet.Builder b = FactSet.builder();
        DirTarget t = new DirTarget(root, Limits.DEFAULT);
        b.addAll(BbbRoot.collect(t));
        new NginxCollector().collect(t, b);
        new LogrotateCollector().collect(t, b);
        return b.build();
    }

    private static Evaluation judge(FactSet facts, String id) {
        return RuleEvaluator.evaluate(rules.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow(), facts);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(FactSet f, String key) {
        return (Map<String, Object>) f.get(key).map(Fact::value).orElseThrow(() -> new AssertionError(key + " missing"));
    }

    @Test
    void eachComponentsLevelWithTheLineThatDecides(@TempDir Path root) throws Exception {
        packaged(root);
        FactSet f = facts(root);
        Map<String, Object> logback = map(f, "bbb.web.logback");
        assertEquals(List.of("org.bigbluebutton", "grails.app.controllers", "grails.app.services"), logback.get("verbose_loggers"));
        assertEquals(14L, logback.get("max_history_days"));
        assertTrue(f.get("bbb.web.logback").orElseThrow().evidence().stream()
                .anyMatch(e -> e.source().equals(ComponentLogs.LOGBACK + ":14") && e.value().contains("org.bigbluebutton at DEBUG")),
                f.get("bbb.web.logback").orElseThrow().evidence()::toString);
        assertEquals(false, map(f, "bbb.freeswitch.logfile").get("debug"));
        assertEquals("verbose", f.get("bbb.webrtc_sfu.log_level").orElseThrow().value());
        assertEquals(ComponentLogs.SFU_DEFAULTS + ":6", f.get("bbb.webrtc_sfu.log_level").orElseThrow().evidence().get(0).source());
        Retention web = f.retentions().stream().filter(r -> r.subject().startsWith("bbb-web log")).findFirst().orElseThrow();
        assertEquals(java.util.Optional.of("P14D"), web.period());
        // appLogLevel INFO alone does not pass: logback writes org.bigbluebutton at DEBUG, and the sfu logs verbose
        Evaluation e = judge(f, "bbb.component-logging");
        assertEquals(Status.FAIL, e.status(), e.toString());
    }

    @Test
    void quietComponentsPassAndTheOverrideDecidesForTheSfu(@TempDir Path root) throws Exception {
        BbbRoot r = packaged(root);
        r.write(ComponentLogs.LOGBACK, Files.readString(fixture("logs/logback.xml")).replace("level=\"DEBUG\"", "level=\"INFO\""));
        r.write(ComponentLogs.SFU_OVERRIDE, "freeswitch:\n  ip: 192.0.2.10\nlog:\n  level: info\n");
        FactSet f = facts(root);
        assertEquals("info", f.get("bbb.webrtc_sfu.log_level").orElseThrow().value());
        assertEquals(ComponentLogs.SFU_OVERRIDE + ":4", f.get("bbb.webrtc_sfu.log_level").orElseThrow().evidence().get(0).source());
        assertEquals(Status.PASS, judge(f, "bbb.component-logging").status(), judge(f, "bbb.component-logging").toString());

        r.write(FS + ComponentLogs.FS_LOGFILE, Files.readString(fixture("logs/logfile.conf.xml"))
                .replace("value=\"info,notice", "value=\"debug,info,notice"));
        FactSet g = facts(root);
        assertEquals(true, map(g, "bbb.freeswitch.logfile").get("debug"));
        assertEquals(Status.FAIL, judge(g, "bbb.component-logging").status());
    }

    @Test
    void logbackWithoutMaxHistoryKeepsForeverAndEntitiesAreRefused(@TempDir Path root) throws Exception {
        BbbRoot r = packaged(root);
        r.write(ComponentLogs.LOGBACK, Files.readString(fixture("logs/logback.xml")).replace("<MaxHistory>14</MaxHistory>", ""));
        FactSet f = facts(root);
        assertEquals(-1L, map(f, "bbb.web.logback").get("max_history_days"));
        assertTrue(f.retentions().stream().anyMatch(x -> x.subject().startsWith("bbb-web log") && x.period().isEmpty()),
                f.retentions()::toString);
        assertEquals(Status.FAIL, judge(f, "bbb.log-retention").status());

        r.write(FS + ComponentLogs.FS_LOGFILE, "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><configuration>&e;</configuration>");
        FactSet g = facts(root);
        assertTrue(g.get("bbb.freeswitch.logfile").isEmpty());
        String why = g.whyMissing("bbb.freeswitch.logfile").orElseThrow().reason();
        assertTrue(why.contains(FS + ComponentLogs.FS_LOGFILE), why);
        assertFalse(why.contains("\tat "), why);
    }

    /** The vhost bbb-install.sh writes, read by the host pack's nginx reader with its include of /etc/bigbluebutton/nginx. */
    private static void vhost(BbbRoot r, String site) throws Exception {
        r.copy(fixture("nginx/nginx.conf"), "/etc/nginx/nginx.conf");
        r.write("/etc/nginx/sites-enabled/bigbluebutton", site);
        r.copy(fixture("nginx/web.nginx"), "/etc/bigbluebutton/nginx/web.nginx");
        r.write("/etc/logrotate.conf", "weekly\nrotate 4\ninclude /etc/logrotate.d\n");
        r.copy(fixture("nginx/logrotate-nginx"), "/etc/logrotate.d/nginx");
    }

    @Test
    void theVhostAsInstalledLacksHstsAndWithItPasses(@TempDir Path root) throws Exception {
        BbbRoot r = packaged(root);
        String site = Files.readString(fixture("nginx/bigbluebutton"));
        vhost(r, site);
        FactSet f = facts(root);
        assertEquals("bbb.example.org", f.get("bbb.domain").orElseThrow().value());
        assertTrue(f.get("nginx.config_files").orElseThrow().value().toString().contains("/etc/bigbluebutton/nginx/web.nginx"),
                "the vhost's include is read: " + f.get("nginx.config_files").orElseThrow().value());
        Evaluation shipped = judge(f, "bbb.nginx-tls");
        assertEquals(Status.FAIL, shipped.status(), shipped.toString());
        assertTrue(shipped.evidence().stream().anyMatch(e -> e.source().equals("/etc/nginx/sites-enabled/bigbluebutton:6")
                && e.value().contains("redirects to https")), "location ^~ / { return 301 https://… } redirects: " + shipped.evidence());
        assertTrue(shipped.evidence().stream().anyMatch(e -> e.source().equals("/etc/nginx/sites-enabled/bigbluebutton:26")
                && e.value().contains("no HSTS")), shipped.evidence()::toString);

        vhost(r, site.replace("#add_header Strict-Transport-Security", "add_header Strict-Transport-Security"));
        Evaluation hsts = judge(facts(root), "bbb.nginx-tls");
        assertEquals(Status.PASS, hsts.status(), hsts.toString());

        r.write("/etc/logrotate.d/nginx", "# nothing rotates nginx's logs\n");
        assertEquals(Status.FAIL, judge(facts(root), "bbb.nginx-tls").status());
    }
}
