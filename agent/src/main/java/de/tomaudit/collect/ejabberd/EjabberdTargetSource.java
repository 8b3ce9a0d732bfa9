package de.tomaudit.collect.ejabberd;

import de.tomaudit.parse.ejabberd.EjabberdFileSource;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.util.List;

/** Lets the ejabberd configuration reader read files through a {@link Target}. */
final class EjabberdTargetSource implements EjabberdFileSource {
    private final Target target;

    EjabberdTargetSource(Target target) {
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
