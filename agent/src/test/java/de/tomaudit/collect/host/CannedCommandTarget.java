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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Files from a directory, commands answered from canned output (still checked against the allow-list). */
final class CannedCommandTarget implements Target {
    private final DirTarget files;
    private final Map<String, CommandResult> results = new HashMap<>();
    private final List<String> ran = new ArrayList<>();

    CannedCommandTarget(Path root) {
        this.files = new DirTarget(root, Limits.DEFAULT);
    }

    CannedCommandTarget answer(Command cmd, int exit, String stdout, String stderr) {
        results.put(cmd.line(), new CommandResult(cmd, exit, stdout, stderr));
        return this;
    }

    List<String> ran() {
        return ran;
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
        ran.add(command.line());
        CommandResult r = results.get(command.line());
        if (r == null) {
            throw new TargetException(TargetException.Reason.NOT_FOUND, command.line(), command.argv().get(0) + " is not installed");
        }
        return r;
    }
}
