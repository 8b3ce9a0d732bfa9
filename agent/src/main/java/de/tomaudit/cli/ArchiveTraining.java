package de.tomaudit.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The class-data archive's training run (the launcher runs it with {@code -XX:ArchiveClassesAtExit}): the
 * commands people run, so the archive holds what they load. An audit of an empty root (collectors, rules,
 * JSON), a {@code --probe-only} TLS check of a server of its own on loopback (the whole probe path:
 * enumeration, certificate, the tls rules), both stored in a history database of its own (H2, Flyway),
 * {@code rules list} and {@code --version}. Nothing outside the
 * JVM and a temporary folder is touched; all output is discarded.
 */
public final class ArchiveTraining {

    private ArchiveTraining() { }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("tomaudit-training");
        PrintStream none = new PrintStream(OutputStream.nullOutputStream(), true, "UTF-8");
        try (LoopbackTlsServer server = LoopbackTlsServer.start()) {
            // the runs are stored, as by default, in a history database of the training's own: the first
            // creates its schema (Flyway), the second finds it current (the fast path every later run takes)
            String history = "jdbc:h2:file:" + dir.resolve("history");
            Main.execute(new String[] {"audit", "dir:" + dir, "--format", "json", "--output", dir.resolve("audit.json").toString(),
                "--history", history}, none, none);
            Main.execute(new String[] {"audit", "--probe-only", "--probe", "localhost:" + server.port() + "/tls", "--format",
                "json", "--output", dir.resolve("probe.json").toString(), "--history", history}, none, none);
            Main.execute(new String[] {"rules", "list"}, none, none);
            Main.execute(new String[] {"--version"}, none, none);
        } finally {
            delete(dir);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
