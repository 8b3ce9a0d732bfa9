package de.tomaudit.target;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The machine the agent runs on. */
public final class LocalTarget implements Target {
    private final FileAccess files;
    private final ProcessRunner processes;
    private final String name;

    public LocalTarget(Limits limits) {
        this.files = new FileAccess(limits, LocalTarget::absolute);
        this.processes = new ProcessRunner(limits);
        this.name = hostName();
    }

    private static Path absolute(String path) throws TargetException {
        if (!path.startsWith("/")) {
            throw new TargetException(TargetException.Reason.IO, path, "not an absolute path: " + path);
        }
        return Path.of(path);
    }

    private static String hostName() {
        try {
            return java.nio.file.Files.readString(Path.of("/etc/hostname")).trim();
        } catch (java.io.IOException | RuntimeException e) {
            return "localhost";
        }
    }

    @Override public String name() { return name.isEmpty() ? "localhost" : name; }
    @Override public String address() { return "local"; }
    @Override public boolean canRunCommands() { return true; }
    @Override public Optional<String> probeHost() { return Optional.of("127.0.0.1"); }
    @Override public FileContent read(String path) throws TargetException { return files.read(path); }
    @Override public FileContent readBytes(String path) throws TargetException { return files.readBytes(path); }
    @Override public Optional<FileStat> stat(String path) throws TargetException { return files.stat(path); }
    @Override public List<DirEntry> list(String dir) throws TargetException { return files.list(dir); }

    @Override
    public CommandResult run(Command command) throws TargetException {
        CommandCatalog.verify(command);
        return processes.run(command);
    }
}
