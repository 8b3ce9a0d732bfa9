package de.tomaudit.collect.host;

import de.tomaudit.target.Command;
import de.tomaudit.target.CommandCatalog;
import de.tomaudit.target.CommandResult;
import de.tomaudit.target.DirEntry;
import de.tomaudit.target.DirTarget;
import de.tomaudit.target.FileContent;
import de.tomaudit.target.FileStat;
import de.tomaudit.target.Limits;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A test target: files from a directory root, and canned results of allow-listed commands
 * (real outputs captured on this machine). A command without a canned result is "not installed".
 */
final class SocketsCannedTarget implements Target {
    private final DirTarget files;
    private final Map<String, CommandResult> results = new HashMap<>();
    private final Map<String, TargetException> failures = new HashMap<>();

    SocketsCannedTarget(Path root) {
        this.files = new DirTarget(root, Limits.DEFAULT);
    }

    SocketsCannedTarget output(String commandId, int exit, String stdout, String stderr) {
        results.put(commandId, new CommandResult(CommandCatalog.command(commandId), exit, stdout, stderr));
        return this;
    }

    SocketsCannedTarget failure(String commandId, TargetException.Reason reason, String message) {
        failures.put(commandId, new TargetException(reason, commandId, message));
        return this;
    }

    @Override public String name() { return "canned"; }
    @Override public String address() { return "canned:" + files.root(); }
    @Override public boolean canRunCommands() { return true; }
    @Override public FileContent read(String path) throws TargetException { return files.read(path); }
    @Override public Optional<FileStat> stat(String path) throws TargetException { return files.stat(path); }
    @Override public List<DirEntry> list(String dir) throws TargetException { return files.list(dir); }

    @Override
    public CommandResult run(Command command) throws TargetException {
        CommandCatalog.verify(command);
        if (failures.containsKey(command.id())) {
            throw failures.get(command.id());
        }
        CommandResult r = results.get(command.id());
        if (r == null) {
            throw new TargetException(TargetException.Reason.NOT_FOUND, command.line(), command.argv().get(0) + " is not installed");
        }
        return r;
    }

    static String capture(String name) {
        try {
            return java.nio.file.Files.readString(Path.of(SocketsCannedTarget.class
                    .getResource("/de/tomaudit/capture/" + name).toURI()));
        } catch (Exception e) {
            throw new IllegalStateException("capture missing: " + name, e);
        }
    }
}
