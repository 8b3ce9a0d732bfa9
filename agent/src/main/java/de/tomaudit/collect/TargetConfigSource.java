package de.tomaudit.collect;

import de.tomaudit.parse.source.ConfigSource;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.util.List;

/** Lets a config parser read files and globs through a {@link Target}. */
public final class TargetConfigSource implements ConfigSource {
    private final Target target;

    public TargetConfigSource(Target target) {
        this.target = target;
    }

    @Override
    public String read(String path) throws SourceException {
        try {
            return target.read(path).text();
        } catch (TargetException e) {
            throw new SourceException(e.getMessage(), e.reason() == TargetException.Reason.NOT_FOUND);
        }
    }

    @Override
    public List<String> glob(String pattern) throws SourceException {
        try {
            return target.glob(pattern);
        } catch (TargetException e) {
            throw new SourceException(e.getMessage(), e.reason() == TargetException.Reason.NOT_FOUND);
        }
    }
}
