package de.tomaudit.parse.apt;

import java.util.List;

/** The statements of one apt.conf(5) file in order, and the syntax errors found in it. */
public record AptConfFile(String path, List<AptConfOp> ops, List<AptConfProblem> problems) {

    public AptConfFile {
        ops = List.copyOf(ops);
        problems = List.copyOf(problems);
    }
}
