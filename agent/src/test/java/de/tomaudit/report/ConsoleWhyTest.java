package de.tomaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Only the console shortens a why-line, and then after a whole item or word, never inside one. */
class ConsoleWhyTest {

    @Test
    void aLongWhyIsCutAfterAWholeItemOnlyOnTheConsoleAndWholeWithVerbose() {
        StringBuilder why = new StringBuilder("sshd offers ");
        for (int i = 0; i < 40; i++) {
            why.append(i == 0 ? "" : ", ").append("diffie-hellman-group").append(i).append("-sha1 (SHA-1)");
        }
        String full = why.toString();
        String shown = ConsoleRenderer.shortWhy(full, new RenderOptions("en", false, "high", 80, false));
        assertTrue(shown.length() <= ConsoleRenderer.WHY_CHARS + 2, shown);
        assertTrue(shown.endsWith("(SHA-1) …"), "cut after a whole item: " + shown);
        assertTrue(full.startsWith(shown.substring(0, shown.length() - 2)), shown);
        assertEquals(full, ConsoleRenderer.shortWhy(full, new RenderOptions("en", false, "high", 80, true)));
        assertEquals("short", ConsoleRenderer.shortWhy("short", new RenderOptions("en", false, "high", 80, false)));
    }
}
