package de.tomaudit.collect.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.facts.Fact;
import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Unavailable;
import de.tomaudit.target.DirTarget;
import de.tomaudit.target.Limits;
import de.tomaudit.testsupport.TestPaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NginxCollectorTest {

    @TempDir
    Path root;

    private static FactSet collect(Path root) {
        return collect(new DirTarget(root, Limits.DEFAULT));
    }

    private static FactSet collect(DirTarget target) {
        FactSet.Builder b = FactSet.builder();
        new NginxCollector().collect(target, b);
        return b.build();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(FactSet facts, String key) {
        return (List<Map<String, Object>>) facts.get(key).orElseThrow(() -> new AssertionError(key + " missing: "
                + facts.whyMissing(key))).value();
    }

    /** The fixture plus the symlink the Debian package creates on install. */
    private Path debianAsInstalled() {
        HostRoots.debian12(root);
        HostRoots.symlink(root, "/etc/nginx/sites-enabled/default", "/etc/nginx/sites-available/default");
        return root;
    }

    @Test
    void theFixtureAsCopiedHasNoServerAndSoWritesNoAccessLog() {
        FactSet f = collect(new DirTarget(TestPaths.debianRoot(), Limits.DEFAULT));
        assertEquals(true, f.get("nginx.installed").orElseThrow().value());
        assertEquals("files: /etc/nginx/nginx.conf", f.get("nginx.config_source").orElseThrow().value());
        assertTrue(list(f, "nginx.servers").isEmpty());
        assertTrue(list(f, "nginx.access_logs").isEmpty());
        List<?> problems = (List<?>) f.get("nginx.config_problems").orElseThrow().value();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).toString().startsWith("/etc/nginx/nginx.conf:26: included file /etc/nginx/mime.types"));
    }

    @Test
    void debianDefaultSiteLogsFullIpsWithLegacyProtocolsAndNoHsts() {
        FactSet f = collect(debianAsInstalled());
        List<Map<String, Object>> servers = list(f, "nginx.servers");
        assertEquals(1, servers.size());
        Map<String, Object> s = servers.get(0);
        assertEquals(List.of("80 default_server", "[::]:80 default_server"), s.get("listen"));
        assertEquals(List.of("_"), s.get("server_name"));
        assertEquals(false, s.get("ssl"));
        assertEquals(List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"), s.get("ssl_protocols"));
        assertEquals("/etc/nginx/nginx.conf:33", s.get("ssl_protocols_source"));
        assertEquals(false, s.get("hsts"));
        assertEquals(false, s.get("redirects_to_https"));
        assertEquals("on", s.get("server_tokens"));
        assertEquals("/etc/nginx/sites-enabled/default:21", s.get("source"));

        List<Map<String, Object>> logs = list(f, "nginx.access_logs");
        assertEquals(1, logs.size());
        Map<String, Object> log = logs.get(0);
        assertEquals("/var/log/nginx/access.log", log.get("path"));
        assertEquals("combined", log.get("format"));
        assertEquals(true, log.get("logs_full_ip"));
        assertEquals(List.of("$remote_addr"), log.get("ip_variables"));
        assertEquals(false, log.get("off"));
        assertEquals("/etc/nginx/nginx.conf:40", log.get("source"));
        assertEquals("/etc/nginx/nginx.conf:40", f.get("nginx.access_logs").orElseThrow().evidence().get(0).source());
    }

    @Test
    void hardenedSiteWithAnonymisedFormatHstsAndRedirect() {
        debianAsInstalled();
        HostRoots.write(root, "/etc/nginx/conf.d/privacy.conf", """
                map $remote_addr $remote_addr_anon {
                    ~(?P<ip>\\d+\\.\\d+\\.\\d+)\\.    $ip.0;
                    default                         0.0.0.0;
                }
                log_format privacy '$remote_addr_anon - [$time_local] "$request" $status';
                access_log /var/log/nginx/privacy.log privacy;
                """);
        HostRoots.write(root, "/etc/nginx/sites-available/default", """
                server {
                    listen 80;
                    server_name example.org;
                    return 301 https://$host$request_uri;
                }
                server {
                    listen 443 ssl;
                    server_name example.org;
                    ssl_protocols TLSv1.2 TLSv1.3;
                    server_tokens off;
                    add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;
                    location / { }
                    location /api { add_header X-Api 1; }
                }
                """);
        FactSet f = collect(root);
        List<Map<String, Object>> servers = list(f, "nginx.servers");
        assertEquals(2, servers.size());
        Map<String, Object> plain = servers.get(0);
        assertEquals(true, plain.get("redirects_to_https"));
        assertEquals(false, plain.get("ssl"));
        Map<String, Object> tls = servers.get(1);
        assertEquals(true, tls.get("ssl"));
        assertEquals(List.of("TLSv1.2", "TLSv1.3"), tls.get("ssl_protocols"));
        assertEquals(true, tls.get("hsts"));
        assertEquals(31_536_000L, tls.get("hsts_max_age"));
        assertEquals(List.of("/etc/nginx/sites-enabled/default:13"), tls.get("hsts_dropped_in"));
        assertEquals("off", tls.get("server_tokens"));

        List<Map<String, Object>> logs = list(f, "nginx.access_logs");
        assertEquals(2, logs.size(), "both http-level access_log directives apply: Debian's and the added one");
        assertEquals("/var/log/nginx/access.log", logs.get(0).get("path"));
        assertEquals(true, logs.get(0).get("logs_full_ip"));
        assertEquals("/var/log/nginx/privacy.log", logs.get(1).get("path"));
        assertEquals(false, logs.get(1).get("logs_full_ip"), "$remote_addr_anon is not $remote_addr");
        assertEquals("/etc/nginx/conf.d/privacy.conf:6", logs.get(1).get("source"));
        List<Map<String, Object>> formats = list(f, "nginx.log_formats");
        assertEquals(List.of("combined", "privacy"), formats.stream().map(m -> m.get("name")).toList());
    }

    @Test
    void noAccessLogAnywhereMeansNginxsDefaultLogInCombinedFormat() {
        HostRoots.write(root, "/etc/nginx/nginx.conf", "events { }\nhttp {\n server { listen 8080; }\n}\n");
        Map<String, Object> log = list(collect(root), "nginx.access_logs").get(0);
        assertEquals("/var/log/nginx/access.log", log.get("path"));
        assertEquals(true, log.get("default"));
        assertEquals(true, log.get("logs_full_ip"));
        assertTrue(log.get("source").toString().startsWith("default:"));
    }

    @Test
    void accessLogOffAndRelativePathsAndUnknownFormats() {
        HostRoots.write(root, "/etc/nginx/nginx.conf", """
                http {
                    access_log logs/rel.log;
                    server { listen 1; access_log off; }
                    server { listen 2; location /x { access_log /var/log/x.log nosuchformat; } }
                    server { listen 3; access_log syslog:server=unix:/dev/log combined; }
                }
                """);
        List<Map<String, Object>> logs = list(collect(root), "nginx.access_logs");
        assertEquals(4, logs.size(), logs.toString());
        assertEquals(true, logs.get(0).get("off"));
        assertEquals(false, logs.get(0).get("logs_full_ip"));
        assertEquals("/usr/share/nginx/logs/rel.log", logs.get(1).get("path"));
        assertEquals("/var/log/x.log", logs.get(2).get("path"));
        assertEquals(false, logs.get(2).get("format_known"));
        assertEquals(true, logs.get(2).get("logs_full_ip"), "an unknown format is assumed to log IPs");
        assertEquals("syslog:server=unix:/dev/log", logs.get(3).get("path"));
    }

    @Test
    void forwardedForAndBracedVariablesCountAsFullIps() {
        assertEquals(List.of("$http_x_forwarded_for"), NginxLogFormats.ipVariables("${http_x_forwarded_for} $request"));
        assertEquals(List.of("$remote_addr"), NginxLogFormats.ipVariables("$REMOTE_ADDR"));
        assertEquals(List.of(), NginxLogFormats.ipVariables("$remote_address $remote_addr_anon $remote_user"));
    }

    @Test
    void nothingThereMeansNotInstalled() {
        FactSet f = collect(root);
        assertEquals(false, f.get("nginx.installed").orElseThrow().value());
        Unavailable u = f.whyMissing("nginx.servers").orElseThrow();
        assertEquals(Unavailable.Kind.NOT_APPLICABLE, u.kind());
    }

    @Test
    void aSyntaxErrorMakesTheFactsErrorsNamingFileAndLine() {
        debianAsInstalled();
        HostRoots.write(root, "/etc/nginx/conf.d/broken.conf", "server {\n  listen 80\n  server_name x;\n");
        FactSet f = collect(root);
        Unavailable u = f.whyMissing("nginx.access_logs").orElseThrow();
        assertEquals(Unavailable.Kind.ERROR, u.kind());
        assertTrue(u.reason().contains("/etc/nginx/conf.d/broken.conf:"), u.reason());
        assertEquals(true, f.get("nginx.installed").orElseThrow().value());
    }

    @Test
    void anIncludeLoopIsAnErrorNotAHang() {
        HostRoots.write(root, "/etc/nginx/nginx.conf", "http {\n include /etc/nginx/conf.d/*.conf;\n}\n");
        HostRoots.write(root, "/etc/nginx/conf.d/a.conf", "include /etc/nginx/nginx.conf;\n");
        Unavailable u = collect(root).whyMissing("nginx.servers").orElseThrow();
        assertEquals(Unavailable.Kind.ERROR, u.kind());
        assertTrue(u.reason().contains("/etc/nginx/conf.d/a.conf:1") && u.reason().contains("loop"), u.reason());
    }

    @Test
    void binaryHugeAndSymlinkLoopedFilesAreErrors() {
        HostRoots.write(root, "/etc/nginx/nginx.conf", "http {\n include /etc/nginx/conf.d/*.conf;\n}\n");
        HostRoots.writeBytes(root, "/etc/nginx/conf.d/a.conf", new byte[] {'x', 0, 1, 2});
        Unavailable binary = collect(root).whyMissing("nginx.servers").orElseThrow();
        assertEquals(Unavailable.Kind.ERROR, binary.kind());
        assertTrue(binary.reason().contains("/etc/nginx/conf.d/a.conf") && binary.reason().contains("binary"), binary.reason());

        HostRoots.write(root, "/etc/nginx/conf.d/a.conf", "server { listen 80; }\n".repeat(100));
        DirTarget small = new DirTarget(root, new Limits(200, Duration.ofSeconds(1), 1000));
        Unavailable huge = collect(small).whyMissing("nginx.servers").orElseThrow();
        assertTrue(huge.reason().contains("over the limit"), huge.reason());

        HostRoots.write(root, "/etc/nginx/conf.d/a.conf", "");
        HostRoots.symlink(root, "/etc/nginx/conf.d/loop.conf", "/etc/nginx/conf.d/loop.conf");
        Unavailable loop = collect(root).whyMissing("nginx.servers").orElseThrow();
        assertTrue(loop.reason().contains("loop.conf") && loop.reason().contains("symbolic link"), loop.reason());
    }

    @Test
    void latin1FilesAreReadNotRejected() {
        byte[] latin1 = "http {\n # Gr\u00fc\u00dfe\n server { listen 80; server_name b\u00e4r.example; }\n}\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        HostRoots.writeBytes(root, "/etc/nginx/nginx.conf", latin1);
        Map<String, Object> s = list(collect(root), "nginx.servers").get(0);
        assertEquals(List.of("b\u00e4r.example"), s.get("server_name"));
    }

    @Test
    void versionFromDpkgStatusChoosesTheDefaultProtocols() {
        HostRoots.write(root, "/etc/nginx/nginx.conf", "http {\n server { listen 443 ssl; }\n}\n");
        HostRoots.write(root, "/var/lib/dpkg/status", """
                Package: nginx-common
                Status: install ok installed
                Version: 1.26.3-3+deb13u1

                Package: other
                Status: install ok installed
                Version: 1.0
                """);
        FactSet f = collect(root);
        assertEquals("1.26.3", f.get("nginx.version").orElseThrow().value());
        Map<String, Object> s = list(f, "nginx.servers").get(0);
        assertEquals(List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"), s.get("ssl_protocols"));
        assertEquals("default: nginx 1.26.3", s.get("ssl_protocols_source"));
    }

    @Test
    void theDumpPathAndTheFilePathGiveTheSameFacts() throws Exception {
        debianAsInstalled();
        DirTarget target = new DirTarget(root, Limits.DEFAULT);
        StringBuilder dump = new StringBuilder();
        for (String file : List.of("/etc/nginx/nginx.conf", "/etc/nginx/sites-enabled/default")) {
            dump.append("# configuration file ").append(file).append(":\n")
                    .append(target.read(file).text()).append('\n');
        }
        var config = de.tomaudit.parse.nginx.NginxIncludeResolver.load(
                de.tomaudit.parse.nginx.NginxDump.parse(dump.toString()), "/etc/nginx/nginx.conf");
        FactSet.Builder b = FactSet.builder();
        NginxFacts.put(config, java.util.Optional.empty(), b);
        FactSet fromDump = b.build();
        FactSet fromFiles = collect(root);
        for (String key : List.of("nginx.servers", "nginx.access_logs", "nginx.log_formats")) {
            Fact a = fromDump.get(key).orElseThrow();
            Fact c = fromFiles.get(key).orElseThrow();
            assertEquals(c.value(), a.value(), key);
            assertEquals(c.evidence(), a.evidence(), key);
        }
        assertFalse(fromDump.get("nginx.config_problems").orElseThrow().value().toString().isEmpty());
    }
}
