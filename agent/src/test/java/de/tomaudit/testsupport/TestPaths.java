package de.tomaudit.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository, the shared fixtures and the running test bed are. */
public final class TestPaths {

    private TestPaths() { }

    /** The repository root (the folder with pom.xml, rules/, scripts/). */
    public static Path repo() {
        return Path.of(System.getProperty("tomaudit.repo", "..")).toAbsolutePath().normalize();
    }

    /** {@code shared/fixtures/<sub>}: real upstream files, used as they are. */
    public static Path fixture(String sub) {
        Path p = Path.of(System.getProperty("tomaudit.shared", "../../shared")).toAbsolutePath().normalize()
                .resolve("fixtures").resolve(sub);
        if (!Files.exists(p)) {
            throw new IllegalStateException("fixture missing: " + p);
        }
        return p;
    }

    /**
     * {@code shared/fixtures/<sub>} for files no Debian package ships (Mastodon, BigBlueButton):
     * present beside the project's own checkout, absent on a user's clone. When it is absent the
     * calling test is skipped (a JUnit assumption, so the skip is counted and its reason printed),
     * never silently passed.
     */
    public static Path sharedFixture(String sub) {
        Path p = Path.of(System.getProperty("tomaudit.shared", "../../shared")).toAbsolutePath().normalize()
                .resolve("fixtures").resolve(sub);
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(p),
                "shared fixtures not beside this clone (" + p + "): upstream files no package ships");
        return p;
    }

    /** The work dir of {@code scripts/testbed} (configs, keys, logs of the loopback servers). */
    public static Path testbed() {
        return Path.of(System.getProperty("tomaudit.testbed", "../.testbed")).toAbsolutePath().normalize();
    }

    /** A path inside the test bed that must exist, with a clear message when the bed is not running. */
    public static Path testbed(String sub) {
        Path p = testbed().resolve(sub);
        if (!Files.exists(p)) {
            throw new IllegalStateException(p + " is missing: start the test bed with scripts/testbed start");
        }
        return p;
    }
}
