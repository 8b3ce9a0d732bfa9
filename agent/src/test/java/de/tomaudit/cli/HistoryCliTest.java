package de.tomaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import de.tomaudit.report.JsonRenderer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run history from the command line: audits stored and listed, shown in the JSON result's shape,
 * diffed; --fail-on-regression; bad run names; an unusable database (the report is still written,
 * marked unrecorded, exit 4); --no-history stores nothing.
 */
class HistoryCliTest {
    @TempDir Path tmp;
    private Path root;
    private Path rules;
    private String history;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createDirectories(tmp.resolve("web1/etc/ssh")).getParent().getParent();
        rules = Files.createDirectories(tmp.resolve("rules"));
        // a low rule of its own, so a regression is below --fail-on critical and only --fail-on-regression exits 1
        Files.writeString(rules.resolve("low.yaml"), """
                id: host.test-root-login-off
                severity: low
                title: {en: root login off, de: root-Login aus}
                remediation: {en: turn it off, de: ausschalten}
                tom: {gdpr: [art32-1b], sdm: [vertraulichkeit], kontrolle: [zugangskontrolle]}
                refs: ["test"]
                when: sshd.installed
                notApplicable: {en: no sshd, de: kein sshd}
                condition: "sshd.permitrootlogin == 'no'"
                evidence: [sshd.permitrootlogin]
                """);
        history = "jdbc:h2:file:" + tmp.resolve("history/h");
    }

    private CliTest.Run audit(String rootLogin, String... extra) throws Exception {
        Files.writeString(root.resolve("etc/ssh/sshd_config"), "PermitRootLogin " + rootLogin + "\n");
        List<String> args = new ArrayList<>(List.of("audit", "dir:" + root, "--kind", "host", "--rules", rules.toString(),
                "--fail-on", "critical", "--history", history));
        args.addAll(List.of(extra));
        return CliTest.run(args.toArray(String[]::new));
    }

    @Test
    void regressionsExitOneOnlyWithTheFlagAndTheDiffNamesThem() throws Exception {
        assertEquals(0, audit("no").code());
        CliTest.Run regressed = audit("prohibit-password");
        assertEquals(0, regressed.code(), "without --fail-on-regression a low failure is below --fail-on: " + regressed.err());
        assertEquals(0, audit("no").code());
        CliTest.Run flagged = audit("prohibit-password", "--fail-on-regression");
        assertEquals(1, flagged.code(), flagged.err());
        assertTrue(flagged.err().contains("regression: web1: host.test-root-login-off passed in run 3 and fails now"), flagged.err());

        CliTest.Run list = CliTest.run("history", "list", "--history", history);
        assertEquals(0, list.code(), list.err());
        assertEquals(5, list.out().lines().count(), list.out());

        CliTest.Run diff = CliTest.run("history", "diff", "--history", history);
        assertTrue(diff.out().contains("regressed low      host.test-root-login-off  pass -> fail  root login off"), diff.out());
        JsonNode json = JsonRenderer.mapper().readTree(CliTest.run("history", "diff", "--history", history, "--format", "json").out());
        assertEquals("host.test-root-login-off", json.at("/targets/0/regressed/0/ruleId").asText());
        assertEquals("run 3", json.at("/targets/0/before").asText());
        JsonNode between = JsonRenderer.mapper().readTree(CliTest.run("history", "diff", "1", "2", "--history", history,
                "--format", "json").out());
        assertEquals("host.test-root-login-off", between.at("/targets/0/regressed/0/ruleId").asText());
        JsonNode back = JsonRenderer.mapper().readTree(CliTest.run("history", "diff", "2", "3", "--history", history,
                "--format", "json").out());
        assertEquals("host.test-root-login-off", back.at("/targets/0/fixed/0/ruleId").asText());
    }

    @Test
    void showPrintsTheStoredRunAsTheJsonReportHadIt() throws Exception {
        Path report = tmp.resolve("report.json");
        assertEquals(0, audit("no", "--format", "json", "--output", report.toString()).code());
        CliTest.Run show = CliTest.run("history", "show", "1", "--history", history, "--format", "json");
        assertEquals(0, show.code(), show.err());
        assertEquals(Files.readString(report), show.out());
        CliTest.Run console = CliTest.run("history", "show", "1", "--history", history);
        assertTrue(console.out().startsWith("web1  dir:" + root), console.out());
        assertTrue(console.out().contains("Total:") || console.out().contains("Gesamt:"), console.out());
    }

    @Test
    void unknownRunsAndRoundsAreExitTwo() throws Exception {
        assertEquals(0, audit("no").code());
        for (String[] args : List.of(new String[] {"show", "7"}, new String[] {"show", "nightly-x"},
                new String[] {"diff", "1", "nightly-x"}, new String[] {"diff", "1"})) {
            List<String> a = new ArrayList<>(List.of("history"));
            a.addAll(List.of(args));
            a.addAll(List.of("--history", history));
            CliTest.Run r = CliTest.run(a.toArray(String[]::new));
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().startsWith("tomaudit: history"), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
        }
        CliTest.Run wrongFormat = CliTest.run("history", "list", "--history", history, "--format", "html");
        assertEquals(2, wrongFormat.code());
    }

    /** history prune: a rule is required, at least 1; the newest run stays; JSON says what went. */
    @Test
    void pruneKeepsWhatItIsToldAndNeedsARule() throws Exception {
        assertEquals(0, audit("no").code());
        assertEquals(0, audit("no").code());
        assertEquals(0, audit("no").code());
        for (String[] args : List.of(new String[0], new String[] {"--keep-days", "0"}, new String[] {"--keep-runs", "0"},
                new String[] {"--keep-days", "-3", "--keep-runs", "2"})) {
            List<String> a = new ArrayList<>(List.of("history", "prune", "--history", history));
            a.addAll(List.of(args));
            CliTest.Run r = CliTest.run(a.toArray(String[]::new));
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
        }
        CliTest.Run dry = CliTest.run("history", "prune", "--history", history, "--keep-runs", "1", "--dry-run");
        assertEquals(0, dry.code(), dry.err());
        assertTrue(dry.out().startsWith("Would remove 2 runs"), dry.out());
        CliTest.Run json = CliTest.run("history", "prune", "--history", history, "--keep-runs", "1", "--format", "json");
        assertEquals(0, json.code(), json.err());
        var pruned = de.tomaudit.report.JsonRenderer.mapper().readTree(json.out());
        assertEquals(2, pruned.get("runs").asInt(), json.out());
        assertEquals(1, pruned.get("keptRuns").asInt(), json.out());
        CliTest.Run list = CliTest.run("history", "list", "--history", history, "--format", "json");
        var runs = de.tomaudit.report.JsonRenderer.mapper().readTree(list.out()).get("runs");
        assertEquals(1, runs.size(), list.out());
        assertEquals(3, runs.get(0).get("id").asInt(), "the newest run stays");
        CliTest.Run recent = CliTest.run("history", "prune", "--history", history, "--keep-days", "7");
        assertEquals(0, recent.code(), recent.err());
        assertTrue(recent.out().startsWith("Removed 0 runs"), "a run of today is within 7 days: " + recent.out());
    }

    @Test
    void anUnreachableHistoryStillWritesTheReportMarkedUnrecordedAndExitsFour() throws Exception {
        history = "jdbc:postgresql://127.0.0.1:1/history?user=tomaudit";
        Path report = tmp.resolve("report.json");
        CliTest.Run r = audit("no", "--format", "json", "--output", report.toString());
        assertEquals(4, r.code(), r.err());
        assertEquals(1, r.err().lines().filter(l -> l.startsWith("tomaudit: warning: history database")).count(), r.err());
        assertTrue(r.err().contains("cannot be reached"), r.err());
        JsonNode json = JsonRenderer.mapper().readTree(report.toFile());
        assertFalse(json.at("/history/recorded").asBoolean(true));
        assertTrue(json.at("/history/message").asText().contains("cannot be reached"));
        assertEquals("web1", json.at("/targets/0/name").asText());
        // the report rendered while the history was tried (unmarked) was thrown away, not left beside it
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith(".tomaudit-")).toList());
        }
        // an incomplete target's 3 comes first
        CliTest.Run console = audit("no", "--lang", "en");
        assertTrue(console.out().contains("Not recorded in the run history"), console.out());
        // history commands on it are one line, exit 2
        CliTest.Run list = CliTest.run("history", "list", "--history", history);
        assertEquals(2, list.code());
        assertEquals(1, list.err().lines().count(), list.err());
    }

    @Test
    void aNewerSchemaIsOneLineAndTheAuditStillReports() throws Exception {
        assertEquals(0, audit("no").code());
        try (var c = java.sql.DriverManager.getConnection(history + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "tomaudit", "");
             var s = c.createStatement()) {
            s.execute("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\", \"type\","
                    + " \"script\", \"installed_by\", \"execution_time\", \"success\") VALUES (99, '99', 'future', 'SQL',"
                    + " 'V99__future.sql', 'tomaudit', 1, TRUE)");
        }
        CliTest.Run r = audit("no");
        assertEquals(4, r.code(), r.err());
        assertTrue(r.err().contains("schema version 99, newer than this tomaudit knows (1)"), r.err());
        assertTrue(r.out().contains("web1"), r.out());
    }

    @Test
    void usageErrors() {
        for (String[] args : List.of(new String[] {"--history", "jdbc:postgresql://127.0.0.1/h?password=x"},
                new String[] {"--history", "jdbc:h2:file:/tmp/x", "--no-history"},
                new String[] {"--no-history", "--fail-on-regression"},
                new String[] {"--round", "9lives", "--history", "jdbc:postgresql://127.0.0.1/h"},
                new String[] {"--round", "nightly"})) {
            List<String> a = new ArrayList<>(List.of("audit", "dir:" + root, "--kind", "host"));
            a.addAll(List.of(args));
            CliTest.Run r = CliTest.run(a.toArray(String[]::new));
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
        }
    }

    /** --no-history stores nothing, and the default is the embedded database under XDG_DATA_HOME (a separate process). */
    @Test
    void noHistoryStoresNothingAndTheDefaultIsUnderXdgDataHome() throws Exception {
        Files.writeString(root.resolve("etc/ssh/sshd_config"), "PermitRootLogin no\n");
        Path xdg = tmp.resolve("xdg");
        assertEquals(0, process(xdg, "audit", "dir:" + root, "--kind", "host", "--no-history", "--fail-on", "critical"));
        assertFalse(Files.exists(xdg.resolve("tomaudit")), "--no-history made " + xdg.resolve("tomaudit"));
        assertEquals(0, process(xdg, "audit", "dir:" + root, "--kind", "host", "--fail-on", "critical"));
        assertTrue(Files.isRegularFile(xdg.resolve("tomaudit/history.mv.db")));
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(xdg.resolve("tomaudit"))));
        CliTest.Run list = CliTest.run("history", "list", "--history", "jdbc:h2:file:" + xdg.resolve("tomaudit/history"));
        assertEquals(2, list.out().lines().count(), list.out());
    }

    static int process(Path xdg, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true);
        pb.environment().put("XDG_DATA_HOME", xdg.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
        return p.exitValue();
    }

    /** The reports are rendered while the history stores the run: what reaches the file and stdout is the stored run's. */
    @Test
    void aStoredRunsReportsAreTheOnesRenderedBesideTheHistoryWrite() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("out"));
        CliTest.Run files = audit("no", "--format", "json,md", "--output", dir.toString(), "--lang", "en");
        assertEquals(0, files.code(), files.err());
        JsonNode json = JsonRenderer.mapper().readTree(dir.resolve("tomaudit-report.json").toFile());
        assertTrue(json.at("/history").isMissingNode(), "a stored run carries no unrecorded mark: " + json.at("/history"));
        assertTrue(Files.readString(dir.resolve("tomaudit-report.md")).contains("web1"));
        try (var left = Files.list(dir)) {
            assertEquals(List.of("tomaudit-report.json", "tomaudit-report.md"),
                    left.map(f -> f.getFileName().toString()).sorted().toList(), "no staged file left behind");
        }
        CliTest.Run shown = audit("no", "--format", "json");
        assertEquals(0, shown.code(), shown.err());
        JsonNode out = JsonRenderer.mapper().readTree(shown.out());
        assertTrue(out.at("/history").isMissingNode(), out.at("/history").toString());
        assertEquals("web1", out.at("/targets/0/name").asText());
        assertTrue(shown.out().contains("\"host.test-root-login-off\""), "the whole report reached stdout");
    }
}
