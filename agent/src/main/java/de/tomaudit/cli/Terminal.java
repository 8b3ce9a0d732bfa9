package de.tomaudit.cli;

/** Whether to colour the console output: a terminal, NO_COLOR unset, TERM not dumb. */
final class Terminal {

    private Terminal() { }

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
}
