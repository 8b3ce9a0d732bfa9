package de.tomaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log on stderr does not repeat the report (issue 12, point 7): a target that cannot be reached
 * is a cause in the report and on the console, and a log line only with {@code -v}.
 */
class StderrLogTest {
    @TempDir Path tmp;

    private record Run(int code, String out, String log) { }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream realErr = System.err;
        int code;
        try {
            // logback writes to whatever System.err is at the time
            PrintStream both = new PrintStream(err, true, StandardCharsets.UTF_8);
            System.setErr(both);
            code = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8), both);
        } finally {
            System.setErr(realErr);
        }
        // the fuzz tests' Jazzer agent, when it shares this test JVM, announces classes it instruments on
        // System.err ("INFO: Instrumented ..."): not tomaudit's output
        String log = err.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> !l.startsWith("INFO: Instrumented "))
                .map(l -> l + "\n").collect(java.util.stream.Collectors.joining());
        return new Run(code, out.toString(StandardCharsets.UTF_8), log);
    }

    @Test
    void anUnreachableTargetIsInTheReportAndInTheLogOnlyWithVerbose() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort(); // closed again: the connection is refused
        }
        Path inv = Files.writeString(tmp.resolve("i.yaml"), "targets:\n  - address: ssh://audit@127.0.0.1:" + closed + "\n");
        Run quiet = run("audit", "--no-probe", "--inventory", inv.toString());
        assertTrue(quiet.out().contains("unreachable"), quiet.out());
        assertEquals("", quiet.log(), "the report says it; stderr stays empty without -v");
        Run verbose = run("audit", "-v", "--no-probe", "--inventory", inv.toString());
        assertTrue(verbose.log().contains("unreachable"), verbose.log());
    }
}
