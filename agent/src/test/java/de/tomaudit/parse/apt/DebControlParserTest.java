package de.tomaudit.parse.apt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DebControlParserTest {

    @Test
    void realDpkgStatusExcerpt() throws IOException {
        List<DebControlParagraph> ps = DebControlParser.parse("/var/lib/dpkg/status", AptConfParserTest.resource("dpkg-status-excerpt"));
        assertEquals(6, ps.size());
        DebControlParagraph uu = ps.stream().filter(p -> p.get("Package").orElse("").equals("unattended-upgrades")).findFirst().orElseThrow();
        assertEquals("2.9.1+nmu3", uu.get("version").orElseThrow());
        assertEquals("install ok installed", uu.get("Status").orElseThrow());
        assertTrue(uu.get("Conffiles").orElseThrow().contains("/etc/init.d/unattended-upgrades"), "continuation lines are kept");
        assertEquals(uu.line() + 7, uu.lineOf("Version"));
    }

    @Test
    void garbageGivesNoParagraphs() {
        assertEquals(0, DebControlParser.parse("/x", "\u0000\u0001\n no colon here\n").size());
    }
}
