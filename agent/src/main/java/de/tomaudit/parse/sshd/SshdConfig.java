package de.tomaudit.parse.sshd;

import java.util.List;
import java.util.Optional;

/**
 * A parsed sshd_config with its includes, in the order sshd reads the lines.
 *
 * @param mainFile   the file parsing started at
 * @param directives every setting line (not Match or Include lines), includes expanded in place
 * @param matchBlocks every Match line in reading order
 * @param files      every file read, in order (a file included twice is listed twice)
 * @param problems   what sshd would complain about
 */
public record SshdConfig(String mainFile, List<Directive> directives, List<MatchBlock> matchBlocks,
                         List<String> files, List<ConfigProblem> problems) {

    public SshdConfig {
        directives = List.copyOf(directives);
        matchBlocks = List.copyOf(matchBlocks);
        files = List.copyOf(files);
        problems = List.copyOf(problems);
    }

    /** The first problem that makes the effective configuration unknowable, if any. */
    public Optional<ConfigProblem> fatalProblem() {
        return problems.stream().filter(ConfigProblem::fatal).findFirst();
    }
}
