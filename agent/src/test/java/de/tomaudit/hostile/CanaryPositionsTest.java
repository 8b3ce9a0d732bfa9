package de.tomaudit.hostile;

import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.cli.Main;
import de.tomaudit.report.Renderers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, point 4: no value read from a target, or from a file of the agent's own, is echoed in
 * an error, a finding, a log line or a history row. Every format the agent parses gets a canary at
 * each position a value can take: keywords, values, section names, numbers, periods, sizes, paths,
 * patterns, and positions that make the parser fail (unbalanced quotes and braces, a word where a
 * number belongs, broken escapes, broken XML, YAML and JSON). The whole CLI runs over them with
 * {@code -vv} and every report format; stdout, stderr, the debug log, every written report (PDF
 * and Word as their text) and the history rows are searched for every canary. A canary is
 * {@code Cnry<n>Zq}; a failure names the position of each one that leaked and where it showed.
 */
class CanaryPositionsTest {
    @TempDir Path work;

    private static final Pattern CANARY = Pattern.compile("cnry(\\d+)zq", Pattern.CASE_INSENSITIVE);

    /** One CLI run over files whose {@code @@} marks are canaries; args may use ${ROOT} and ${DIR}. */
    record Plant(String name, List<String> args, Map<String, String> files) { }

    private static Plant plant(String name, String kind, String... pathsAndTexts) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndTexts.length; i += 2) {
            files.put(pathsAndTexts[i], pathsAndTexts[i + 1]);
        }
        return new Plant(name, List.of("audit", "--kind=" + kind, "dir:${ROOT}"), files);
    }

    private static Plant agentFile(String name, List<String> args, String path, String text) {
        return new Plant(name, args, Map.of(path, text));
    }

    static List<Plant> plants() {
        List<Plant> p = new ArrayList<>();
        p.add(plant("sshd", "host", "etc/ssh/sshd_config", String.join("\n",
                "@@ yes", "PasswordAuthentication @@", "MaxAuthTries @@", "Port @@", "LoginGraceTime 1@@",
                "ClientAliveInterval @@", "PermitRootLogin @@", "Ciphers @@", "MACs +@@", "ListenAddress @@:22",
                "Include ~/@@", "Include /etc/ssh/@@/x.conf", "Banner \"@@", "MaxStartups 10:30:@@", "LogLevel @@",
                "Match User alice", "  @@ no", "  Port 2222", "Match Address @@/33", "  PasswordAuthentication yes",
                "Match @@ alice", "  PasswordAuthentication yes", "Match LocalPort @@", "  PasswordAuthentication yes",
                "Match User", "Match Address 10.0.0.1/8,@@/8", "  PermitRootLogin yes", "")));
        p.add(plant("sshd-include", "host", "etc/ssh/sshd_config", "Include /etc/ssh/sshd_config.d/*.conf\n",
                "etc/ssh/sshd_config.d/a.conf", "Include /etc/ssh/sshd_config.d/*.conf\n@@ x\n"));
        p.add(plant("nginx", "host", "etc/nginx/nginx.conf", String.join("\n",
                "@@ on;", "events { worker_connections @@; }", "http {", "  server_tokens @@;",
                "  ssl_protocols @@;", "  client_max_body_size @@;", "  keepalive_timeout @@;",
                "  log_format @@ '$remote_addr @@';", "  access_log /var/log/nginx/a.log @@;",
                "  include /etc/nginx/@@/*.conf;", "  server { listen @@; server_name @@; ssl_ciphers @@;",
                "    location @@ { return 200 \"@@\"; } }", "  @@ {", "}", "}", "}", "\"@@", "")));
        p.add(plant("nginx-quote", "host", "etc/nginx/nginx.conf", "events {}\nhttp { server_tokens \"@@;\n"));
        p.add(plant("logrotate", "host", "etc/logrotate.conf", String.join("\n",
                "rotate @@", "maxage @@", "size @@", "@@", "maxsize 1@@", "su @@ @@", "include /etc/@@",
                "create @@ root root", "/var/log/@@.log {", "  daily", "  rotate 99999999999999999999@@", "  minsize @@",
                "  postrotate", "    /usr/bin/@@ --password @@", "  endscript", "}", "/var/log/b.log {", "  weekly",
                "")));
        p.add(plant("logrotate-brace", "host", "etc/logrotate.conf", "}\n@@ }\n/var/log/x {\n{ @@\n"));
        p.add(plant("cron", "host", "etc/crontab", String.join("\n",
                "SHELL=/bin/sh", "@@=1", "PGPASSWORD=@@", "@@ * * * * root /bin/true", "0 @@ * * * root /bin/true",
                "0 0 * * * @@ /bin/true", "0 1 * * * root mysqldump -p@@ db", "0 2 * * * root curl -u u:@@ https://x/",
                "0 3 * * * root borg create --password @@ /r::a", "0 4 * * * root restic --password-command '@@' backup /",
                "0 5 * * * root pg_dump postgresql://u:@@@h/db", "@reboot root PASSWORD=@@ /usr/bin/backup",
                "@@reboot root /bin/true", "0 6 * * * root echo \"@@", ""),
                "etc/cron.d/@@backup", "0 1 * * * root /usr/bin/rsync -a / /b\n",
                "etc/cron.d/b", "0 1 * * * root sshpass -p @@ ssh x\n0 1 * * * root 7z a -p@@ x.7z /\n"));
        p.add(plant("systemd", "host", "etc/systemd/system/b.timer", String.join("\n",
                "[Timer]", "OnCalendar=daily", "RandomizedDelaySec=@@", "Persistent=@@", "@@", "[@@]", "X=1", ""),
                "etc/systemd/system/b.service", String.join("\n", "[Service]",
                        "ExecStart=/usr/bin/borg create --passphrase @@ /r::x", "Environment=BORG_PASSPHRASE=@@",
                        "TimeoutSec=@@", "@@=@@", ""),
                "etc/systemd/system/timers.target.wants/b.timer", "[Timer]\nOnCalendar=daily\n",
                "etc/systemd/journald.conf", String.join("\n", "[Journal]", "MaxRetentionSec=@@", "SystemMaxUse=@@",
                        "Storage=@@", "MaxFileSec=99999999999999999999@@", "@@=1", "[@@", "")));
        p.add(plant("apt", "host", "etc/apt/apt.conf.d/20auto-upgrades", String.join("\n",
                "APT::Periodic::Update-Package-Lists \"@@\";", "APT::Periodic::Unattended-Upgrade \"1@@\";",
                "@@::X \"1\";", "Unattended-Upgrade::Allowed-Origins { \"@@\"; };", ""),
                "etc/apt/apt.conf.d/50unattended-upgrades", "Unattended-Upgrade::Mail \"@@\";\nAPT::X { \"@@\n",
                "etc/apt/apt.conf.d/60broken", "APT::Periodic::Verbose \"1\"\n@@ {\n"));
        p.add(plant("redis-postgres", "host", "etc/redis/redis.conf", String.join("\n",
                "requirepass @@", "bind @@", "port @@", "@@ yes", "maxmemory @@", "rename-command CONFIG \"@@", ""),
                "etc/postgresql/15/main/postgresql.conf", String.join("\n", "port = @@", "ssl = @@",
                        "log_line_prefix = '@@", "@@ = on", "password_encryption = @@", "log_rotation_age = @@", ""),
                "etc/postgresql/15/main/pg_hba.conf", "host all all @@ md5\n@@ all all 127.0.0.1/32 trust\nhost\n"));
        p.add(plant("firewall", "host", "etc/nftables.conf", "table inet f {\n chain input { type filter hook input priority @@;"
                + " policy @@; tcp dport @@ accept; @@ }\n}\n@@ {\n",
                "etc/iptables/rules.v4", "*filter\n:INPUT @@ [0:0]\n-A INPUT -p tcp --dport @@ -j ACCEPT\n@@\nCOMMIT\n",
                "etc/fail2ban/jail.local", "[sshd]\nenabled = @@\nbantime = @@\nmaxretry = @@\n@@\n[@@\n",
                "etc/sudoers", "@@ ALL=(ALL) NOPASSWD: ALL\nDefaults @@\n"));
        p.add(plant("prosody", "prosody", "etc/prosody/prosody.cfg.lua", String.join("\n",
                "admins = { \"@@\" }", "c2s_require_encryption = \"@@\"", "archive_expires_after = \"@@\"",
                "http_upload_expire_after = @@", "log = { info = \"/var/log/prosody/p.log\" }", "@@ = true",
                "VirtualHost \"example.org\"", "Component \"upload.example.org\" \"@@\"", "Include \"/etc/prosody/@@/*.cfg.lua\"", ""),
                "etc/prosody/conf.d/b.cfg.lua", "x = \"@@\n",
                "etc/prosody/conf.d/c.cfg.lua", "x = { @@ = 1 \ny = @@()\n"));
        p.add(plant("ejabberd", "ejabberd", "etc/ejabberd/ejabberd.yml", String.join("\n",
                "hosts:", "  - \"example.org\"", "loglevel: @@", "@@: 1", "modules:", "  mod_mam:", "    default: @@",
                "    clear_archive_on_room_destroy: @@", "  mod_http_upload:", "    max_size: @@", "  @@: {}",
                "listen:", "  - port: @@", "    module: @@", "    ip: \"@@\"", "acl:", "  admin:", "    user: \"@@\"",
                "access_rules:", "  @@:", "    - allow: @@", "certfiles:", "  - \"/etc/@@/*.pem\"", ""),
                "etc/ejabberd/ejabberdctl.cfg", "ERLANG_NODE=@@\nINET_DIST_INTERFACE=@@\n@@\nERL_OPTIONS=\"-@@\n"));
        p.add(plant("ejabberd-broken", "ejabberd", "etc/ejabberd/ejabberd.yml", "hosts: [\"x\"]\nmodules: {\n  @@: [\n"));
        p.add(plant("mastodon", "mastodon", "home/mastodon/live/.env.production", String.join("\n",
                "LOCAL_DOMAIN=example.org", "SECRET_KEY_BASE=@@", "OTP_SECRET=@@", "DB_PORT=@@", "DB_PASS=@@",
                "@@", "@@=1", "SMTP_PASSWORD=\"@@", "REDIS_URL=redis://:@@@localhost:6379", "DATABASE_URL=postgres://u:@@@h/db",
                "IP_RETENTION_PERIOD=@@", "SESSION_RETENTION_PERIOD=9999999999999999999999@@", "export @@ = x", ""),
                "home/mastodon/live/lib/mastodon/version.rb", "module Mastodon\n  module Version\n    def major\n      @@\n"));
        p.add(plant("bbb", "bbb", "etc/bigbluebutton/bbb-web.properties", String.join("\n",
                "securitySalt=@@", "defaultMaxUsers=@@", "maxInactivityTimeoutMinutes=@@", "@@", "@@=x",
                "bigbluebutton.web.serverURL=\\u00@@", "keepEvents=@@", ""),
                "usr/share/bbb-web/WEB-INF/classes/bigbluebutton.properties", "defaultMaxUsers=@@\n@@\n",
                "etc/bigbluebutton/bbb-apps-akka.conf", "services {\n  @@ = 1\n  timeout = @@\n}\n@@ {\n",
                "etc/bigbluebutton/turn-stun-servers.xml", "<beans><@@ a=\"@@\"><value>@@</value></beans>",
                "opt/freeswitch/etc/freeswitch/vars.xml", "<include><X-PRE-PROCESS cmd=\"set\" data=\"@@=@@\"/><@@ </include>",
                "etc/bigbluebutton/recording/recording.yml", "steps: [@@\n",
                "etc/turnserver.conf", "@@\nlisten-port=@@\nstatic-auth-secret=@@\n",
                "etc/bigbluebutton/bbb-webrtc-sfu/production.yml", "recordingAdapter: @@\n@@: [\n"));
        p.add(agentFile("claims", List.of("audit", "--kind=host", "--policy=${DIR}/policy.yaml", "dir:${DIR}"),
                "policy.yaml", "schema: @@\nservice: x\nclaims:\n  logs:\n    retention: @@ days\n    max_level: @@\n"
                        + "  @@: 1\n  uploads:\n    retention: 99999999999999999999@@ years\n"));
        p.add(agentFile("claims-broken", List.of("audit", "--kind=host", "--policy=${DIR}/policy.yaml", "dir:${DIR}"),
                "policy.yaml", "claims:\n  logs: {retention: \"@@\n"));
        p.add(agentFile("waivers", List.of("audit", "--kind=host", "--waivers=${DIR}/waivers.yaml", "dir:${DIR}"),
                "waivers.yaml", "waivers:\n  - rule: @@\n    target: \"@@\"\n    justification: x\n    approver: y\n"
                        + "    expires: @@\n  - rule: host.time-sync\n    expires: 2099-13-45@@\n    @@: z\n"));
        p.add(agentFile("waivers-broken", List.of("audit", "--kind=host", "--waivers=${DIR}/waivers.yaml", "dir:${DIR}"),
                "waivers.yaml", "waivers: [ {rule: \"@@ \n"));
        p.add(agentFile("inventory-ini", List.of("audit", "--kind=host", "--inventory=${DIR}/hosts.ini"), "hosts.ini",
                "[g]\nh1 ansible_connection=local ansible_port=@@ ansible_become=@@\n[@@:children]\n@@\n[g:vars]\n@@\n"
                        + "[g2]\nh2 ansible_connection=@@ tomaudit_kinds=@@\n"));
        p.add(agentFile("inventory-yaml", List.of("audit", "--kind=host", "--inventory=${DIR}/inv.yaml"), "inv.yaml",
                "targets:\n  - name: a\n    address: local\n    sudo: @@\n    kinds: [@@]\n    @@: 1\n"
                        + "  - address: \"ssh://u:@@@127.0.0.1:@@\"\n"));
        // each refusal stops the file at its first problem: the later positions get files of their own
        p.add(agentFile("inventory-ini-kinds", List.of("audit", "--kind=host", "--inventory=${DIR}/hosts.ini"), "hosts.ini",
                "[g]\nh1 ansible_connection=local tomaudit_kinds=host,@@\n"));
        p.add(agentFile("inventory-ini-host", List.of("audit", "--kind=host", "--inventory=${DIR}/hosts.ini"), "hosts.ini",
                "[g]\nh1 ansible_connection=local @@\nh2 \"@@\n"));
        p.add(agentFile("inventory-yaml-kinds", List.of("audit", "--kind=host", "--inventory=${DIR}/inv.yaml"), "inv.yaml",
                "targets:\n  - name: a\n    address: local\n    kinds: [host, @@]\n"));
        p.add(agentFile("inventory-yaml-sudo", List.of("audit", "--kind=host", "--inventory=${DIR}/inv.yaml"), "inv.yaml",
                "targets:\n  - name: a\n    address: local\n    sudo: @@\n"));
        p.add(agentFile("claims-values", List.of("audit", "--kind=host", "--policy=${DIR}/policy.yaml", "dir:${DIR}"),
                "policy.yaml", "claims:\n  logs:\n    retention: @@ days\n"));
        p.add(agentFile("claims-enum", List.of("audit", "--kind=host", "--policy=${DIR}/policy.yaml", "dir:${DIR}"),
                "policy.yaml", "claims:\n  registration: @@\n  logs:\n    ip_addresses: @@\n"));
        p.add(agentFile("waivers-key", List.of("audit", "--kind=host", "--waivers=${DIR}/waivers.yaml", "dir:${DIR}"),
                "waivers.yaml", "waivers:\n  - rule: host.time-sync\n    justification: x\n    approver: y\n"
                        + "    expires: 2099-01-01\n    @@: z\n"));
        p.add(agentFile("inventory-broken", List.of("audit", "--kind=host", "--inventory=${DIR}/inv.yaml"), "inv.yaml",
                "targets:\n  - {address: \"@@\n"));
        p.add(agentFile("ssh-config", List.of("audit", "--kind=host", "--ssh-config=${DIR}/ssh_config",
                "--known-hosts=${DIR}/known_hosts", "--connect-timeout=2", "ssh://canaryhost"), "ssh_config",
                "Host canaryhost\n  HostName 127.0.0.1\n  Port @@\n  User @@\n  @@ yes\n  ProxyJump jump.example.org\n"
                        + "  IdentityFile /x/@@\nMatch @@\n"));
        p.add(agentFile("known-hosts", List.of("audit", "--kind=host", "--known-hosts=${DIR}/known_hosts",
                "--connect-timeout=2", "ssh://127.0.0.1:1"), "known_hosts",
                "@@ ssh-ed25519 AAAA@@\n127.0.0.1 @@ AAAAC3NzaC1lZDI1NTE5AAAA\n|1|@@|@@ ssh-rsa x\n@cert-authority @@\n"));
        p.add(agentFile("result-json", List.of("report", "--from=${DIR}/result.json", "--format=md"), "result.json",
                "{\"tool\": \"@@\", \"targets\": [{\"name\": 1, \"status\": \"@@\", \"findings\": [{\"@@\": 1}]}], \"x\": @@}"));
        return p;
    }

    record Leak(int id, String where) { }

    @TestFactory
    Stream<DynamicTest> noCanaryReachesAnyOutput() {
        return plants().stream().map(pl -> DynamicTest.dynamicTest(pl.name(), () -> {
            Path root = work.resolve(pl.name());
            Map<Integer, String> positions = new LinkedHashMap<>();
            int[] next = {1};
            for (Map.Entry<String, String> f : pl.files().entrySet()) {
                String path = plantCanaries(f.getKey(), positions, next, pl.name() + " path ");
                String text = plantCanaries(f.getValue(), positions, next, pl.name() + " " + f.getKey() + ": ");
                Path file = root.resolve(path);
                Files.createDirectories(file.getParent());
                Files.writeString(file, text, StandardCharsets.UTF_8);
            }
            Map<String, String> outputs = run(pl, root, work.resolve("out-" + pl.name()));
            List<String> leaks = new ArrayList<>();
            for (Map.Entry<String, String> o : outputs.entrySet()) {
                Matcher m = CANARY.matcher(o.getValue());
                Map<Integer, String> seen = new java.util.TreeMap<>();
                while (m.find()) {
                    String around = o.getValue().substring(Math.max(0, m.start() - 60), Math.min(o.getValue().length(), m.end() + 20));
                    seen.putIfAbsent(Integer.parseInt(m.group(1)), around.replaceAll("\\s+", " "));
                }
                seen.forEach((id, around) -> leaks.add(o.getKey() + " <- " + positions.getOrDefault(id, "canary " + id)
                        + "  [" + around + "]"));
            }
            assertTrue(leaks.isEmpty(), "canaries leaked:\n" + String.join("\n", leaks));
        }));
    }

    /** Replaces each {@code @@} by a new canary and notes the line it stands on. */
    private static String plantCanaries(String template, Map<Integer, String> positions, int[] next, String prefix) {
        StringBuilder out = new StringBuilder();
        int lineStart = 0;
        for (int i = 0; i < template.length(); i++) {
            if (template.startsWith("@@", i)) {
                int id = next[0]++;
                int end = template.indexOf('\n', i);
                String line = template.substring(lineStart, end < 0 ? template.length() : end);
                positions.put(id, prefix + line.strip());
                out.append("Cnry").append(id).append("Zq");
                i++;
            } else {
                if (template.charAt(i) == '\n') {
                    lineStart = i + 1;
                }
                out.append(template.charAt(i));
            }
        }
        return out.toString();
    }

    /** Runs the CLI and returns every output by name: stdout, stderr, log, each report, history. */
    private static Map<String, String> run(Plant pl, Path root, Path outDir) throws Exception {
        Files.createDirectories(outDir);
        Path history = outDir.resolve("history");
        List<String> args = new ArrayList<>();
        for (String a : pl.args()) {
            args.add(a.replace("${ROOT}", root.toString()).replace("${DIR}", root.toString()));
        }
        boolean audit = args.get(0).equals("audit");
        Path reports = outDir.resolve("reports");
        if (audit) {
            args.add(1, "-vv");
            args.add("--format=" + String.join(",", Renderers.names()));
            args.add("--output=" + reports);
            args.add("--history=jdbc:h2:file:" + history);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream realErr = System.err;
        try {
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            Main.execute(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
        } finally {
            System.setErr(realErr);
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("stdout", out.toString(StandardCharsets.UTF_8));
        outputs.put("stderr", err.toString(StandardCharsets.UTF_8));
        outputs.put("log", log.toString(StandardCharsets.UTF_8));
        if (Files.isDirectory(reports)) {
            try (Stream<Path> files = Files.list(reports)) {
                for (Path f : files.sorted().toList()) {
                    outputs.put(f.getFileName().toString(), readable(f));
                }
            }
        }
        if (Files.exists(Path.of(history + ".mv.db"))) {
            outputs.put("history", historyRows(history));
        }
        return outputs;
    }

    private static String readable(Path f) throws Exception {
        byte[] bytes = Files.readAllBytes(f);
        String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".pdf")) {
            try (PDDocument doc = Loader.loadPDF(bytes)) {
                return new PDFTextStripper().getText(doc);
            }
        }
        if (name.endsWith(".docx")) {
            try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(bytes));
                 XWPFWordExtractor x = new XWPFWordExtractor(doc)) {
                return x.getText();
            }
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Every text column of every history table. */
    private static String historyRows(Path history) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + history + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "tomaudit", "");
             Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'public'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String t : tables) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM \"" + t + "\"")) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= n; i++) {
                            all.append(rs.getString(i)).append('\t');
                        }
                        all.append('\n');
                    }
                }
            }
        }
        return all.toString();
    }
}
