package de.tomaudit.collect.host;

import de.tomaudit.parse.redis.RedisFiles;
import de.tomaudit.target.DirEntry;
import de.tomaudit.target.FileStat;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.util.List;

/** Redis's included files read through a {@link Target}. */
final class RedisFilesOnTarget implements RedisFiles {
    private final Target target;

    RedisFilesOnTarget(Target target) {
        this.target = target;
    }

    @Override
    public String read(String path) throws Failure {
        try {
            return target.read(path).text();
        } catch (TargetException e) {
            throw new Failure(e.getMessage(), e.reason() == TargetException.Reason.NOT_FOUND);
        }
    }

    @Override
    public List<String> list(String dir) throws Failure {
        try {
            return target.list(dir).stream().filter(e -> e.type() != FileStat.Type.DIRECTORY).map(DirEntry::name).toList();
        } catch (TargetException e) {
            throw new Failure(e.getMessage(), e.reason() == TargetException.Reason.NOT_FOUND);
        }
    }
}
