package de.tomaudit.parse.firewall;

/** A line of firewall output or configuration that could not be read: where and why. */
public record FwProblem(String origin, String message) {

    @Override
    public String toString() {
        return origin + ": " + message;
    }
}
