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
import java.util.List;
import java.util.Optional;

/** Files from a directory root, and one allow-listed command answered with canned output or a failure. */
final class CommandStubTarget implements Target {
    private final DirTarget files;
    private final String commandId;
    private final int exitCode;
    private final String stdout;
    private final String stderr;
    private final Optional<TargetException> failure;

    private CommandStubTarget(Path root, String commandId, int exitCode, String stdout, String stderr,
                              Optional<TargetException> failure) {
        this.files = new DirTarget(root, Limits.DEFAULT);
        this.commandId = commandId;
        this.exitCode = exitCode;
        this.stdout = stdout;
        this.stderr = stderr;
        this.failure = failure;
    }

    static CommandStubTarget answering(Path root, String commandId, int exitCode, String stdout, String stderr) {
        return new CommandStubTarget(root, commandId, exitCode, stdout, stderr, Optional.empty());
    }

    static CommandStubTarget failing(Path root, String commandId, TargetException e) {
        return new CommandStubTarget(root, commandId, 0, "", "", Optional.of(e));
    }

    @Override public String name() { return "stub"; }
    @Override public String address() { return "stub:" + files.root(); }
    @Override public boolean canRunCommands() { return true; }
    @Override public FileContent read(String path) throws TargetException { return files.read(path); }
    @Override public Optional<FileStat> stat(String path) throws TargetException { return files.stat(path); }
    @Override public List<DirEntry> list(String dir) throws TargetException { return files.list(dir); }

    @Override
    public CommandResult run(Command command) throws TargetException {
        CommandCatalog.verify(command);
        if (!command.id().equals(commandId)) {
            throw new TargetException(TargetException.Reason.NOT_FOUND, command.line(), command.argv().get(0) + " is not installed");
        }
        if (failure.isPresent()) {
            throw failure.get();
        }
        return new CommandResult(command, exitCode, stdout, stderr);
    }
}
