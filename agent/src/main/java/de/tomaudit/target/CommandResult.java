package de.tomaudit.target;

/** What an allow-listed command printed and how it exited. */
public record CommandResult(Command command, int exitCode, String stdout, String stderr) {

    public boolean ok() {
        return exitCode == 0;
    }
}
