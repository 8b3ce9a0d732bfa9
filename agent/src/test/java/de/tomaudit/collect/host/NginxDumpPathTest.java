package de.tomaudit.collect.host;

import de.tomaudit.testsupport.CannedTarget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.facts.FactSet;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collector's nginx -T path with canned command results: used when good, fallen back from when not. */
class NginxDumpPathTest {

    @TempDir
    Path root;

    private static final String DUMP = "# configuration file /etc/nginx/nginx.conf:\n"
            + "http {\n    include /etc/nginx/conf.d/*.conf;\n}\n\n"
            + "# configuration file /etc/nginx/conf.d/site.conf:\n"
            + "server {\n    listen 443 ssl;\n    ssl_protocols TLSv1.3;\n}\n\n";

    private FactSet collect(Target target) {
        HostRoots.write(root, "/etc/nginx/nginx.conf", "http {\n server { listen 80; }\n}\n");
        FactSet.Builder b = FactSet.builder();
        new NginxCollector().collect(target, b);
        return b.build();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> servers(FactSet f) {
        return (List<Map<String, Object>>) f.get("nginx.servers").orElseThrow().value();
    }

    @Test
    void aGoodDumpIsPreferredOverTheFilesAndKeepsTheRealFileLines() {
        FactSet f = collect(CannedTarget.answering(root, "nginx-effective", 0, DUMP,
                "nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\n"));
        assertEquals("command: nginx -T", f.get("nginx.config_source").orElseThrow().value());
        Map<String, Object> s = servers(f).get(0);
        assertEquals(List.of("TLSv1.3"), s.get("ssl_protocols"));
        assertEquals("/etc/nginx/conf.d/site.conf:3", s.get("ssl_protocols_source"));
        assertEquals("/etc/nginx/conf.d/site.conf:1", s.get("source"));
    }

    @Test
    void aFailedConfigTestFallsBackToTheFilesAndSaysWhy() {
        FactSet f = collect(CannedTarget.answering(root, "nginx-effective", 1, "",
                "nginx: [emerg] open() \"/var/log/nginx/error.log\" failed (13: Permission denied)\n"));
        assertEquals("files: /etc/nginx/nginx.conf", f.get("nginx.config_source").orElseThrow().value());
        assertEquals(List.of("80"), servers(f).get(0).get("listen"));
        String why = f.get("nginx.config_source").orElseThrow().evidence().toString();
        assertTrue(why.contains("exited 1") && why.contains("Permission denied"), why);
    }

    @Test
    void garbageOutputFallsBackToTheFiles() {
        FactSet f = collect(CannedTarget.answering(root, "nginx-effective", 0, "\u0000\u0001garbage\nmore\n", ""));
        assertEquals("files: /etc/nginx/nginx.conf", f.get("nginx.config_source").orElseThrow().value());
        assertTrue(f.get("nginx.config_source").orElseThrow().evidence().toString().contains("not an nginx -T dump"));
    }

    @Test
    void aTimeoutFallsBackToTheFiles() {
        FactSet f = collect(CannedTarget.failing(root, "nginx-effective",
                new TargetException(TargetException.Reason.TIMEOUT, "nginx -T", "nginx -T did not finish within 15 s")));
        assertEquals("files: /etc/nginx/nginx.conf", f.get("nginx.config_source").orElseThrow().value());
        assertTrue(f.get("nginx.config_source").orElseThrow().evidence().toString().contains("did not finish"));
        assertEquals(true, f.get("nginx.installed").orElseThrow().value());
    }

    @Test
    void theDumpPathAlsoFeedsTheLogrotateCoverage() {
        HostRoots.write(root, "/etc/logrotate.conf", LogrotateCollectorTest.debianLogrotateConf());
        HostRoots.write(root, "/etc/logrotate.d/nginx", "/var/log/nginx/*.log {\n daily\n rotate 7\n}\n");
        FactSet.Builder b = FactSet.builder();
        new LogrotateCollector().collect(CannedTarget.answering(root, "nginx-effective", 0, DUMP, ""), b);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> ip = (List<Map<String, Object>>) b.build().get("logrotate.ip_logs").orElseThrow().value();
        assertEquals(1, ip.size());
        assertEquals("default: nginx access_log /var/log/nginx/access.log combined (no access_log set)", ip.get(0).get("source"));
        assertEquals(7L, ip.get(0).get("retention_days"));
    }
}
