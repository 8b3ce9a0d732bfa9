package de.tomaudit.collect.host;

import de.tomaudit.parse.postgres.PgFiles;
import de.tomaudit.target.DirEntry;
import de.tomaudit.target.FileStat;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;

/** PostgreSQL's included files read through a {@link Target}. */
final class PostgresFiles implements PgFiles {
    private final Target target;

    PostgresFiles(Target target) {
        this.target = target;
    }

    @Override
    public Loaded read(String path) {
        try {
            return Loaded.ok(target.read(path).text());
        } catch (TargetException e) {
            return e.reason() == TargetException.Reason.NOT_FOUND ? Loaded.missing(e.getMessage()) : Loaded.failed(e.getMessage());
        }
    }

    @Override
    public Listed list(String dir) {
        try {
            return Listed.ok(target.list(dir).stream()
                    .filter(e -> e.type() != FileStat.Type.DIRECTORY)
                    .map(DirEntry::name).toList());
        } catch (TargetException e) {
            return e.reason() == TargetException.Reason.NOT_FOUND ? Listed.missing(e.getMessage()) : Listed.failed(e.getMessage());
        }
    }
}
