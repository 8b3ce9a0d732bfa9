package de.tomaudit.collect.host;

import de.tomaudit.parse.logrotate.LogrotateSource;
import de.tomaudit.parse.logrotate.LogrotateSourceException;
import de.tomaudit.target.DirEntry;
import de.tomaudit.target.FileStat;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.util.List;
import java.util.Optional;

/** logrotate configuration files read from a target's file system (host pack and product log checks). */
public final class LogrotateTargetSource implements LogrotateSource {
    private final Target target;

    public LogrotateTargetSource(Target target) {
        this.target = target;
    }

    @Override
    public Optional<Entry> stat(String path) throws LogrotateSourceException {
        try {
            return target.stat(path).map(s -> new Entry(switch (s.type()) {
                case FILE -> Kind.FILE;
                case DIRECTORY -> Kind.DIRECTORY;
                default -> Kind.OTHER;
            }, s.mode()));
        } catch (TargetException e) {
            if (e.reason() == TargetException.Reason.NOT_FOUND) {
                return Optional.empty();
            }
            throw new LogrotateSourceException(e.getMessage());
        }
    }

    @Override
    public List<String> list(String dir) throws LogrotateSourceException {
        try {
            return target.list(dir).stream().map(DirEntry::name).toList();
        } catch (TargetException e) {
            throw new LogrotateSourceException(e.getMessage());
        }
    }

    @Override
    public String read(String path) throws LogrotateSourceException {
        try {
            return target.read(path).text();
        } catch (TargetException e) {
            throw new LogrotateSourceException(e.getMessage());
        }
    }

    public static boolean exists(Target target, String path) {
        try {
            return target.stat(path).map(FileStat::type).isPresent();
        } catch (TargetException e) {
            return !e.isAbsence();
        }
    }
}
