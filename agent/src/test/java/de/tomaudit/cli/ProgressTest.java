package de.tomaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.result.TargetError;
import de.tomaudit.result.TargetResult;
import de.tomaudit.result.TargetStatus;
import de.tomaudit.testsupport.TestPaths;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressTest {
    @TempDir Path tmp;

    @Test
    void theLineSaysDoneOfTotalFailedSoFarAndTimeLeft() {
        assertEquals("tomaudit: 0/100 targets done, 0 failed, time left not known yet",
                ProgressLine.format(0, 100, 0, Duration.ofSeconds(3)));
        assertEquals("tomaudit: 25/100 targets done, 2 failed, about 30 s left",
                ProgressLine.format(25, 100, 2, Duration.ofSeconds(10)));
        assertEquals("tomaudit: 10/100 targets done, 0 failed, about 3 min 00 s left",
                ProgressLine.format(10, 100, 0, Duration.ofSeconds(20)));
        assertEquals("tomaudit: 1/500 targets done, 1 failed, about 2 h 04 min left",
                ProgressLine.format(1, 500, 1, Duration.ofSeconds(15)));
        assertEquals("tomaudit: 100/100 targets done, 3 failed, finished in 1 min 05 s",
                ProgressLine.format(100, 100, 3, Duration.ofSeconds(65)));
    }

    @Test
    void onATerminalTheLineIsRedrawnInPlaceAndClearedAtTheEnd() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        TerminalProgress p = new TerminalProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), now::get);
        p.started(3);
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        p.finished(result(TargetStatus.COMPLETE));
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        p.finished(result(TargetStatus.UNREACHABLE));
        assertEquals("tomaudit: 2/3 targets done, 1 failed, about 4 s left", p.line());
        p.finished(result(TargetStatus.PARTIAL));
        p.ended();
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals("\r\033[Ktomaudit: 0/3 targets done, 0 failed, time left not known yet"
                + "\r\033[Ktomaudit: 1/3 targets done, 0 failed, about 8 s left"
                + "\r\033[Ktomaudit: 2/3 targets done, 1 failed, about 4 s left"
                + "\r\033[Ktomaudit: 3/3 targets done, 2 failed, finished in 8 s"
                + "\r\033[K", out);
        assertFalse(out.contains("\n"), "one line, redrawn; nothing left behind");
    }

    /** Under cron stderr is a file or a pipe: a fleet run writes no progress there. */
    @Test
    void withoutATerminalAFleetRunWritesNoProgress() throws Exception {
        String fixture = TestPaths.debianRoot().toString();
        Path inv = Files.writeString(tmp.resolve("fleet.yaml"), "targets:\n"
                + "  - {name: a, address: \"dir:" + fixture + "\", kinds: [host]}\n"
                + "  - {name: b, address: \"dir:" + fixture + "/etc\", kinds: [host]}\n"
                + "  - {name: c, address: \"dir:" + tmp.resolve("gone") + "\"}\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(new String[] {"audit", "--inventory", inv.toString(), "--format", "json"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(3, code);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"name\" : \"c\""));
        assertEquals("", err.toString(StandardCharsets.UTF_8), "nothing on stderr besides warnings, and there are none");
        assertFalse(Terminal.stderrIsTerminal(new PrintStream(err)), "a stream that is not the process's stderr is no terminal");
    }

    private static TargetResult result(TargetStatus status) {
        return new TargetResult("t", "dir:/", List.of("host"), status,
                status == TargetStatus.COMPLETE ? List.of() : List.of(new TargetError("x", "y")), List.of(), List.of());
    }
}
