package de.tomaudit.cli;

/** Whether to colour the console output (a terminal, NO_COLOR unset, TERM not dumb) and how wide it is. */
final class Terminal {

    private Terminal() { }

    /** COLUMNS when the shell exports it (40 to 400), else 80: what a cron mail reads well at. */
    static int width() {
        try {
            int c = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "").trim());
            return c >= 40 && c <= 400 ? c : 80;
        } catch (NumberFormatException e) {
            return 80;
        }
    }

    static boolean colours() {
        if (System.getenv("NO_COLOR") != null) {
            return false;
        }
        String term = System.getenv("TERM");
        if (term == null || term.equals("dumb")) {
            return false;
        }
        return System.console() != null;
    }

    /**
     * Whether this stream is the process's stderr and that is a terminal (not a file, pipe or
     * cron's mail): {@code /proc/self/fd/2} links to a tty. False wherever that cannot be told.
     */
    static boolean stderrIsTerminal(java.io.PrintStream err) {
        if (err != System.err) {
            return false;
        }
        String term = System.getenv("TERM");
        if (term == null || term.equals("dumb")) {
            return false;
        }
        try {
            String target = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }
}
