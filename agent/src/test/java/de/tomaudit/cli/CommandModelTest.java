package de.tomaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command model is built only for the command named, and that changes nothing a user sees. */
class CommandModelTest {

    @Test
    void aNamedCommandBuildsOnlyItsOwnModelEverythingElseBuildsAll() {
        assertEquals(Set.of("rules"), Main.commandLine(new String[] {"rules", "list"}).getSubcommands().keySet());
        assertEquals(Set.of("audit"), Main.commandLine(new String[] {"audit", "--no-probe"}).getSubcommands().keySet());
        for (String[] args : List.of(new String[0], new String[] {"--help"}, new String[] {"help", "audit"},
                new String[] {"audti"})) {
            assertEquals(Set.of("audit", "rules", "report", "history", "help"),
                    Main.commandLine(args).getSubcommands().keySet(), String.join(" ", args));
        }
    }

    @Test
    void eachCommandsHelpIsTheSameAsFromTheWholeModel() {
        CommandLine whole = Main.commandLine(new String[0]);
        for (String command : List.of("audit", "rules", "report", "history")) {
            String expected = whole.getSubcommands().get(command).getUsageMessage(CommandLine.Help.Ansi.OFF);
            String shown = run(command, "--help");
            assertEquals(expected, shown, command);
        }
    }

    @Test
    void aMistypedCommandIsStillAUsageErrorThatSuggestsTheRightOne() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = Main.execute(new String[] {"audti"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(ExitCodes.USAGE, rc);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("audit"), err.toString(StandardCharsets.UTF_8));
    }

    private static String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        return out.toString(StandardCharsets.UTF_8);
    }
}
