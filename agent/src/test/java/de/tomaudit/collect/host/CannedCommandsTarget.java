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
 * A live-looking target for tests: files from a directory root, allow-listed commands answered
 * with recorded output. A command without an answer is "not installed", as on a real host.
 */
final class CannedCommandsTarget implements Target {
    private final DirTarget files;
    private final Map<String, CommandResult> answers = new HashMap<>();
    private final Map<String, TargetException.Reason> failures = new HashMap<>();
    private final java.util.Set<String> denied = new java.util.HashSet<>();
    private final java.util.Set<String> listDenied = new java.util.HashSet<>();
    private boolean live = true;

    CannedCommandsTarget(Path root) {
        this.files = new DirTarget(root, Limits.DEFAULT);
    }

    CannedCommandsTarget answer(String id, int exit, String stdout, String stderr) {
        Command c = CommandCatalog.command(id);
        answers.put(id, new CommandResult(c, exit, stdout, stderr));
        return this;
    }

    CannedCommandsTarget answer(String id, String stdout) {
        return answer(id, 0, stdout, "");
    }

    /** Reads, stats and listings of this path fail with permission denied (tests run as root). */
    CannedCommandsTarget deny(String path) {
        denied.add(path);
        return this;
    }

    /** Only listing this directory fails (stat still works), as for a 0710 directory. */
    CannedCommandsTarget denyList(String path) {
        listDenied.add(path);
        return this;
    }

    /** Behaves like a dir: target (no commands at all). */
    CannedCommandsTarget offline() {
        live = false;
        return this;
    }

    private void check(String path) throws TargetException {
        if (denied.contains(path)) {
            throw new TargetException(TargetException.Reason.PERMISSION_DENIED, path, path + ": permission denied");
        }
    }

    CannedCommandsTarget fail(String id, TargetException.Reason reason) {
        failures.put(id, reason);
        return this;
    }

    @Override public String name() { return "canned"; }
    @Override public String address() { return "test:canned"; }
    @Override public boolean canRunCommands() { return live; }
    @Override public FileContent read(String path) throws TargetException { check(path); return files.read(path); }
    @Override public Optional<FileStat> stat(String path) throws TargetException { check(path); return files.stat(path); }
    @Override
    public List<DirEntry> list(String dir) throws TargetException {
        check(dir);
        if (listDenied.contains(dir)) {
            throw new TargetException(TargetException.Reason.PERMISSION_DENIED, dir, dir + ": permission denied");
        }
        return files.list(dir);
    }

    @Override
    public CommandResult run(Command command) throws TargetException {
        CommandCatalog.verify(command);
        if (!live) {
            throw new TargetException(TargetException.Reason.NOT_SUPPORTED, command.line(), "commands cannot run here");
        }
        if (failures.containsKey(command.id())) {
            throw new TargetException(failures.get(command.id()), command.line(), command.line() + ": " + failures.get(command.id()));
        }
        CommandResult r = answers.get(command.id());
        if (r == null) {
            throw new TargetException(TargetException.Reason.NOT_FOUND, command.line(), command.argv().get(0) + " is not installed");
        }
        return r;
    }
}
