package de.tomaudit.collect.host;

import de.tomaudit.parse.sshd.ConfigSource;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.util.List;

/** Lets the sshd_config parser read files and globs through a {@link Target}. */
final class SshdTargetSource implements ConfigSource {
    private final Target target;

    SshdTargetSource(Target target) {
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
