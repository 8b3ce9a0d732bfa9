package de.tomaudit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import de.tomaudit.testsupport.CannedTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A product whose marker may not be looked at (an SSH login without sudo, /etc/ejabberd at 0750) is
 * audited and says what it could not read; its rules do not silently stop applying.
 */
class KindDetectorTest {
    @TempDir Path root;

    @Test
    void aMarkerThatMayNotBeSearchedCountsAsFound() {
        assertEquals(Set.of("host", "ejabberd"), KindDetector.detect(new CannedTarget(root).deny("/etc/ejabberd/ejabberd.yml")));
    }

    @Test
    void anAbsentMarkerIsNotAProduct() throws Exception {
        assertEquals(Set.of("host"), KindDetector.detect(new CannedTarget(root)));
        Files.createDirectories(root.resolve("etc/prosody"));
        Files.writeString(root.resolve("etc/prosody/prosody.cfg.lua"), "admins = { }\n");
        assertEquals(Set.of("host", "prosody"), KindDetector.detect(new CannedTarget(root)));
    }
}
