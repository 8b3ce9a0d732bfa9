package de.tomaudit.cli;

import de.tomaudit.i18n.AuditTexts;
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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Where {@code --output} writes: the file itself for one format, {@code tomaudit-report.<ext>} per
 * format in a directory for several (or when the path is a directory). Checked before the audit runs
 * and before anything is rendered, so a mistyped path costs no audit; files are written through a
 * temporary file and moved into place, so a reader never sees half a report, and are readable by
 * their owner only (0600: reports describe a server's weaknesses). An existing device, FIFO or
 * directory is never replaced. Every failure is one line naming the path (exit 2), never a Java
 * exception.
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
            throw new UsageException(AuditTexts.get("cli.output.cannot-write", "--output " + output, AuditTexts.get("cli.output.not-regular")));
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UsageException(AuditTexts.get("cli.output.cannot-write", "--output " + output, describe(e)));
        }
        if (!Files.isWritable(dir)) {
            throw new UsageException(AuditTexts.get("cli.output.cannot-write", "--output " + output, AuditTexts.get("cli.output.not-writable", String.valueOf(dir))));
        }
    }

    /** As {@link #check()}, and each file the renderers will write can be created there. */
    void check(List<Renderer> renderers) {
        check();
        for (Renderer r : renderers) {
            Path file = file(r);
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw new UsageException(AuditTexts.get("cli.output.cannot-write", "--output " + file, AuditTexts.get("cli.output.not-regular")));
            }
        }
        Path dir = directory ? output : parent(output);
        try {
            Files.deleteIfExists(createPrivateTemp(dir));
        } catch (IOException e) {
            throw new UsageException(AuditTexts.get("cli.output.cannot-write", "--output " + output, describe(e)));
        }
    }

    /** The file a renderer writes: {@code --output} itself, or {@code DIR/}{@link Renderer#fileName()}. */
    Path file(Renderer r) {
        return directory ? output.resolve(r.fileName()) : output;
    }

    void write(AuditResult result, List<Renderer> renderers, RenderOptions options) {
        stage(result, renderers, options).commit();
    }

    /**
     * Renders the reports into temporary files beside their places, not yet moved there: the reports of a
     * run are rendered while the history stores it, and only {@link Staged#commit() committed} when the
     * result they show is the one to report (a run the history could not store is rendered again, marked).
     */
    Staged stage(AuditResult result, List<Renderer> renderers, RenderOptions options) {
        Staged staged = new Staged();
        try {
            for (Renderer r : renderers) {
                Path file = file(r);
                staged.add(stage(file, os -> r.render(result, options, os)), file);
            }
            return staged;
        } catch (RuntimeException e) {
            staged.discard();
            throw e;
        }
    }

    /** Rendered reports in temporary files, each to be moved to its place or deleted. */
    static final class Staged {
        private final List<Path[]> moves = new java.util.ArrayList<>();

        private void add(Path tmp, Path file) {
            moves.add(new Path[] {tmp, file});
        }

        /** Moves each report into its place (a reader never sees half a report). */
        void commit() {
            for (Path[] m : moves) {
                try {
                    Files.move(m[0], m[1], StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    discard();
                    throw new UsageException(AuditTexts.get("cli.output.cannot-write", String.valueOf(m[1]), describe(e)));
                }
            }
            moves.clear();
        }

        /** Deletes what was rendered and not moved. */
        void discard() {
            for (Path[] m : moves) {
                deleteQuietly(m[0]);
            }
            moves.clear();
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
        Path tmp = stage(file, content);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UsageException(AuditTexts.get("cli.output.cannot-write", String.valueOf(file), describe(e)));
        }
    }

    /** The content in a new private temporary file beside {@code file}. */
    private static Path stage(Path file, Content content) {
        Path dir = parent(file);
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw new UsageException(AuditTexts.get("cli.output.cannot-write", String.valueOf(file), AuditTexts.get("cli.output.not-regular")));
            }
            tmp = createPrivateTemp(dir);
            try (OutputStream os = Files.newOutputStream(tmp)) {
                content.writeTo(os);
            }
            return tmp;
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UsageException(AuditTexts.get("cli.output.cannot-write", String.valueOf(file), describe(e)));
        }
    }

    /** A new empty file in {@code dir} that only its owner may read and write. */
    private static Path createPrivateTemp(Path dir) throws IOException {
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempFile(dir, ".tomaudit-", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        return Files.createTempFile(dir, ".tomaudit-", ".tmp");
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
            return n.getFile() + " " + AuditTexts.get("input.file.missing");
        }
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + " " + AuditTexts.get("cli.output.file-not-dir");
        }
        if (e instanceof AccessDeniedException a) {
            return a.getFile() + ": " + AuditTexts.get("input.file.denied");
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return (f.getFile() == null ? "" : f.getFile() + ": ") + f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
