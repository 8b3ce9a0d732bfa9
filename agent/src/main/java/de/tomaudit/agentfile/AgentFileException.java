package de.tomaudit.agentfile;

/** A file of the agent's own that cannot be used; the message is one line naming the file. */
public final class AgentFileException extends Exception {
    private final String path;

    AgentFileException(String what, String path, String reason) {
        super(what + " " + path + ": " + reason);
        this.path = path;
    }

    /** The file as the user named it. */
    public String path() {
        return path;
    }
}
