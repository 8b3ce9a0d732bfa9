package de.tomaudit.collect.prosody;

import de.tomaudit.parse.lua.ConfigSource;
import de.tomaudit.parse.lua.ConfigSourceException;
import de.tomaudit.target.DirEntry;
import de.tomaudit.target.FileContent;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.util.List;

/** Prosody's configuration files read through the target (local, dir:, SSH alike). */
final class ProsodyTargetSource implements ConfigSource {
    private final Target target;

    ProsodyTargetSource(Target target) {
        this.target = target;
    }

    @Override
    public String read(String path) throws ConfigSourceException {
        try {
            FileContent content = target.read(path);
            return content.text();
        } catch (TargetException e) {
            throw new ConfigSourceException(e.getMessage(), e.reason() == TargetException.Reason.NOT_FOUND);
        }
    }

    @Override
    public List<String> list(String dir) throws ConfigSourceException {
        try {
            return target.list(dir).stream().map(DirEntry::name).toList();
        } catch (TargetException e) {
            throw new ConfigSourceException(e.getMessage(), e.reason() == TargetException.Reason.NOT_FOUND);
        }
    }
}
