package de.tomaudit.parse.apt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AptSimulationParserTest {

    @Test
    void realOutputOfThisMachine() throws IOException {
        AptSimulation s = AptSimulationParser.parse("cmd", AptConfParserTest.resource("apt-get-s-dist-upgrade-real.txt"));
        assertEquals(List.of(), s.problems());
        assertEquals(136, s.updates().size());
        assertEquals(81, s.security().size());
        PendingUpdate gcrypt = s.updates().get(2);
        assertEquals("libgcrypt20-dev", gcrypt.pkg());
        assertEquals(Optional.of("1.10.1-3"), gcrypt.current());
        assertEquals("1.10.1-3+deb12u1", gcrypt.candidate());
        assertEquals(List.of("Debian:12.15/oldstable", "Debian-Security:12/oldstable-security"), gcrypt.origins());
        assertTrue(gcrypt.security());
        assertFalse(s.updates().get(0).security(), "base-files comes from the point release only");
    }

    @Test
    void newPackagesHaveNoCurrentVersion() throws IOException {
        AptSimulation s = AptSimulationParser.parse("cmd", AptConfParserTest.resource("apt-get-s-new-kernel.crafted.txt"));
        assertEquals(2, s.security().size());
        assertEquals(Optional.empty(), s.updates().get(1).current());
        assertEquals(6, s.updates().get(1).line());
    }

    @Test
    void nothingPendingAndGarbage() throws IOException {
        assertEquals(0, AptSimulationParser.parse("c", AptConfParserTest.resource("apt-get-s-up-to-date.crafted.txt")).updates().size());
        assertTrue(AptSimulationParser.parse("c", AptConfParserTest.resource("apt-get-s-up-to-date.crafted.txt")).problems().isEmpty());
        assertFalse(AptSimulationParser.parse("c", "Segmentation fault\n").problems().isEmpty());
        assertFalse(AptSimulationParser.parse("c", "E: Could not open lock file /var/lib/dpkg/lock-frontend\n").problems().isEmpty());
        assertFalse(AptSimulationParser.parse("c", "Inst broken line\n").problems().isEmpty());
    }
}
