package de.tomaudit.cli;

/** Whether to colour the console output (a terminal, NO_COLOR unset, TERM not dumb) and how wide it is. */
final class Terminal {

    private Terminal() { }

    static final int DEFAULT_WIDTH = 80;
    static final int MIN_WIDTH = 40;
    static final int MAX_WIDTH = 400;

    /**
     * The console's width: where stdout is a terminal, COLUMNS when the shell exports it, else what
     * {@code stty size} reports for the controlling terminal (bash does not export COLUMNS, so this is
     * the usual case); where stdout is a file, a pipe or cron's mail, COLUMNS when it is set, else 80,
     * which a mail reader shows well. Always between 40 and 400.
     */
    static int width() {
        return width(System.getenv("COLUMNS"), isTerminal(1), Terminal::sttyColumns);
    }

    static int width(String columns, boolean stdoutIsTerminal, java.util.function.Supplier<java.util.OptionalInt> stty) {
        java.util.OptionalInt set = number(columns);
        java.util.OptionalInt found = set.isPresent() || !stdoutIsTerminal ? set : stty.get();
        return found.isPresent() ? Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, found.getAsInt())) : DEFAULT_WIDTH;
    }

    private static java.util.OptionalInt number(String text) {
        try {
            int n = Integer.parseInt(text == null ? "" : text.trim());
            return n > 0 ? java.util.OptionalInt.of(n) : java.util.OptionalInt.empty();
        } catch (NumberFormatException e) {
            return java.util.OptionalInt.empty();
        }
    }

    /** The columns of the controlling terminal by {@code stty size < /dev/tty} ("rows columns"); empty when it cannot be told within a second. */
    static java.util.OptionalInt sttyColumns() {
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(new java.io.File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(1, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return java.util.OptionalInt.empty();
            }
            String[] parts = new String(p.getInputStream().readNBytes(64), java.nio.charset.StandardCharsets.US_ASCII)
                    .trim().split("\\s+");
            return p.exitValue() == 0 && parts.length == 2 ? number(parts[1]) : java.util.OptionalInt.empty();
        } catch (java.io.IOException | RuntimeException e) {
            return java.util.OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.OptionalInt.empty();
        }
    }

    /** File descriptor 1 or 2 of this process links to a terminal; false wherever that cannot be told. */
    static boolean isTerminal(int fd) {
        try {
            String target = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return false;
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
        return isTerminal(2);
    }
}
