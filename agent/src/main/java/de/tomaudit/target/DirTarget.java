package de.tomaudit.target;

import de.tomaudit.i18n.AuditTexts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A directory treated as the root of a file system (a mounted image, a copy of /etc, a
 * test fixture). Absolute symlinks resolve inside the root, never outside it; loops end
 * after 40 hops as on Linux. No commands can run here.
 */
public final class DirTarget implements Target {
    private static final int MAX_SYMLINK_HOPS = 40;
    private final Path root;
    private final FileAccess files;

    public DirTarget(Path root, Limits limits) {
        this.root = root.toAbsolutePath().normalize();
        this.files = new FileAccess(limits, this::resolve);
    }

    public Path root() {
        return root;
    }

    @Override public String name() { return root.getFileName() == null ? "/" : root.getFileName().toString(); }
    @Override public String address() { return "dir:" + root; }
    @Override public boolean canRunCommands() { return false; }
    @Override public FileContent read(String path) throws TargetException { return files.read(path); }
    @Override public FileContent readBytes(String path) throws TargetException { return files.readBytes(path); }
    @Override public Optional<FileStat> stat(String path) throws TargetException { return files.stat(path); }
    @Override public List<DirEntry> list(String dir) throws TargetException { return files.list(dir); }

    @Override
    public CommandResult run(Command command) throws TargetException {
        CommandCatalog.verify(command);
        throw new TargetException(TargetException.Reason.NOT_SUPPORTED, command.line(),
                "commands cannot run on a dir: target (" + command.line() + ")");
    }

    /** Walks the path component by component, resolving symlinks relative to the root. */
    Path resolve(String targetPath) throws TargetException {
        if (!targetPath.startsWith("/")) {
            throw new TargetException(TargetException.Reason.IO, targetPath, "not an absolute path: " + targetPath);
        }
        Deque<String> todo = new ArrayDeque<>();
        for (String part : targetPath.split("/")) {
            if (!part.isEmpty()) {
                todo.addLast(part);
            }
        }
        Deque<String> done = new ArrayDeque<>();
        int hops = 0;
        while (!todo.isEmpty()) {
            String part = todo.removeFirst();
            if (part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                done.pollLast();
                continue;
            }
            Path real = real(done).resolve(part);
            if (Files.isSymbolicLink(real)) {
                if (++hops > MAX_SYMLINK_HOPS) {
                    throw new TargetException(TargetException.Reason.SYMLINK_LOOP, targetPath,
                            AuditTexts.get("target.file.loop", targetPath));
                }
                String link;
                try {
                    link = Files.readSymbolicLink(real).toString();
                } catch (IOException e) {
                    throw FileAccess.translate(targetPath, e);
                }
                if (link.startsWith("/")) {
                    done.clear();
                }
                String[] linkParts = link.split("/");
                for (int i = linkParts.length - 1; i >= 0; i--) {
                    if (!linkParts[i].isEmpty()) {
                        todo.addFirst(linkParts[i]);
                    }
                }
                continue;
            }
            done.addLast(part);
            if (!todo.isEmpty() && !Files.exists(real, LinkOption.NOFOLLOW_LINKS)) {
                throw new TargetException(TargetException.Reason.NOT_FOUND, targetPath, de.tomaudit.i18n.AuditTexts.get("evidence.host.does-not-exist", targetPath));
            }
        }
        return real(done);
    }

    private Path real(Deque<String> parts) {
        Path p = root;
        for (String s : parts) {
            p = p.resolve(s);
        }
        return p;
    }
}
