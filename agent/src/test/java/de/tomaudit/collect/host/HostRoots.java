package de.tomaudit.collect.host;

import de.tomaudit.testsupport.TestPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Test roots for dir: targets: copies of the Debian 12 root (from the packages, TestPaths.debianRoot) with files added or changed. */
final class HostRoots {

    private HostRoots() { }

    /** Copies the Debian 12 root of TestPaths.debianRoot (its etc/) under root. */
    static Path debian12(Path root) {
        Path src = TestPaths.debianRoot();
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path dst = root.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dst);
                } else {
                    Files.copy(p, dst);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return root;
    }

    /** Writes a file under root (absolute target path), creating its directories. */
    static Path write(Path root, String targetPath, String text) {
        try {
            Path p = root.resolve(targetPath.substring(1));
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path writeBytes(Path root, String targetPath, byte[] bytes) {
        try {
            Path p = root.resolve(targetPath.substring(1));
            Files.createDirectories(p.getParent());
            Files.write(p, bytes);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A symlink at targetPath pointing to linkText (absolute links resolve inside the root). */
    static void symlink(Path root, String targetPath, String linkText) {
        try {
            Path p = root.resolve(targetPath.substring(1));
            Files.createDirectories(p.getParent());
            Files.createSymbolicLink(p, Path.of(linkText));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
