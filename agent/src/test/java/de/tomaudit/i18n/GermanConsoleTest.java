package de.tomaudit.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.testsupport.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, point 7: with {@code --lang de} everything a user reads is German. The report fixtures
 * and a host whose configurations are all broken (ejabberd, Prosody, nginx, sshd, logrotate,
 * journald) are audited through the command line in German and in English; every text of the
 * console, the Markdown report and the JSON result (errors, reasons, why-lines, evidence, retention
 * subjects) that is the same in both runs and reads as English is listed, all at once.
 */
class GermanConsoleTest {
    static final Path FIXTURES = TestPaths.repo().resolve("agent/src/test/resources/de/tomaudit/report");

    @TempDir Path tmp;

    private List<String> english(String name, Path root, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of(extra));
        args.add("dir:" + root);
        GermanRun.Output de = GermanRun.run(tmp, "de", args);
        GermanRun.Output en = GermanRun.run(tmp, "en", args);
        assertTrue(de.code() <= 3 && en.code() <= 3, name + ": " + de.err() + en.err());
        // the console's target line names the target (here a fixture called "weak"); how the width wraps it
        // depends on the checkout's path: the name and the address may each stand on a line of their own
        String target = root.getFileName().toString();
        return GermanRun.english(de, en, t -> t.equals(target) || t.startsWith(target + "  dir:") || t.contains("dir:" + root))
                .stream().map(t -> name + " " + t).toList();
    }

    @Test
    void theReportFixturesReadGermanUnderLangDe() throws Exception {
        List<String> left = new ArrayList<>();
        for (String variant : List.of("weak", "hardened", "nologrotate")) {
            left.addAll(english(variant, FIXTURES.resolve(variant)));
        }
        assertEquals(List.of(), left, "English under --lang de");
    }

    @Test
    void waivedFindingsReadGermanUnderLangDe() throws Exception {
        Path waivers = Files.writeString(tmp.resolve("waivers.yaml"), """
                waivers:
                  - rule: host.ssh-weak-algorithms
                    justification: hmac-sha1 bleibt bis zum Austausch der alten Vereinsrechner.
                    approver: Vorstand
                    expires: 2999-03-31
                  - rule: host.ssh-password-auth
                    justification: Übergangsregel bis zur Umstellung auf Schlüssel.
                    approver: Vorstand
                    expires: 2999-04-30
                  - rule: host.time-sync
                    justification: Der Hoster stellt die Zeit.
                    approver: Vorstand
                    expires: %s
                  - rule: org.dpo
                    target: "weak*"
                    justification: Kein Beauftragter nötig.
                    approver: Vorstand
                    expires: 2999-01-01
                """.formatted(java.time.LocalDate.now().plusDays(3)));
        List<String> left = english("weak", FIXTURES.resolve("weak"), "--waivers", waivers.toString());
        assertEquals(List.of(), left, "English under --lang de");
    }

    @Test
    void brokenConfigurationsAreReportedInGermanUnderLangDe() throws Exception {
        Path root = broken(tmp.resolve("broken"));
        List<String> left = english("broken", root, "--kind", "host,ejabberd,prosody");
        assertEquals(List.of(), left, "English under --lang de");
    }

    @Test
    void configurationProblemsThatDoNotStopTheParserAreGermanUnderLangDe() throws Exception {
        Path root = problems(tmp.resolve("problems"));
        List<String> left = english("problems", root, "--kind", "host,ejabberd,prosody");
        assertEquals(List.of(), left, "English under --lang de");
    }

    /** A host whose configurations parse, each with problems its parser reports as warnings. */
    static Path problems(Path root) throws Exception {
        write(root, "etc/ejabberd/ejabberd.yml", """
                hosts:
                  - chat.example.org
                loglevel: info
                define_macro:
                  PORT: 5222
                  PORT: 5223
                listen:
                  -
                    port: PORT
                    module: ejabberd_c2s
                include_config_file:
                  /etc/ejabberd/missing.yml: {allow_only: [acl], frobnicate: [x]}
                append_host_config:
                  chat.example.org:
                    loglevel: debug
                host_config: [not, a, map]
                modules:
                  mod_mam: {default_expire: forever}
                  mod_http_upload: {}
                """);
        write(root, "etc/ejabberd/ejabberdctl.cfg", "ERL_EPMD_ADDRESS=$(hostname)\nINET_DIST_INTERFACE=\"127.0.0.1\nfoo && bar\n");
        write(root, "etc/prosody/prosody.cfg.lua", """
                admins = { "admin@example.org" }
                admins = { "other@example.org" }
                modules_enabled = { "roster"; "saslauth"; "tls"; "mam" }
                archive_expires_after = "sometimes"
                Include "/etc/prosody/conf.d/*.cfg.lua"
                VirtualHost "example.org"
                  http_upload_expire_after = "soon"
                """);
        write(root, "usr/bin/prosody", "#!/bin/sh\n");
        write(root, "etc/nginx/nginx.conf", """
                http {
                    access_log /var/log/nginx/access.log combined;
                    include /etc/nginx/conf.d/*.conf;
                    include /etc/nginx/missing.conf;
                    server {
                        listen 443 ssl;
                        listen notaport;
                        ssl_protocols TLSv1 TLSv1.2;
                        server_name chat.example.org;
                    }
                }
                """);
        write(root, "usr/sbin/nginx", "");
        write(root, "etc/ssh/sshd_config", """
                PermitRootLogin maybe
                MaxStartups x:y
                Include /etc/ssh/sshd_config.d/*.conf
                Match User
                    PasswordAuthentication yes
                """);
        write(root, "usr/sbin/sshd", "");
        write(root, "etc/logrotate.conf", "weekly 9\nrotate four\nmaxage old\nsize huge\ninclude /etc/logrotate.d\n");
        write(root, "etc/logrotate.d/nginx", "/var/log/nginx/*.log {\n    daily\n    rotate 7\n    frobnicate\n}\ntrailing words\n");
        write(root, "usr/sbin/logrotate", "");
        write(root, "etc/systemd/journald.conf", "Storage=auto\n[Journal]\nMaxRetentionSec=forever\nnoequals\n");
        return root;
    }

    /** A host whose every configuration has a problem its parser reports. */
    static Path broken(Path root) throws Exception {
        write(root, "etc/ejabberd/ejabberd.yml", """
                hosts:
                  - chat.example.org
                loglevel: info
                listen:
                  -
                    port: 5222
                    module: ejabberd_c2s
                   starttls_required: true
                include_config_file: /etc/ejabberd/missing.yml
                modules:
                  mod_mam: {default: always
                """);
        write(root, "etc/ejabberd/ejabberdctl.cfg", "ERL_EPMD_ADDRESS=\nINET_DIST_INTERFACE=\"127.0.0.1\n");
        write(root, "etc/prosody/prosody.cfg.lua", """
                admins = { "admin@example.org" }
                modules_enabled = { "roster"; "saslauth"; "tls"
                VirtualHost "example.org"
                  ssl = { key = "/etc/prosody/certs/example.org.key";
                Include "/etc/prosody/conf.d/*.cfg.lua"
                """);
        write(root, "usr/bin/prosody", "#!/bin/sh\n");
        write(root, "etc/nginx/nginx.conf", """
                http {
                    access_log /var/log/nginx/access.log combined
                    include /etc/nginx/sites-enabled/*;
                    server {
                        listen 443 ssl;
                        server_name chat.example.org;
                """);
        write(root, "usr/sbin/nginx", "");
        write(root, "etc/ssh/sshd_config", """
                PermitRootLogin maybe
                PasswordAuthentication
                Include /etc/ssh/sshd_config.d/*.conf
                Match User
                    PasswordAuthentication yes
                Ciphers aes128-cbc,nonsense
                """);
        write(root, "usr/sbin/sshd", "");
        write(root, "etc/logrotate.conf", "weekly\nrotate four\ninclude /etc/logrotate.d\n");
        write(root, "etc/logrotate.d/nginx", "/var/log/nginx/*.log {\n    daily\n    rotate 7\n    frobnicate\n");
        write(root, "usr/sbin/logrotate", "");
        write(root, "etc/systemd/journald.conf", "[Journal]\nMaxRetentionSec=forever\nStorage=sometimes\n");
        write(root, "var/lib/dpkg/status", "Package: logrotate\nStatus: install ok installed\nVersion: 3.21.0-1\n\n"
                + "Package: nginx\nStatus: install ok installed\nVersion: 1.22.1-9\n\n"
                + "Package: ejabberd\nStatus: install ok installed\nVersion: 23.01-1\n\n"
                + "Package: prosody\nStatus: install ok installed\nVersion: 0.12.3-1\n");
        write(root, "etc/crontab", "SHELL=/bin/sh\n17 * * * * root cd / && run-parts --report /etc/cron.hourly\n* * *\n");
        return root;
    }

    private static void write(Path root, String path, String text) throws Exception {
        Path f = root.resolve(path);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }
}
