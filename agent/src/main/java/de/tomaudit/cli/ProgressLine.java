package de.tomaudit.cli;

import java.time.Duration;

/**
 * The one-line progress of a fleet run: {@code tomaudit: 12/100 targets done, 1 failed, about 1 min
 * 20 s left}. "Failed" counts targets that could not be audited completely (partial or
 * unreachable). Time left is estimated from the pace so far: the time per finished target
 * (targets run in parallel, so this already divides by the pool) times the targets not yet done.
 */
final class ProgressLine {

    private ProgressLine() { }

    static String format(int done, int total, int failed, Duration elapsed) {
        StringBuilder b = new StringBuilder("tomaudit: ").append(done).append('/').append(total).append(" targets done, ")
                .append(failed).append(" failed, ");
        if (done >= total) {
            b.append("finished in ").append(duration(elapsed));
        } else if (done == 0) {
            b.append("time left not known yet");
        } else {
            long leftMillis = elapsed.toMillis() * (total - done) / done;
            b.append("about ").append(duration(Duration.ofMillis(leftMillis))).append(" left");
        }
        return b.toString();
    }

    /** {@code 45 s}, {@code 3 min 05 s}, {@code 2 h 07 min}; under a second is {@code 0 s}. */
    static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format("%d min %02d s", s / 60, s % 60);
        }
        return String.format("%d h %02d min", s / 3600, (s % 3600) / 60);
    }
}
