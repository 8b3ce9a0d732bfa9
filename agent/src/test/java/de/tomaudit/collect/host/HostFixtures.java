package de.tomaudit.collect.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

/** Test resources of this package and helpers to lay out a file system root in a temp dir. */
final class HostFixtures {

    private HostFixtures() { }

    static String resource(String name) {
        try (InputStream in = HostFixtures.class.getResourceAsStream("/collect/host/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource missing: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code root + path} with the text, creating parents. */
    static Path write(Path root, String path, String text) {
        try {
            Path p = root.resolve(path.substring(1));
            Files.createDirectories(p.getParent());
            Files.writeString(p, text, StandardCharsets.UTF_8);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path mkdir(Path root, String path) {
        try {
            return Files.createDirectories(root.resolve(path.substring(1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path mtime(Path p, Instant t) {
        try {
            Files.setLastModifiedTime(p, FileTime.from(t));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path chmod(Path p, String perms) {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void symlink(Path root, String link, String target) {
        try {
            Path l = root.resolve(link.substring(1));
            Files.createDirectories(l.getParent());
            Files.createSymbolicLink(l, Path.of(target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
