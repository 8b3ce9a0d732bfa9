package de.tomaudit.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The class-data archive's training run (the launcher runs it with {@code -XX:ArchiveClassesAtExit}): the
 * commands people run, so the archive holds what they load. An audit of an empty root (collectors, rules,
 * JSON), one of a small host with Prosody (the parsers of its files), the PostgreSQL driver's classes, a {@code --probe-only} TLS check of a server of its own on loopback (the whole probe path:
 * enumeration, certificate, the tls rules), both stored in a history database of its own (H2, Flyway),
 * {@code rules list} and {@code --version}. Nothing outside the
 * JVM and a temporary folder is touched; all output is discarded.
 */
public final class ArchiveTraining {

    private ArchiveTraining() { }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("tomaudit-training");
        PrintStream none = new PrintStream(OutputStream.nullOutputStream(), true, "UTF-8");
        try (LoopbackTlsServer server = LoopbackTlsServer.start()) {
            // the runs are stored, as by default, in a history database of the training's own: the first
            // creates its schema (Flyway), the second finds it current (the fast path every later run takes)
            String history = "jdbc:h2:file:" + dir.resolve("history");
            Main.execute(new String[] {"audit", "dir:" + dir, "--format", "json", "--output", dir.resolve("audit.json").toString(),
                "--history", history}, none, none);
            // a small host with Prosody: the parsers and collectors of what a real host has, read on every target
            Path host = smallHost(dir.resolve("host"));
            Main.execute(new String[] {"audit", "dir:" + host, "--kind", "host,prosody", "--no-probe", "--format", "json",
                "--output", dir.resolve("host.json").toString(), "--history", history}, none, none);
            loadClasses(org.postgresql.Driver.class, "org/postgresql/");
            // the SSH client: JSch, the key exchanges' check, a key login's signature, the cipher (no server needed)
            de.tomaudit.target.ssh.SshClientTraining.run();
            loadClasses(com.jcraft.jsch.JSch.class, "com/jcraft/jsch/", "de/tomaudit/target/ssh/");
            Main.execute(new String[] {"audit", "--probe-only", "--probe", "localhost:" + server.port() + "/tls", "--format",
                "json", "--output", dir.resolve("probe.json").toString(), "--history", history}, none, none);
            Main.execute(new String[] {"rules", "list"}, none, none);
            Main.execute(new String[] {"--version"}, none, none);
        } finally {
            delete(dir);
        }
    }

    /**
     * Loads (without initialising) every class under these folders of the jar {@code fromJarOf} came from:
     * the archive holds the classes a JVM has loaded, and some are used only where the training has no
     * counterpart (the PostgreSQL driver without a server to log in to, the SSH client without a server).
     */
    static void loadClasses(Class<?> fromJarOf, String... folders) throws IOException {
        ClassLoader loader = ArchiveTraining.class.getClassLoader();
        java.security.CodeSource jar = fromJarOf.getProtectionDomain().getCodeSource();
        if (jar == null) {
            return;
        }
        try (java.util.jar.JarFile f = new java.util.jar.JarFile(new java.io.File(jar.getLocation().toURI()))) {
            for (String name : f.stream().map(java.util.zip.ZipEntry::getName)
                    .filter(n -> n.endsWith(".class") && !n.contains("-"))
                    .filter(n -> java.util.Arrays.stream(folders).anyMatch(n::startsWith)).toList()) {
                try {
                    Class.forName(name.substring(0, name.length() - ".class".length()).replace('/', '.'), false, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    // optional parts (OSGi, JNA, Kerberos): not needed
                }
            }
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            // not run from a jar: nothing to archive
        }
    }

    private static Path smallHost(Path root) throws IOException {
        write(root.resolve("etc/ssh/sshd_config"), "PermitRootLogin no\nPasswordAuthentication no\nX11Forwarding no\n");
        write(root.resolve("etc/os-release"), "ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n");
        write(root.resolve("etc/crontab"), "17 3 * * * root /usr/local/bin/backup\n");
        write(root.resolve("etc/systemd/journald.conf"), "[Journal]\nMaxRetentionSec=7day\n");
        write(root.resolve("etc/logrotate.d/nginx"), "/var/log/nginx/*.log {\n  daily\n  rotate 7\n  compress\n}\n");
        write(root.resolve("etc/nginx/nginx.conf"), "http {\n    log_format noip '$remote_user [$time_local] \"$request\" $status';\n"
                + "    access_log /var/log/nginx/access.log noip;\n    ssl_protocols TLSv1.2 TLSv1.3;\n"
                + "    include /etc/nginx/sites-enabled/*;\n}\n");
        write(root.resolve("etc/nginx/sites-enabled/chat"), "server {\n    listen 443 ssl;\n    server_name chat.example.org;\n"
                + "    add_header Strict-Transport-Security \"max-age=63072000\" always;\n}\n");
        write(root.resolve("etc/prosody/prosody.cfg.lua"), "admins = { }\n"
                + "modules_enabled = { \"roster\"; \"saslauth\"; \"tls\"; \"mam\"; \"carbons\"; \"smacks\" }\n"
                + "c2s_require_encryption = true\ns2s_require_encryption = true\ns2s_secure_auth = true\n"
                + "archive_expires_after = \"1w\"\nlog = { info = \"/var/log/prosody/prosody.log\" }\nVirtualHost \"chat.example.org\"\n");
        return root;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
