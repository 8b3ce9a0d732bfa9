package de.tomaudit.fleet;

import de.tomaudit.target.Command;
import de.tomaudit.target.CommandResult;
import de.tomaudit.target.DirEntry;
import de.tomaudit.target.FileContent;
import de.tomaudit.target.FileStat;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.util.List;
import java.util.Optional;

/**
 * A target reported under its inventory name (a fleet of loopback aliases all have the same
 * host name; the inventory tells them apart). Waivers match this name too.
 */
final class NamedTarget implements Target {
    private final Target delegate;
    private final String name;

    NamedTarget(Target delegate, String name) {
        this.delegate = delegate;
        this.name = name;
    }

    @Override public String name() { return name; }
    @Override public String address() { return delegate.address(); }
    @Override public boolean canRunCommands() { return delegate.canRunCommands(); }
    @Override public FileContent read(String path) throws TargetException { return delegate.read(path); }
    @Override public Optional<FileStat> stat(String path) throws TargetException { return delegate.stat(path); }
    @Override public List<DirEntry> list(String dir) throws TargetException { return delegate.list(dir); }
    @Override public CommandResult run(Command command) throws TargetException { return delegate.run(command); }
    @Override public List<String> glob(String pattern) throws TargetException { return delegate.glob(pattern); }
    @Override public void close() { delegate.close(); }
}
