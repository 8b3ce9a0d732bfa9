package de.tomaudit.target;

import java.time.Duration;

/** Bounds on what one target may cost: file size, command time and output. */
public record Limits(long maxFileBytes, Duration commandTimeout, int maxOutputBytes) {

    public static final Limits DEFAULT = new Limits(4L * 1024 * 1024, Duration.ofSeconds(15), 8 * 1024 * 1024);
}
