package de.tomaudit.target;

import de.tomaudit.i18n.AuditTexts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/** File reads, stats and listings on this machine's file system, shared by local and dir targets. */
final class FileAccess {
    private final Limits limits;
    private final PathResolver resolver;

    /** Maps a target path to a real path, following symlinks as the target would see them. */
    interface PathResolver {
        Path resolve(String targetPath) throws TargetException;
    }

    FileAccess(Limits limits, PathResolver resolver) {
        this.limits = limits;
        this.resolver = resolver;
    }

    FileContent read(String path) throws TargetException {
        FileContent content = readBytes(path);
        if (content.looksBinary()) {
            throw new TargetException(TargetException.Reason.BINARY, path, AuditTexts.get("target.file.binary", path));
        }
        return content;
    }

    FileContent readBytes(String path) throws TargetException {
        Path p = resolver.resolve(path);
        try {
            if (Files.isDirectory(p)) {
                throw new TargetException(TargetException.Reason.IO, path, AuditTexts.get("target.file.directory", path));
            }
            if (Files.exists(p) && !Files.isRegularFile(p)) {
                throw new TargetException(TargetException.Reason.IO, path, AuditTexts.get("target.file.not-regular", path));
            }
            long size = Files.size(p);
            if (size > limits.maxFileBytes()) {
                throw tooLarge(path, size);
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(p)) {
                bytes = in.readNBytes((int) limits.maxFileBytes() + 1);
            }
            if (bytes.length > limits.maxFileBytes()) {
                throw tooLarge(path, bytes.length);
            }
            return new FileContent(path, bytes);
        } catch (IOException e) {
            throw translate(path, e);
        }
    }

    private TargetException tooLarge(String path, long size) {
        return new TargetException(TargetException.Reason.TOO_LARGE, path,
                AuditTexts.get("target.file.too-large", path, String.valueOf(size), String.valueOf(limits.maxFileBytes())));
    }

    Optional<FileStat> stat(String path) throws TargetException {
        Path p;
        try {
            p = resolver.resolve(path);
        } catch (TargetException e) {
            if (e.reason() == TargetException.Reason.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
        try {
            PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class);
            FileStat.Type type = a.isRegularFile() ? FileStat.Type.FILE
                    : a.isDirectory() ? FileStat.Type.DIRECTORY : FileStat.Type.OTHER;
            return Optional.of(new FileStat(path, type, mode(a), a.owner().getName(), a.group().getName(),
                    a.size(), a.lastModifiedTime().toInstant()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw translate(path, e);
        }
    }

    List<DirEntry> list(String dir) throws TargetException {
        Path p = resolver.resolve(dir);
        try (Stream<Path> s = Files.list(p)) {
            List<DirEntry> out = new ArrayList<>();
            for (Path child : (Iterable<Path>) s::iterator) {
                FileStat.Type type = Files.isSymbolicLink(child) ? FileStat.Type.SYMLINK
                        : Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS) ? FileStat.Type.DIRECTORY
                        : Files.isRegularFile(child, LinkOption.NOFOLLOW_LINKS) ? FileStat.Type.FILE
                        : FileStat.Type.OTHER;
                out.add(new DirEntry(child.getFileName().toString(), type));
            }
            out.sort(Comparator.comparing(DirEntry::name));
            return out;
        } catch (IOException e) {
            throw translate(dir, e);
        }
    }

    static int mode(PosixFileAttributes a) {
        int mode = 0;
        for (PosixFilePermission perm : a.permissions()) {
            mode |= switch (perm) {
                case OWNER_READ -> 0400; case OWNER_WRITE -> 0200; case OWNER_EXECUTE -> 0100;
                case GROUP_READ -> 040; case GROUP_WRITE -> 020; case GROUP_EXECUTE -> 010;
                case OTHERS_READ -> 04; case OTHERS_WRITE -> 02; case OTHERS_EXECUTE -> 01;
            };
        }
        return mode;
    }

    static TargetException translate(String path, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new TargetException(TargetException.Reason.NOT_FOUND, path, AuditTexts.get("evidence.host.does-not-exist", path));
        }
        if (e instanceof AccessDeniedException) {
            return new TargetException(TargetException.Reason.PERMISSION_DENIED, path, AuditTexts.get("target.file.denied", path));
        }
        if (e instanceof FileSystemLoopException) {
            return new TargetException(TargetException.Reason.SYMLINK_LOOP, path, AuditTexts.get("target.file.loop", path));
        }
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (msg.contains("Too many levels of symbolic links")) {
            return new TargetException(TargetException.Reason.SYMLINK_LOOP, path, AuditTexts.get("target.file.loop", path));
        }
        return new TargetException(TargetException.Reason.IO, path, path + ": " + msg);
    }

    static Function<String, Path> identity() {
        return Path::of;
    }
}
