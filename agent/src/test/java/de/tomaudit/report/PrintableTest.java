package de.tomaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class PrintableTest {

    @Test
    void controlCharactersBecomeVisibleEscapes() {
        assertEquals("/etc/\\e[2Jevil\\n.conf", Printable.escape("/etc/\u001b[2Jevil\n.conf"));
        assertEquals("a\\x7fb\\x9bc\\u202ed", Printable.escape("a\u007fb\u009bc\u202ed"));
        assertEquals("\\x00\\t\\r", Printable.escape("\0\t\r"));
    }

    @Test
    void printableTextIsUnchanged() {
        String s = "Prüfung: /var/log/nginx/*.log \\ ok — 7 Tage";
        assertSame(s, Printable.escape(s));
    }

    /** Whatever goes in, nothing unsafe comes out. */
    @Test
    void noUnsafeCharacterSurvives() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x3000; c++) {
            all.append(c);
        }
        String out = Printable.escape(all.toString());
        for (int i = 0; i < out.length(); i++) {
            assertFalse(Printable.unsafe(out.charAt(i)), "at " + i);
        }
    }
}
