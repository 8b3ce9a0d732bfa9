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
}
