package de.tomaudit.parse.sockets;

import java.util.List;

/** Listening sockets read from one source, and the lines that could not be read. */
public record SocketList(List<ListeningSocket> sockets, List<SocketProblem> problems) {

    public SocketList {
        sockets = List.copyOf(sockets);
        problems = List.copyOf(problems);
    }
}
