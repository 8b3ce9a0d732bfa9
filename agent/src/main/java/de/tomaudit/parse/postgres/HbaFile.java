package de.tomaudit.parse.postgres;

import java.util.List;

/** The records of pg_hba.conf and its includes in match order, the files read and the problems. */
public record HbaFile(List<HbaRecord> records, List<String> files, List<PgProblem> problems) {

    public HbaFile {
        records = List.copyOf(records);
        files = List.copyOf(files);
        problems = List.copyOf(problems);
    }

    public boolean hasFatalProblems() {
        return problems.stream().anyMatch(PgProblem::fatal);
    }
}
