package de.tomaudit.parse.sshd;

import java.util.List;

/**
 * One setting line of sshd_config, after includes were followed.
 *
 * @param keyword the canonical lower-case keyword (aliases resolved: ChallengeResponseAuthentication
 *                is {@code kbdinteractiveauthentication})
 * @param written the keyword as written in the file
 * @param args    the arguments, quotes removed
 * @param file    the file the line is in
 * @param line    1-based line number
 * @param matches the Match blocks governing the line, outermost first (empty: global section).
 *                A line applies only when all of them match; an Include inside a Match block
 *                puts the included lines under that block as well as under their own.
 */
public record Directive(String keyword, String written, List<String> args, String file, int line,
                        List<MatchBlock> matches) {

    public Directive {
        args = List.copyOf(args);
        matches = List.copyOf(matches);
    }

    public String source() {
        return file + ":" + line;
    }

    /** The arguments joined by one space, as {@code sshd -T} prints a single value. */
    public String value() {
        return String.join(" ", args);
    }

    public boolean global() {
        return matches.isEmpty();
    }
}
