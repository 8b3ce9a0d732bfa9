package de.tomaudit.parse.apt;

/** A syntax error apt itself would refuse, with the file and 1-based line. */
public record AptConfProblem(String path, int line, String message) {

    @Override
    public String toString() {
        return path + ":" + line + ": " + message;
    }
}
