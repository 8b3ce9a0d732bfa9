package de.tomaudit.parse.cron;

/** An output or input redirection of a simple command: {@code >}, {@code >>}, {@code 2>}, {@code <}… */
public record ShellRedirect(String op, String target) {

    /** True for redirections that write standard output to a file ({@code >}, {@code >>}, {@code &>}). */
    public boolean writesStdout() {
        return op.equals(">") || op.equals(">>") || op.equals("&>") || op.equals("&>>") || op.equals(">|")
                || op.equals("1>") || op.equals("1>>");
    }
}
