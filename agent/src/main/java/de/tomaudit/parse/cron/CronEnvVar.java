package de.tomaudit.parse.cron;

/** A {@code NAME=value} line of a crontab; it applies to the job lines after it. */
public record CronEnvVar(String name, String value, String path, int line) { }
