package de.tomaudit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.cli.Main;
import de.tomaudit.testsupport.TestPaths;
import de.tomaudit.waiver.Waiver;
import de.tomaudit.waiver.WaiverFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples an admin copies must keep working with the command line they show. */
class ExamplesTest {
    @TempDir Path tmp;

    private static int run(List<String> args, StringBuilder err) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.execute(args.toArray(String[]::new), new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        err.append(e.toString(StandardCharsets.UTF_8));
        return code;
    }

    @Test
    void theCronEntryUsesOptionsThisVersionAccepts() throws Exception {
        String cron = Files.readString(TestPaths.repo().resolve("examples/cron/tomaudit.cron"));
        Matcher m = Pattern.compile("(?m)^[^#].*examples/cron/tomaudit-nightly (.*)$").matcher(cron);
        assertTrue(m.find(), "no tomaudit-nightly call in the cron example");
        // the wrapper runs `tomaudit audit --format json,console --output DIR ARGS`
        List<String> args = new ArrayList<>(List.of("audit", "--format", "json,console", "--output", tmp.toString()));
        args.addAll(List.of(m.group(1).trim().split("\\s+")));
        args.add("--dry-run");
        StringBuilder err = new StringBuilder();
        assertEquals(0, run(args, err), "cron example: " + m.group(1) + " -> " + err);
    }

    /**
     * The nightly wrapper for real, twice: the reports and the diff land in the dated directory, the
     * diff is mailed through the sendmail it finds, and tomaudit's exit code is passed on (1 for the
     * regression of the second night with --fail-on-regression).
     */
    @Test
    void theNightlyWrapperWritesAndMailsTheDiffAndPassesTheExitCodeOn() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("web1/etc/ssh")).getParent().getParent();
        Path launcher = tmp.resolve("tomaudit");
        Files.writeString(launcher, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' -cp '"
                + System.getProperty("java.class.path") + "' " + Main.class.getName() + " \"$@\"\n");
        Path mail = tmp.resolve("mail.txt");
        Path sendmail = tmp.resolve("sendmail");
        Files.writeString(sendmail, "#!/bin/sh\necho \"argv: $*\" > '" + mail + "'\ncat >> '" + mail + "'\n");
        for (Path p : List.of(launcher, sendmail)) {
            p.toFile().setExecutable(true);
        }
        Path reports = tmp.resolve("reports");
        int[] codes = new int[2];
        String[] rootLogin = {"no", "yes"};
        for (int night = 0; night < 2; night++) {
            Files.writeString(root.resolve("etc/ssh/sshd_config"), "PermitRootLogin " + rootLogin[night] + "\n");
            ProcessBuilder pb = new ProcessBuilder(TestPaths.repo().resolve("examples/cron/tomaudit-nightly").toString(),
                    "dir:" + root, "--kind", "host", "--fail-on", "critical", "--fail-on-regression")
                    .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().put("TOMAUDIT", launcher.toString());
            pb.environment().put("TOMAUDIT_REPORTS", reports.toString());
            pb.environment().put("TOMAUDIT_HISTORY", "jdbc:h2:file:" + tmp.resolve("history/h"));
            pb.environment().put("TOMAUDIT_MAILTO", "audit@example.org");
            pb.environment().put("SENDMAIL", sendmail.toString());
            pb.environment().put("TOMAUDIT_KEEP_RUNS", "1");
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(180, java.util.concurrent.TimeUnit.SECONDS), out);
            codes[night] = p.exitValue();
            assertEquals("", out, "the wrapper prints nothing (cron would mail it)");
        }
        assertEquals(0, codes[0]);
        assertEquals(1, codes[1], "PermitRootLogin yes is a regression (and critical)");
        Path dir;
        try (var days = Files.list(reports)) {
            dir = days.findFirst().orElseThrow();
        }
        assertTrue(Files.size(dir.resolve("tomaudit-report.json")) > 0);
        assertTrue(Files.size(dir.resolve("tomaudit-report.txt")) > 0);
        String diff = Files.readString(dir.resolve("diff.txt"));
        assertTrue(diff.contains("regressed") && diff.contains("host.ssh-root-login"), diff);
        String mailed = Files.readString(mail);
        assertTrue(mailed.startsWith("argv: -t -oi\nTo: audit@example.org\nSubject: tomaudit on "), mailed);
        assertTrue(mailed.contains("exit 1") && mailed.contains(diff), mailed);
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        // TOMAUDIT_KEEP_RUNS=1: after the diff of the two nights, the history keeps the newest run only
        Process list = new ProcessBuilder(launcher.toString(), "history", "list", "--format", "json",
                "--history", "jdbc:h2:file:" + tmp.resolve("history/h")).redirectErrorStream(false).start();
        String runs = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(list.waitFor(120, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(1, de.tomaudit.report.JsonRenderer.mapper().readTree(runs).get("runs").size(), runs);
        assertTrue(Files.readString(dir.resolve("tomaudit.log")).contains("Removed 1 run"),
                Files.readString(dir.resolve("tomaudit.log")));
    }

    @Test
    void examplesPointOnlyAtFilesInTheRepository() throws Exception {
        List<String> outside = new ArrayList<>();
        try (var files = Files.walk(TestPaths.repo().resolve("examples"))) {
            for (java.nio.file.Path p : files.filter(Files::isRegularFile).toList()) {
                List<String> lines = Files.readAllLines(p);
                for (int i = 0; i < lines.size(); i++) {
                    // a user's clone has no ../shared, and nothing else above the repository either
                    if (lines.get(i).matches(".*(\\.\\./|\\bshared/(seeds|fixtures|docs|tools)).*")) {
                        outside.add(TestPaths.repo().relativize(p) + ":" + (i + 1) + ": " + lines.get(i).trim());
                    }
                }
            }
        }
        assertEquals(List.of(), outside);
    }

    @Test
    void theExampleWaiversLoad() throws Exception {
        List<Waiver> waivers = WaiverFile.load(TestPaths.repo().resolve("examples/waivers.yaml"));
        assertEquals(2, waivers.size());
        assertFalse(waivers.get(0).justification().isBlank());
        assertTrue(waivers.get(0).matches("host.ssh-weak-algorithms", "chat.example.org", "ssh://audit@chat.example.org"));
        assertTrue(waivers.get(1).matches("host.disk-encryption", "anything", "local"));
    }
}
