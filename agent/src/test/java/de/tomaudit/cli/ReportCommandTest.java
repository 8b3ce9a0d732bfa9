package de.tomaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.tomaudit.facts.Evidence;
import de.tomaudit.report.JsonRenderer;
import de.tomaudit.result.AuditResult;
import de.tomaudit.result.Finding;
import de.tomaudit.result.Status;
import de.tomaudit.result.TargetResult;
import de.tomaudit.result.TargetStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tomaudit report --from}: every format from a stored result, and every bad input as one line, exit 2. */
class ReportCommandTest {
    @TempDir Path tmp;

    private Path storedResult() throws Exception {
        Finding f = new Finding("host.ssh-password-auth", Status.FAIL, "high", "Passwortanmeldung über SSH ist aus",
                "PasswordAuthentication no", "", List.of(Evidence.at("/etc/ssh/sshd_config", 58, "yes")),
                new Finding.Tom(List.of("art32-1b"), List.of("vertraulichkeit"), List.of("zugangskontrolle")), List.of());
        AuditResult r = AuditResult.of("0.1.0", "2026-11-23T02:00:00Z", "2026-11-23T02:00:01Z",
                List.of(new TargetResult("chat", "dir:/srv/chat", List.of("host"), TargetStatus.COMPLETE, List.of(),
                        List.of(f), List.of())));
        Path file = tmp.resolve("result.json");
        JsonRenderer.mapper().writeValue(file.toFile(), r);
        return file;
    }

    private static void assertOneLineUsageError(CliTest.Run r, String... contains) {
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("tomaudit: "), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), r.err());
        for (String c : contains) {
            assertTrue(r.err().contains(c), "'" + c + "' in " + r.err());
        }
    }

    @Test
    void everyFormatFromAStoredResultIntoADirectoryReadableByTheOwnerOnly() throws Exception {
        Path from = storedResult();
        Path out = tmp.resolve("reports");
        CliTest.Run r = CliTest.run("report", "--from", from.toString(), "--format", "html,md,csv,junit,sarif,pdf,json",
                "--output", out.toString(), "--lang", "de", "--org", "Verein Bürgerfunk e.V.");
        assertEquals(0, r.code(), r.err());
        for (String name : List.of("tomaudit-report.html", "tomaudit-report.md", "tomaudit-report.csv",
                "tomaudit-report.junit.xml", "tomaudit-report.sarif.json", "tomaudit-report.pdf", "tomaudit-report.json")) {
            Path p = out.resolve(name);
            assertTrue(Files.size(p) > 100, name);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), name);
        }
        String html = Files.readString(out.resolve("tomaudit-report.html"));
        assertTrue(html.contains("Verein Bürgerfunk e.V.") && html.contains("host.ssh-password-auth"), html);
        assertTrue(html.contains("Prüfbericht"), "German texts");
        assertEquals(Files.readString(from).strip(), Files.readString(out.resolve("tomaudit-report.json")).strip(),
                "the JSON written back is the JSON read");
        try (var files = Files.list(out)) {
            assertEquals(7, files.count(), "no temporary file left");
        }
    }

    @Test
    void aResultAuditedInEnglishRendersWithTheRulesGermanTextsAndBack() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root/etc/ssh"));
        Files.writeString(root.resolve("sshd_config"), "PasswordAuthentication yes\n");
        Path from = tmp.resolve("en.json");
        CliTest.Run audit = CliTest.run("audit", "dir:" + tmp.resolve("root"), "--no-probe", "--lang", "en",
                "--format", "json", "--output", from.toString());
        assertTrue(audit.code() == 0 || audit.code() == 1, audit.err());
        String stored = Files.readString(from);
        assertTrue(stored.contains("Password login over SSH is off") || stored.contains("\"host.ssh-password-auth\""), stored);
        CliTest.Run german = CliTest.run("report", "--from", from.toString(), "--format", "md", "--lang", "de");
        assertEquals(0, german.code(), german.err());
        de.tomaudit.rules.Rule rule = de.tomaudit.rules.RuleLoader.loadBuiltIn().stream()
                .filter(x -> x.id().equals("host.ssh-password-auth")).findFirst().orElseThrow();
        assertTrue(german.out().contains(rule.title().de()), german.out());
        assertFalse(german.out().contains(rule.title().en()), "no English rule title left: " + german.out());
        Path deJson = tmp.resolve("de.json");
        assertEquals(0, CliTest.run("report", "--from", from.toString(), "--format", "json", "--lang", "de",
                "--output", deJson.toString()).code());
        CliTest.Run en = CliTest.run("report", "--from", deJson.toString(), "--format", "json", "--lang", "en");
        assertEquals(stored.strip(), en.out().strip(), "en -> de -> en gives the stored result back");
    }

    @Test
    void oneFormatGoesToStdoutOrToTheNamedFile() throws Exception {
        Path from = storedResult();
        CliTest.Run md = CliTest.run("report", "--from", from.toString(), "--format", "md", "--lang", "en");
        assertEquals(0, md.code(), md.err());
        assertTrue(md.out().startsWith("# Security and GDPR audit report"), md.out());
        Path file = tmp.resolve("one/r.sarif");
        CliTest.Run sarif = CliTest.run("report", "--from", from.toString(), "--format", "sarif", "--output", file.toString());
        assertEquals(0, sarif.code(), sarif.err());
        assertTrue(Files.readString(file).contains("\"version\" : \"2.1.0\""));
    }

    @Test
    void aResultOfANewerVersionWithUnknownFieldsStillRenders() throws Exception {
        Path from = storedResult();
        ObjectNode json = (ObjectNode) JsonRenderer.mapper().readTree(from.toFile());
        json.put("schemaVersion", 7);
        json.putObject("signature").put("alg", "ed25519");
        ObjectNode target = (ObjectNode) json.get("targets").get(0);
        target.put("osRelease", "Debian 14");
        ObjectNode finding = (ObjectNode) target.get("findings").get(0);
        finding.put("confidence", 0.9);
        ((ObjectNode) ((ArrayNode) finding.get("evidence")).get(0)).put("sha256", "ab12");
        ((ObjectNode) json.get("summary")).put("flaky", 0);
        Files.writeString(from, json.toString());
        Path out = tmp.resolve("r.html");
        CliTest.Run r = CliTest.run("report", "--from", from.toString(), "--format", "html", "--output", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readString(out).contains("host.ssh-password-auth"));
    }

    @Test
    void aMissingMalformedOrSpecialResultFileIsOneLineNamingIt() throws Exception {
        Path missing = tmp.resolve("nope.json");
        assertOneLineUsageError(CliTest.run("report", "--from", missing.toString(), "--format", "md"),
                missing.toString(), "does not exist");
        Path bad = Files.writeString(tmp.resolve("bad.json"), "{\"tool\": {\"name\": \"tomaudit\"},\n  \"targets\": [ {,\n");
        assertOneLineUsageError(CliTest.run("report", "--from", bad.toString(), "--format", "md"),
                bad.toString(), "not valid JSON at line 2");
        Path notResult = Files.writeString(tmp.resolve("list.json"), "[1, 2, 3]");
        assertOneLineUsageError(CliTest.run("report", "--from", notResult.toString(), "--format", "md"),
                notResult.toString(), "not a tomaudit result");
        Path wrongStatus = storedResult();
        Files.writeString(wrongStatus, Files.readString(wrongStatus).replace("\"fail\"", "\"exploded\""));
        CliTest.Run unknownValue = CliTest.run("report", "--from", wrongStatus.toString(), "--format", "md");
        assertOneLineUsageError(unknownValue, wrongStatus.toString(), "a value this version does not know");
        assertFalse(unknownValue.err().contains("exploded"), "the kind of problem, not the file's text (issue 13)");
        Path empty = Files.writeString(tmp.resolve("empty.json"), "");
        assertOneLineUsageError(CliTest.run("report", "--from", empty.toString(), "--format", "md"), empty.toString());
        assertOneLineUsageError(CliTest.run("report", "--from", tmp.toString(), "--format", "md"),
                tmp.toString(), "is a directory");
        assertOneLineUsageError(CliTest.run("report", "--from", "/dev/zero", "--format", "md"),
                "/dev/zero", "not a regular file");
        Path fifo = tmp.resolve("fifo.json");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo");
        assertOneLineUsageError(CliTest.run("report", "--from", fifo.toString(), "--format", "md"),
                fifo.toString(), "not a regular file");
    }

    @Test
    void unknownFormatsAndUnwritableOutputsAreRefusedBeforeAnythingIsRead() throws Exception {
        Path from = storedResult();
        assertOneLineUsageError(CliTest.run("report", "--from", from.toString(), "--format", "docx"),
                "unknown --format 'docx'", "html, md, csv, junit, sarif, pdf");
        assertOneLineUsageError(CliTest.run("report", "--from", from.toString(), "--format", "html,md"),
                "several formats need --output DIR");
        assertOneLineUsageError(CliTest.run("report", "--from", from.toString(), "--format", "html", "--tom-group", "iso"),
                "--tom-group must be kontrolle, gdpr or sdm");
        // the output is checked before the result file is even opened
        Path missing = tmp.resolve("missing.json");
        assertOneLineUsageError(CliTest.run("report", "--from", missing.toString(), "--format", "html", "--output", "/dev/null"),
                "cannot write --output /dev/null: it exists and is not a regular file");
        assertFalse(Files.isRegularFile(Path.of("/dev/null")), "/dev/null is never replaced");
        Path aFile = Files.writeString(tmp.resolve("a-file"), "x");
        assertOneLineUsageError(CliTest.run("report", "--from", from.toString(), "--format", "html,md", "--output", aFile.toString()),
                "cannot write --output " + aFile);
        Path dir = Files.createDirectories(tmp.resolve("out"));
        Path fifo = dir.resolve("tomaudit-report.html");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo");
        assertOneLineUsageError(CliTest.run("report", "--from", from.toString(), "--format", "md,html", "--output", dir.toString()),
                fifo.toString(), "not a regular file");
        assertFalse(Files.exists(dir.resolve("tomaudit-report.md")), "nothing rendered when one output is refused");
        assertTrue(Files.readAttributes(fifo, java.nio.file.attribute.BasicFileAttributes.class).isOther(), "the FIFO is still a FIFO");
        // a place where no file can be created, not even by root: found by creating one, not by asking access(2)
        assertOneLineUsageError(CliTest.run("report", "--from", from.toString(), "--format", "html", "--output", "/proc/r.html"),
                "cannot write --output /proc/r.html");
    }
}
