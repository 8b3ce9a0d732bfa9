package de.tomaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.audit.TargetSpec;
import de.tomaudit.fleet.FleetTarget;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TOM annex from the command line: the four formats in one run with --output DIR, --tom-group
 * and --org; the org pack's questions in every annex; the exit code untouched by manual findings;
 * no planted secret in any annex format (canary).
 */
class TomAnnexCliTest {
    private static final String SECRET_KEY_BASE = "5ecr3tK3yBase" + "f00dfeedc0de".repeat(8);
    private static final String PG_PASS = "pgPassw0rdNeverInTheAnnex";
    private static final String REDIS_PASS = "redisPassw0rdNeverInTheAnnex";

    @TempDir Path tmp;

    private void write(Path root, String path, String text) throws Exception {
        Path p = root.resolve(path.substring(1));
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void allFourFormatsWithoutAPlantedSecretAndWithTheQuestionsToAnswer() throws Exception {
        Path root = tmp.resolve("root");
        write(root, "/home/mastodon/live/.env.production", "LOCAL_DOMAIN=example.org\nSECRET_KEY_BASE=" + SECRET_KEY_BASE
                + "\nDB_PASS=" + PG_PASS + "\nSMTP_SERVER=smtp.mailgun.org\nSMTP_PASSWORD=" + PG_PASS + "\n");
        write(root, "/etc/redis/redis.conf", "bind 0.0.0.0\nrequirepass " + REDIS_PASS + "\n");
        write(root, "/etc/prosody/prosody.cfg.lua", "sql = { driver = \"PostgreSQL\", password = \"" + PG_PASS + "\" }\n");
        write(root, "/etc/crontab", "0 3 * * * root PGPASSWORD=" + PG_PASS + " pg_dump -f /var/backups/db.sql mastodon\n");
        write(root, "/etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n");
        Path out = tmp.resolve("annex");
        CliTest.Run r = CliTest.run("audit", "--kind", "host", "--format", "tom,tom-md,tom-pdf,tom-docx,json", "--output",
                out.toString(), "--lang", "de", "--tom-group", "gdpr", "--org", "Beratungsstelle Süd gGmbH", "dir:" + root);
        assertTrue(r.code() != 2, r.err());

        String html = Files.readString(out.resolve("tomaudit-annex.html"));
        String md = Files.readString(out.resolve("tomaudit-annex.md"));
        String pdf;
        try (PDDocument d = Loader.loadPDF(Files.readAllBytes(out.resolve("tomaudit-annex.pdf")))) {
            pdf = new PDFTextStripper().getText(d).replaceAll("\\s+", " ");
        }
        String docx;
        try (XWPFDocument d = new XWPFDocument(new ByteArrayInputStream(Files.readAllBytes(out.resolve("tomaudit-annex.docx"))));
             XWPFWordExtractor x = new XWPFWordExtractor(d)) {
            docx = x.getText();
        }
        Map<String, String> formats = Map.of("tom", html, "tom-md", md, "tom-pdf", pdf, "tom-docx", docx);
        for (Map.Entry<String, String> f : formats.entrySet()) {
            String s = f.getValue();
            for (String secret : List.of(SECRET_KEY_BASE, PG_PASS, REDIS_PASS)) {
                assertFalse(s.contains(secret), f.getKey() + " leaks " + secret.substring(0, 8) + "…");
                assertFalse(s.contains(secret.substring(0, 14)), f.getKey() + " leaks part of " + secret.substring(0, 8) + "…");
            }
            assertTrue(s.contains("Beratungsstelle Süd gGmbH"), f.getKey());
            assertTrue(s.contains("Art. 28 DSGVO – Auftragsverarbeitung"), f.getKey() + " is grouped by GDPR article");
            assertTrue(s.contains("org.processor-contract"), f.getKey() + " lists the organisational measures");
            assertTrue(s.contains("Welche Dienstleister verarbeiten personenbezogene Daten in Ihrem Auftrag"),
                    f.getKey() + " asks the org pack's question in the run's language");
        }
    }

    @Test
    void manualFindingsNeverChangeTheExitCode() throws Exception {
        Path root = tmp.resolve("empty-root");
        Files.createDirectories(root.resolve("etc"));
        Path rules = tmp.resolve("rules/demo");
        Files.createDirectories(rules);
        Files.writeString(rules.resolve("ask.yaml"), """
                id: demo.ask
                manual: true
                severity: critical
                title: {en: Asked, de: Gefragt}
                question: {en: Is it so?, de: Ist es so?}
                remediation: {en: Say so, de: Sagen}
                tom: {kontrolle: [zutrittskontrolle]}
                """);
        CliTest.Run plain = CliTest.run("audit", "--kind", "host", "--no-probe", "--fail-on", "low", "--format", "json", "dir:" + root);
        CliTest.Run org = CliTest.run("audit", "--kind", "host", "--no-probe", "--fail-on", "low", "--format", "json",
                "--rules", tmp.resolve("rules").toString(), "dir:" + root);
        assertEquals(plain.code(), org.code(), org.err());
        assertTrue(org.out().contains("\"manual\" : 8"), "the org pack's eight: " + org.out().substring(Math.max(0, org.out().length() - 300)));
    }

    @Test
    void badGroupingOrFormatIsAUsageErrorNamingTheChoices() {
        CliTest.Run g = CliTest.run("audit", "--format", "tom", "--tom-group", "bsi", "dir:" + tmp);
        assertEquals(2, g.code());
        assertTrue(g.err().contains("--tom-group must be kontrolle, gdpr or sdm, not 'bsi'"), g.err());
        CliTest.Run f = CliTest.run("audit", "--format", "tom-odt", "dir:" + tmp);
        assertEquals(2, f.code());
        assertTrue(f.err().contains("tom, tom-md, tom-pdf, tom-docx"), f.err());
    }

    @Test
    void theOrganisationComesFromTheInventoryWhenNotGiven() {
        FleetTarget a = new FleetTarget("a", TargetSpec.parse("local"), Set.of(), Optional.empty(), Optional.empty(), List.of(),
                Map.of("owner", "Beispielverein e.V."), "inv.yaml:3");
        FleetTarget b = new FleetTarget("b", TargetSpec.parse("local"), Set.of(), Optional.empty(), Optional.empty(), List.of(),
                Map.of("organisation", "Beispielverein e.V.", "owner", "someone else"), "inv.yaml:9");
        FleetTarget c = FleetTarget.of(TargetSpec.parse("local"));
        assertEquals("Beispielverein e.V.", AuditCommand.organisation(null, List.of(a, b, c)));
        assertEquals("Given", AuditCommand.organisation(" Given ", List.of(a)));
        assertEquals("", AuditCommand.organisation(null, List.of(c)));
    }
}
