package de.tomaudit.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.tomaudit.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole CLI over every hostile input ({@link HostileCorpus}): it finishes (the bench
 * scripts/bench/hostile measures how fast), exits 0-3 without a stack trace, prints the canary
 * nowhere (stdout, stderr, the debug log, written reports), keeps JSON valid and control characters
 * escaped, and says {@code partial} (exit 3) where it met garbage, or refuses an unusable file of
 * its own with exit 2 and one line.
 */
class HostileCorpusTest {
    @TempDir Path work;

    record Run(int code, String out, String err, String log, List<String> written) { }

    static Run run(List<String> args, Path outputDir) throws Exception {
        List<String> all = new ArrayList<>(args);
        boolean json = all.stream().anyMatch(a -> a.startsWith("--format") && a.contains("json"));
        if (json) {
            all.add("--output=" + outputDir);
        }
        if (all.get(0).equals("audit")) {
            all.add(1, "-vv");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream realErr = System.err;
        int code;
        try {
            // logback writes to whatever System.err is at the time: the debug log is searched too
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            code = Main.execute(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
        } finally {
            System.setErr(realErr);
        }
        List<String> written = new ArrayList<>();
        if (json && Files.isDirectory(outputDir)) {
            try (Stream<Path> files = Files.list(outputDir)) {
                for (Path f : files.toList()) {
                    written.add(Files.readString(f));
                }
            }
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                log.toString(StandardCharsets.UTF_8), written);
    }

    @TestFactory
    Stream<DynamicTest> everyHostileInputEndsCleanly() throws Exception {
        return HostileCorpus.cases(work.resolve("in"), 1).stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Run r = run(c.args(), work.resolve("out-" + c.name()));
            String all = r.out() + r.err() + r.log() + String.join("", r.written());
            assertTrue(r.code() >= 0 && r.code() <= 3, "exit " + r.code() + ": " + r.err());
            assertFalse(all.contains("\tat ") || all.contains("Exception in thread"), "no stack trace:\n" + all);
            assertFalse(all.contains("internal error"), "no internal error:\n" + r.err() + r.log());
            assertFalse(all.contains(HostileCorpus.CANARY), "the canary leaked:\n" + all);
            assertFalse((r.out() + r.err()).contains("\u001b"), "a raw escape character reached the console");
            for (String doc : r.written()) {
                if (doc.startsWith("{")) {
                    new ObjectMapper().readTree(doc);
                }
            }
            switch (c.expect()) {
                case PARTIAL -> assertEquals(3, r.code(), "garbage makes the target partial:\n" + r.out() + r.err());
                case REFUSED -> {
                    assertEquals(2, r.code(), r.out() + r.err());
                    assertTrue(r.err().startsWith("tomaudit: ") && r.err().strip().lines().count() <= 2, r.err());
                }
                case ANY_STATUS -> { }
            }
        }));
    }
}
