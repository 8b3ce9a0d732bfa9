package de.tomaudit.parse.sshd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SshdLineSplitterTest {

    @ParameterizedTest
    @ValueSource(strings = {"PasswordAuthentication no", "PasswordAuthentication=no", "PasswordAuthentication = no",
            "  PasswordAuthentication\t=\tno  ", "PasswordAuthentication no # no passwords", "PasswordAuthentication no\r",
            "PasswordAuthentication \"no\""})
    void keywordAndValueInEverySpelling(String line) throws SshdSyntaxException {
        SshdLineSplitter.Split s = SshdLineSplitter.split(line).orElseThrow();
        assertEquals("PasswordAuthentication", s.keyword());
        assertEquals(List.of("no"), s.args());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "# PasswordAuthentication yes", "\t#PermitRootLogin yes"})
    void blankAndCommentLinesHaveNoDirective(String line) throws SshdSyntaxException {
        assertTrue(SshdLineSplitter.split(line).isEmpty());
    }

    @Test
    void quotesGroupWordsAndEscapesAreRemoved() throws SshdSyntaxException {
        assertEquals(List.of("/etc/my banner"), SshdLineSplitter.split("Banner \"/etc/my banner\"").orElseThrow().args());
        assertEquals(List.of("LANG", "LC_*", "it's"), SshdLineSplitter.split("AcceptEnv 'LANG' LC_* it\\'s").orElseThrow().args());
        assertEquals(List.of("a b"), SshdLineSplitter.split("ForceCommand a\\ b").orElseThrow().args());
        assertEquals(List.of("x#y"), SshdLineSplitter.split("Banner x#y").orElseThrow().args());
    }

    @Test
    void unterminatedQuoteIsASyntaxError() {
        assertThrows(SshdSyntaxException.class, () -> SshdLineSplitter.split("Banner \"/etc/issue"));
    }
}
