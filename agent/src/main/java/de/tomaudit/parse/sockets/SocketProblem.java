package de.tomaudit.parse.sockets;

/** A line of ss or /proc/net output that could not be understood: where, and why. */
public record SocketProblem(String origin, String message) {

    @Override
    public String toString() {
        return origin + ": " + message;
    }
}
