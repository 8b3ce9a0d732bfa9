package de.tomaudit.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository, the files of Debian's packages, the shared fixtures and the running test bed are. */
public final class TestPaths {

    private TestPaths() { }

    /** The repository root (the folder with pom.xml, rules/, scripts/). */
    public static Path repo() {
        return Path.of(System.getProperty("tomaudit.repo", "..")).toAbsolutePath().normalize();
    }

    /**
     * Where {@code scripts/debian-files} puts the files Debian's packages ship (scripts/test runs it
     * before Maven): {@code agent/target/debian-files}.
     */
    public static Path debianFiles() {
        return Path.of(System.getProperty("tomaudit.debianFiles", "target/debian-files")).toAbsolutePath().normalize();
    }

    /**
     * A Debian 12 host's {@code /etc} as the packages (OpenSSH, nginx, Prosody, ejabberd, PostgreSQL
     * 15, systemd) and their install scripts leave it, taken from the packages at test time, usable
     * as a {@code dir:} root. When it could not be had (no mirror, no cached or installed package)
     * the calling test is skipped with the reason, never failed or silently passed.
     */
    public static Path debianRoot() {
        Path root = debianFiles().resolve("root");
        assumeTrue(Files.exists(root.resolve(".complete")), () -> "Debian package files missing: " + whyMissing(null));
        return root;
    }

    /** A file as the Debian package ships it, e.g. {@code debianFile("ejabberd", "usr/share/ejabberd/ejabberd.yml.example")}. */
    public static Path debianFile(String pkg, String path) {
        Path p = debianFiles().resolve("pkg").resolve(pkg).resolve(path);
        assumeTrue(Files.isRegularFile(p), () -> "Debian package files missing: "
                + (Files.exists(debianFiles().resolve("pkg").resolve(pkg).resolve(".complete"))
                        ? pkg + ": /" + path + " not among the files scripts/debian-files could take"
                        : whyMissing(pkg)));
        return p;
    }

    /** The text of {@link #debianFile(String, String)}. */
    public static String debianText(String pkg, String path) {
        try {
            return Files.readString(debianFile(pkg, path));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String whyMissing(String pkg) {
        Path list = debianFiles().resolve("MISSING");
        if (!Files.exists(list)) {
            return "run scripts/debian-files (scripts/test does)";
        }
        try {
            String lines = Files.readAllLines(list).stream()
                    .filter(l -> pkg == null || l.startsWith(pkg + ":"))
                    .reduce((a, b) -> a + "; " + b).orElse("");
            return lines.isEmpty() ? "see " + list : lines;
        } catch (java.io.IOException e) {
            return "unreadable " + list;
        }
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
        assumeTrue(Files.exists(p),
                "shared fixtures not beside this clone (" + p + "): upstream files no package ships");
        return p;
    }

    /**
     * The work dir of {@code scripts/testbed} (configs, keys, logs of the loopback servers), as the
     * real path the servers were given: when the clone is closed to other users the bed lives in
     * /var/lib/tomaudit-testbed/ and {@code .testbed} links there.
     */
    public static Path testbed() {
        Path p = Path.of(System.getProperty("tomaudit.testbed", "../.testbed")).toAbsolutePath().normalize();
        try {
            return Files.exists(p) ? p.toRealPath() : p;
        } catch (java.io.IOException e) {
            return p;
        }
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
