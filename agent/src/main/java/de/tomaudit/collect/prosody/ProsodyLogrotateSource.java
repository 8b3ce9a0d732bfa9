package de.tomaudit.collect.prosody;

import de.tomaudit.parse.logrotate.LogrotateSource;
import de.tomaudit.parse.logrotate.LogrotateSourceException;
import de.tomaudit.target.DirEntry;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.util.List;
import java.util.Optional;

/** logrotate's configuration read from the target, to know how long Prosody's log files are kept. */
final class ProsodyLogrotateSource implements LogrotateSource {
    private final Target target;

    ProsodyLogrotateSource(Target target) {
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
}
