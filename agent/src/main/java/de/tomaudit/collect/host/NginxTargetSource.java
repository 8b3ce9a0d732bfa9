package de.tomaudit.collect.host;

import de.tomaudit.parse.nginx.NginxSource;
import de.tomaudit.parse.nginx.NginxSourceException;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.util.List;

/** nginx configuration files read from a target's file system. */
final class NginxTargetSource implements NginxSource {
    private final Target target;

    NginxTargetSource(Target target) {
        this.target = target;
    }

    @Override
    public String read(String path) throws NginxSourceException {
        try {
            return target.read(path).text();
        } catch (TargetException e) {
            throw new NginxSourceException(e.getMessage(), e.reason() == TargetException.Reason.NOT_FOUND);
        }
    }

    @Override
    public List<String> glob(String pattern) throws NginxSourceException {
        try {
            return target.glob(pattern);
        } catch (TargetException e) {
            throw new NginxSourceException(e.getMessage(), false);
        }
    }
}
