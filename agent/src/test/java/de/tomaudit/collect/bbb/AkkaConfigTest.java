package de.tomaudit.collect.bbb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.facts.FactSet;
import de.tomaudit.facts.Secret;
import de.tomaudit.facts.Unavailable;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AkkaConfigTest {

    @Test
    void theOverrideOverTheIncludedDefaultsWithItsLine(@TempDir Path root) throws Exception {
        BbbRoot r = new BbbRoot(root)
                .write("/usr/share/bbb-apps-akka/conf/application.conf", "services {\n  sharedSecret = \"changeme\"\n}\n"
                        + "home = ${?HOME}\n")
                .write(BbbPaths.AKKA, "// BigBlueButton\ninclude \"/usr/share/bbb-apps-akka/conf/application.conf\"\n\n"
                        + "services {\n  bbbWebAPI = \"https://bbb.example.org/bigbluebutton/api\"\n  sharedSecret = \"s3cr3t-value-of-akka\"\n}\n");
        FactSet.Builder b = FactSet.builder();
        AkkaConfig.read(new de.tomaudit.target.DirTarget(root, de.tomaudit.target.Limits.DEFAULT), b);
        FactSet f = b.build();
        assertEquals(Secret.of("s3cr3t-value-of-akka"), f.get("bbb.akka_shared_secret").orElseThrow().value());
        assertEquals(BbbPaths.AKKA + ":6", f.get("bbb.akka_shared_secret").orElseThrow().evidence().get(0).source());
        assertFalse(BbbCollectorTest.everything(f).contains("s3cr3t-value-of-akka"));
    }

    @Test
    void aSyntaxErrorIsAnErrorWithItsLineAndWithoutTheSecret(@TempDir Path root) throws Exception {
        BbbRoot r = new BbbRoot(root).write(BbbPaths.AKKA, "services {\n  sharedSecret = \"leaky-secret\" }}\n");
        FactSet.Builder b = FactSet.builder();
        AkkaConfig.read(new de.tomaudit.target.DirTarget(root, de.tomaudit.target.Limits.DEFAULT), b);
        Unavailable u = b.build().whyMissing("bbb.akka_shared_secret").orElseThrow();
        assertEquals(Unavailable.Kind.ERROR, u.kind());
        assertTrue(u.reason().startsWith(BbbPaths.AKKA + ":2"), u.reason());
        assertFalse(u.reason().contains("leaky-secret"), u.reason());
    }
}
