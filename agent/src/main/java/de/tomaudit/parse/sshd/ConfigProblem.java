package de.tomaudit.parse.sshd;

/**
 * Something in the configuration sshd would complain about.
 *
 * @param fatal true when sshd would refuse the configuration or when the effective values cannot be
 *              known from the files (an include loop, an unreadable included file); false for
 *              lines that are skipped (unknown keyword, missing argument)
 */
public record ConfigProblem(String file, int line, String message, boolean fatal) {

    public String source() {
        return line > 0 ? file + ":" + line : file;
    }

    @Override
    public String toString() {
        return source() + ": " + message;
    }
}
