package de.tomaudit.parse.systemd;

/** A line systemd would ignore with a warning, with file and 1-based line. */
public record UnitProblem(String path, int line, String message) {

    @Override
    public String toString() {
        return path + ":" + line + ": " + message;
    }
}
