package de.tomaudit.parse.cron;

/** A line cron would reject, with file and 1-based line. */
public record CronProblem(String path, int line, String message) {

    @Override
    public String toString() {
        return path + ":" + line + ": " + message;
    }
}
