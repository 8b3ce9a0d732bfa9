package de.tomaudit.parse.postgres;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed postgresql.conf with its includes: every setting line in reading order, the
 * effective value per name (the last one read wins, as in PostgreSQL), the files read and
 * the problems met.
 */
public record PgConfig(List<PgSetting> lines, List<String> files, List<PgProblem> problems) {

    public PgConfig {
        lines = List.copyOf(lines);
        files = List.copyOf(files);
        problems = List.copyOf(problems);
    }

    /** The effective setting of that name (lower case), if any line set it. */
    public Optional<PgSetting> get(String name) {
        return Optional.ofNullable(effective().get(name));
    }

    public Map<String, PgSetting> effective() {
        Map<String, PgSetting> map = new LinkedHashMap<>();
        for (PgSetting s : lines) {
            map.remove(s.name());
            map.put(s.name(), s);
        }
        return Collections.unmodifiableMap(map);
    }

    public boolean hasFatalProblems() {
        return problems.stream().anyMatch(PgProblem::fatal);
    }

    /** This configuration followed by another read after it (postgresql.auto.conf). */
    public PgConfig then(PgConfig later) {
        List<PgSetting> l = new ArrayList<>(lines);
        l.addAll(later.lines);
        List<String> f = new ArrayList<>(files);
        f.addAll(later.files);
        List<PgProblem> p = new ArrayList<>(problems);
        p.addAll(later.problems);
        return new PgConfig(l, f, p);
    }
}
