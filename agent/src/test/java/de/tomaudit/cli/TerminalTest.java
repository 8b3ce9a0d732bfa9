package de.tomaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The console width: the terminal's (COLUMNS, else stty), 80 under cron or in a pipe, always 40 to 400. */
class TerminalTest {

    @Test
    void aTerminalWithoutCOLUMNSIsAskedThroughStty() {
        assertEquals(132, Terminal.width(null, true, () -> OptionalInt.of(132)));
        assertEquals(100, Terminal.width("100", true, () -> OptionalInt.of(132)), "an exported COLUMNS wins");
        assertEquals(80, Terminal.width(null, true, OptionalInt::empty), "stty failed: 80");
        assertEquals(40, Terminal.width(null, true, () -> OptionalInt.of(20)));
        assertEquals(400, Terminal.width("5000", true, OptionalInt::empty));
    }

    @Test
    void cronOrAPipeIs80UnlessCOLUMNSSaysOtherwiseAndNeverAsksTheTerminal() {
        AtomicBoolean asked = new AtomicBoolean();
        assertEquals(80, Terminal.width(null, false, () -> {
            asked.set(true);
            return OptionalInt.of(200);
        }));
        assertFalse(asked.get(), "no terminal to ask under cron");
        assertEquals(120, Terminal.width("120", false, OptionalInt::empty));
        assertEquals(80, Terminal.width("wide", false, OptionalInt::empty));
    }
}
