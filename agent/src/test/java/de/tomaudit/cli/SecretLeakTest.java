package de.tomaudit.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plants secrets in every kind of file the host collectors read or stat, audits the tree as a
 * dir: root in every output format (JSON, console, HTML, Markdown, CSV, JUnit, SARIF and the PDF's
 * text), and requires that no planted secret text appears anywhere.
 */
class SecretLeakTest {
    private static final String SECRET_KEY_BASE = "5ecr3tK3yBase" + "a1b2c3d4e5f6".repeat(8);
    private static final String SALT = "bbbSecuritySalt" + "0123456789abcdef".repeat(2);
    private static final String REDIS_PASS = "redisPassw0rdNeverShown";
    private static final String PG_PASS = "pgPassw0rdNeverShown";
    private static final String KEY_BODY = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDneverShownKeyBody";
    private static final List<String> PLANTED = List.of(SECRET_KEY_BASE, SALT, REDIS_PASS, PG_PASS, KEY_BODY);

    @TempDir Path root;

    private void write(String path, String text, String perms) throws Exception {
        Path p = root.resolve(path.substring(1));
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
    }

    private static String docxText(Path docx) throws Exception {
        try (org.apache.poi.xwpf.usermodel.XWPFDocument d = new org.apache.poi.xwpf.usermodel.XWPFDocument(
                java.nio.file.Files.newInputStream(docx));
             org.apache.poi.xwpf.extractor.XWPFWordExtractor x = new org.apache.poi.xwpf.extractor.XWPFWordExtractor(d)) {
            return x.getText();
        }
    }

    private static String pdfText(Path pdf) throws Exception {
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            return new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
        }
    }

    @Test
    void plantedSecretsNeverReachAnyOutput() throws Exception {
        write("/home/mastodon/live/.env.production", "LOCAL_DOMAIN=example.org\nSECRET_KEY_BASE=" + SECRET_KEY_BASE
                + "\nDB_PASS=" + PG_PASS + "\n", "rw-r--r--");
        write("/etc/bigbluebutton/bbb-web.properties", "securitySalt=" + SALT + "\n", "rw-r--r--");
        write("/etc/redis/redis.conf", "bind 0.0.0.0\nrequirepass " + REDIS_PASS + "\nuser admin on >" + REDIS_PASS + " ~* +@all\n", "rw-r--r--");
        write("/etc/ssl/private/server.key", "-----BEGIN PRIVATE KEY-----\n" + KEY_BODY + "\n-----END PRIVATE KEY-----\n", "rw-r--r--");
        write("/etc/prosody/prosody.cfg.lua", "sql = { driver = \"PostgreSQL\", password = \"" + PG_PASS + "\" }\n", "rw-r--r--");
        write("/var/lib/postgresql/.pgpass", "localhost:5432:*:mastodon:" + PG_PASS + "\n", "rw-r--r--");
        write("/etc/crontab", "0 3 * * * root PGPASSWORD=" + PG_PASS + " pg_dump -f /var/backups/db.sql mastodon\n", "rw-r--r--");
        write("/etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n", "rw-r--r--");

        Path out = root.resolve("../out-" + root.getFileName()).normalize();
        // every format this build has
        String formats = String.join(",", de.tomaudit.report.Renderers.all().stream()
                .map(de.tomaudit.report.Renderer::format).toList());
        CliTest.Run json = CliTest.run("audit", "--format", formats, "--output", out.toString(), "--kind", "host",
                "dir:" + root);
        assertTrue(json.code() != 2, json.err());
        // logback writes to whatever System.err is at the time: capture the debug log too
        java.io.PrintStream realErr = System.err;
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        CliTest.Run console;
        try {
            System.setErr(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8));
            console = CliTest.run("audit", "--lang", "de", "-vv", "dir:" + root);
        } finally {
            System.setErr(realErr);
        }
        CliTest.Run plain = CliTest.run("audit", "--format", "json", "dir:" + root);
        StringBuilder all = new StringBuilder(log.toString(java.nio.charset.StandardCharsets.UTF_8) + json.out() + json.err() + console.out() + console.err() + plain.out() + plain.err());
        try (var files = Files.list(out)) {
            for (Path f : files.toList()) {
                all.append(f.toString().endsWith(".pdf") ? pdfText(f)
                        : f.toString().endsWith(".docx") ? docxText(f) : Files.readString(f));
            }
        }
        assertTrue(all.length() > 500, "the audit produced output: " + all);
        try (var files = Files.list(out)) {
            assertTrue(files.count() >= formats.split(",").length, "one file per format: " + formats);
        }
        for (String secret : PLANTED) {
            assertFalse(all.toString().contains(secret), "secret leaked: " + secret.substring(0, 8) + "…");
            assertFalse(all.toString().contains(secret.substring(0, 16)), "part of a secret leaked: " + secret.substring(0, 8) + "…");
        }
    }
}
