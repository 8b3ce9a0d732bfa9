package de.tomaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --version} is answered without building the command model: it must print what picocli would. */
class VersionFastPathTest {

    @Test
    void printsExactlyPicocliVersionHelp() {
        StringWriter viaPicocli = new StringWriter();
        new CommandLine(new Main()).printVersionHelp(new PrintWriter(viaPicocli, true), CommandLine.Help.Ansi.OFF);
        for (String flag : new String[] {"--version", "-V"}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int rc = Main.execute(new String[] {flag}, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(ExitCodes.OK, rc);
            assertEquals(viaPicocli.toString(), out.toString(StandardCharsets.UTF_8), flag);
            assertEquals("", err.toString(StandardCharsets.UTF_8));
        }
    }
}
