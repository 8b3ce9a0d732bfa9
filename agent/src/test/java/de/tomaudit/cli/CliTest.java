package de.tomaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import de.tomaudit.report.JsonRenderer;
import de.tomaudit.testsupport.TestPaths;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir Path tmp;

    record Run(int code, String out, String err) { }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assertUsageError(Run r, String contains) {
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("tomaudit: "), r.err());
        assertTrue(r.err().contains(contains), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        assertTrue(r.err().lines().count() <= 2, r.err());
    }

    @Test
    void versionAndHelpOnEveryCommand() {
        Run v = run("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("tomaudit "), v.out());
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"audit", "--help"}, new String[] {"rules", "--help"},
                new String[] {"rules", "list", "--help"}, new String[] {"rules", "show", "--help"}, new String[] {"rules", "check", "--help"})) {
            Run h = run(args);
            assertEquals(0, h.code(), String.join(" ", args));
            assertTrue(h.out().contains("Usage: tomaudit"), h.out());
        }
    }

    @Test
    void wrongOptionsTargetsAndValuesExitTwoWithOneLine() {
        assertUsageError(run("audit", "--frobnicate"), "Unknown option");
        assertUsageError(run("audit", "ftp://example.org"), "unknown target 'ftp://example.org'");
        assertUsageError(run("audit", "--fail-on", "urgent"), "--fail-on must be");
        assertUsageError(run("audit", "--kind", "nextcloud"), "unknown --kind 'nextcloud'");
        assertUsageError(run("audit", "--format", "xml"), "unknown --format 'xml'");
        assertUsageError(run("audit", "--lang", "fr"), "--lang must be de or en");
        assertUsageError(run("audit", "--kind", "mastodon", "--mastodon-db", "jdbc:postgresql://127.0.0.1/m?user=postgres"),
                "--mastodon-db must not set 'user'");
        assertUsageError(run("audit", "--kind", "mastodon", "--mastodon-db", "jdbc:postgresql://127.0.0.1/m?readOnly=false"),
                "--mastodon-db must not set 'readonly'");
        assertUsageError(run("audit", "--parallel", "zero"), "Invalid value");
        assertUsageError(run("audit", "--waivers", tmp.resolve("none.yaml").toString()), "none.yaml");
        assertUsageError(run("rules", "show", "host.no-such-rule"), "no rule with id");
        assertUsageError(run(), "a command is required");
    }

    @Test
    void aMalformedRuleFileExitsTwoNamingFileAndLine() throws Exception {
        Path pack = Files.createDirectories(tmp.resolve("pack"));
        Files.writeString(pack.resolve("bad.yaml"), """
                id: host.bad
                severity: high
                title: {en: Bad, de: Schlecht}
                remediation: {en: x, de: y}
                tom: {gdpr: [art99]}
                condition: "true"
                """);
        Run r = run("audit", "--rules", pack.toString(), "dir:" + tmp);
        assertUsageError(r, pack.resolve("bad.yaml") + ":5:");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertUsageError(run("audit", "--rules", empty.toString()), "no rule files");
    }

    @Test
    void jsonResultHasTheContractShape() throws Exception {
        Path out = tmp.resolve("r/result.json");
        Run r = run("audit", "--format", "json", "--output", out.toString(), "--fail-on", "critical",
                "dir:" + TestPaths.debianRoot());
        assertTrue(r.code() == 0 || r.code() == 1 || r.code() == 3, r.err());
        JsonNode json = JsonRenderer.mapper().readTree(out.toFile());
        assertEquals("tomaudit", json.at("/tool/name").asText());
        assertFalse(json.at("/startedAt").asText().isEmpty());
        JsonNode t = json.at("/targets/0");
        assertEquals("dir:" + TestPaths.debianRoot(), t.at("/address").asText());
        assertTrue(t.at("/kinds").toString().contains("host"));
        assertTrue(List.of("complete", "partial").contains(t.at("/status").asText()));
        for (String field : List.of("errors", "findings", "retentions")) {
            assertTrue(t.get(field).isArray(), field);
        }
        for (JsonNode f : t.get("findings")) {
            for (String field : List.of("ruleId", "status", "severity", "title", "remediation", "evidence", "tom")) {
                assertTrue(f.has(field), field + " in " + f);
            }
            assertTrue(List.of("pass", "fail", "error", "not-applicable", "waived", "manual").contains(f.get("status").asText()));
            // the org pack's organisational measures: listed for every audited target with their question
            assertEquals(f.get("ruleId").asText().startsWith("org."), f.get("status").asText().equals("manual"), f.toString());
            if (f.get("status").asText().equals("manual")) {
                assertTrue(f.get("reason").asText().endsWith("?"), "the question: " + f);
            }
        }
        for (String field : List.of("pass", "fail", "error", "notApplicable", "waived", "manual")) {
            assertTrue(json.at("/summary").has(field), field);
        }
        assertEquals(8, json.at("/summary/manual").asInt(), "the eight org measures of one target");
    }

    @Test
    void unreachableTargetExitsThreeAndTheOthersAreStillAudited() throws Exception {
        Path out = tmp.resolve("r.json");
        Run r = run("audit", "--format", "json", "--output", out.toString(),
                "dir:" + tmp.resolve("missing"), "dir:" + TestPaths.debianRoot());
        assertEquals(3, r.code(), r.err());
        JsonNode json = JsonRenderer.mapper().readTree(out.toFile());
        assertEquals("unreachable", json.at("/targets/0/status").asText());
        assertEquals("dir", json.at("/targets/0/errors/0/stage").asText());
        assertTrue(List.of("complete", "partial").contains(json.at("/targets/1/status").asText()));
    }

    @Test
    void dryRunListsWhatItWouldTouchWithoutOpeningTheTarget() {
        Run r = run("audit", "--dry-run", "dir:" + tmp.resolve("does-not-exist"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("read /etc/os-release"), r.out());
        assertTrue(r.out().contains("target dir:" + tmp.resolve("does-not-exist")), r.out());
    }

    @Test
    void consoleOutputHasNoColourWhenNotATerminal() {
        Run r = run("audit", "dir:" + TestPaths.debianRoot());
        assertFalse(r.out().contains("\u001b["), r.out());
        assertTrue(r.out().contains("Total: "), r.out());
    }

    @Test
    void anUnwritableOutputIsOneLineBeforeAnythingIsAudited() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        assertUsageError(run("audit", "--format", "json", "--output", file.resolve("r.json").toString(), "dir:" + tmp),
                "cannot write --output " + file.resolve("r.json")
                + ": " + file + " is a file, not a directory");
        assertUsageError(run("audit", "--format", "json,console", "--output", file.toString(), "dir:" + tmp),
                "cannot write --output " + file + ": " + file + " is a file, not a directory");
        assertUsageError(run("audit", "--format", "json", "--output", "/dev/null", "dir:" + tmp),
                "cannot write --output /dev/null: it exists and is not a regular file");
        assertFalse(Files.isRegularFile(Path.of("/dev/null")), "/dev/null must never be replaced by a report");
        try (var files = Files.list(tmp)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".tomaudit-")), "no temporary file left");
        }
    }
}
