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
        Matcher m = Pattern.compile("scripts/tomaudit (audit [^>\\n]*?)\\s*>").matcher(cron);
        assertTrue(m.find(), "no tomaudit call in the cron example");
        List<String> args = new ArrayList<>();
        for (String word : m.group(1).trim().split("\\s+")) {
            args.add(word.replace("\"$dir\"", tmp.toString()));
        }
        args.add("--dry-run");
        StringBuilder err = new StringBuilder();
        assertEquals(0, run(args, err), "cron example: " + m.group(1) + " -> " + err);
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
