package de.tomaudit.cli;

import de.tomaudit.report.RenderOptions;
import de.tomaudit.report.Renderer;
import de.tomaudit.result.AuditResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Where {@code --output} writes: the file itself for one format, {@code tomaudit.<ext>} per format
 * in a directory for several. Checked before the audit runs, so a mistyped path costs no audit;
 * files are written through a temporary file and moved into place, so a reader never sees half a
 * report. Every failure is one line naming the path (exit 2), never a Java exception.
 */
final class ReportOutput {
    private final Path output;
    private final boolean directory;

    ReportOutput(Path output, int formats) {
        this.output = output;
        this.directory = formats > 1 || Files.isDirectory(output);
    }

    /** Fails with a usage error when the reports could not be written there. */
    void check() {
        Path dir = directory ? output : parent(output);
        if (!directory && Files.exists(output) && !Files.isRegularFile(output)) {
            throw new UsageException("cannot write --output " + output + ": it exists and is not a regular file");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UsageException("cannot write --output " + output + ": " + describe(e));
        }
        if (!Files.isWritable(dir)) {
            throw new UsageException("cannot write --output " + output + ": " + dir + " is not writable");
        }
    }

    void write(AuditResult result, List<Renderer> renderers, RenderOptions options) {
        for (Renderer r : renderers) {
            Path file = directory ? output.resolve("tomaudit." + r.extension()) : output;
            write(file, os -> r.render(result, options, os));
        }
    }

    void writeText(String text) {
        write(output, os -> os.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    @FunctionalInterface
    private interface Content {
        void writeTo(OutputStream os) throws IOException;
    }

    private static void write(Path file, Content content) {
        Path dir = parent(file);
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, ".tomaudit-", ".tmp");
            try (OutputStream os = Files.newOutputStream(tmp)) {
                content.writeTo(os);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UsageException("cannot write " + file + ": " + describe(e));
        }
    }

    private static Path parent(Path file) {
        Path p = file.toAbsolutePath().getParent();
        return p == null ? file.toAbsolutePath() : p;
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp != null) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                // the temporary file stays; the error that matters is reported
            }
        }
    }

    /** The reason in words: which path, and what is wrong with it. */
    static String describe(IOException e) {
        if (e instanceof NoSuchFileException n) {
            return n.getFile() + " does not exist";
        }
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + " is a file, not a directory";
        }
        if (e instanceof AccessDeniedException a) {
            return a.getFile() + ": permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return (f.getFile() == null ? "" : f.getFile() + ": ") + f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
