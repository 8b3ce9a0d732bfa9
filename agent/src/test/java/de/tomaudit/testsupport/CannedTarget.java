package de.tomaudit.testsupport;

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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A live-looking target for tests: files from a directory root, allow-listed commands answered
 * with recorded output (by command id, or by exact command line for parameterised commands).
 * A command without an answer is "not installed", as on a real host. Every command is still
 * checked against the allow-list.
 */
public final class CannedTarget implements Target {
    private final DirTarget files;
    private final Map<String, CommandResult> byId = new HashMap<>();
    private final Map<String, CommandResult> byLine = new HashMap<>();
    private final Map<String, TargetException> failures = new HashMap<>();
    private final Set<String> denied = new HashSet<>();
    private final Set<String> listDenied = new HashSet<>();
    private final List<String> ran = new ArrayList<>();
    private boolean live = true;

    public CannedTarget(Path root) {
        this.files = new DirTarget(root, Limits.DEFAULT);
    }

    /** Files from root, and exactly one command answered. */
    public static CannedTarget answering(Path root, String commandId, int exit, String stdout, String stderr) {
        return new CannedTarget(root).answer(commandId, exit, stdout, stderr);
    }

    /** Files from root, and exactly one command that fails. */
    public static CannedTarget failing(Path root, String commandId, TargetException e) {
        return new CannedTarget(root).fail(commandId, e);
    }

    public CannedTarget answer(String id, int exit, String stdout, String stderr) {
        byId.put(id, new CommandResult(CommandCatalog.command(id), exit, stdout, stderr));
        return this;
    }

    public CannedTarget answer(String id, String stdout) {
        return answer(id, 0, stdout, "");
    }

    /** Answers this exact command line (for commands that take an argument). */
    public CannedTarget answer(Command command, int exit, String stdout, String stderr) {
        byLine.put(command.line(), new CommandResult(command, exit, stdout, stderr));
        return this;
    }

    public CannedTarget fail(String id, TargetException e) {
        failures.put(id, e);
        return this;
    }

    public CannedTarget fail(String id, TargetException.Reason reason) {
        return fail(id, new TargetException(reason, id, id + ": " + reason));
    }

    public CannedTarget fail(String id, TargetException.Reason reason, String message) {
        return fail(id, new TargetException(reason, id, message));
    }

    /** Reads, stats and listings of this path fail with permission denied (tests run as root). */
    public CannedTarget deny(String path) {
        denied.add(path);
        return this;
    }

    /** Only listing this directory fails (stat still works), as for a 0710 directory. */
    public CannedTarget denyList(String path) {
        listDenied.add(path);
        return this;
    }

    /** Behaves like a dir: target (no commands at all). */
    public CannedTarget offline() {
        live = false;
        return this;
    }

    /** Command lines run so far, in order. */
    public List<String> ran() {
        return ran;
    }

    private void check(String path) throws TargetException {
        if (denied.contains(path)) {
            throw new TargetException(TargetException.Reason.PERMISSION_DENIED, path, path + ": permission denied");
        }
    }

    @Override public String name() { return "canned"; }
    @Override public String address() { return "canned:" + files.root(); }
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
        ran.add(command.line());
        if (failures.containsKey(command.id())) {
            throw failures.get(command.id());
        }
        CommandResult r = byLine.getOrDefault(command.line(), byId.get(command.id()));
        if (r == null) {
            throw new TargetException(TargetException.Reason.NOT_FOUND, command.line(), command.argv().get(0) + " is not installed");
        }
        return r;
    }
}
