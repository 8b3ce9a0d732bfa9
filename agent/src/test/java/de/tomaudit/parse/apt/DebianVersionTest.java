package de.tomaudit.parse.apt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DebianVersionTest {

    @Test
    void dpkgOrdering() {
        assertTrue(DebianVersion.compare("3.0.22-1~deb12u2", "3.0.19-1~deb12u2") > 0);
        assertTrue(DebianVersion.compare("1.0~rc1", "1.0") < 0, "tilde sorts before the end");
        assertTrue(DebianVersion.compare("1:0.9", "2.0") > 0, "epoch first");
        assertTrue(DebianVersion.compare("1.10.1-3+deb12u1", "1.10.1-3") > 0);
        assertTrue(DebianVersion.compare("1.0a", "1.0+") < 0, "letters before other characters");
        assertTrue(DebianVersion.compare("5.2.15-2+b13", "5.2.15-2+b8") > 0, "digit runs compare numerically");
        assertEquals(0, DebianVersion.compare("1.01", "1.1"));
    }

    @Test
    void kernelReleases() {
        List<String> sorted = Stream.of("6.1.0-21-amd64", "6.1.0-9-amd64", "6.1.0-18-amd64")
                .sorted(DebianVersion.ORDER).toList();
        assertEquals(List.of("6.1.0-9-amd64", "6.1.0-18-amd64", "6.1.0-21-amd64"), sorted);
    }
}
