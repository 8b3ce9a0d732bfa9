package de.tomaudit.target;

/**
 * Something that kept a target from giving everything it was asked for, beyond single reads:
 * {@code sudo} refused, the connection lost midway. The audit turns each into a target error
 * (the target is then {@code partial}).
 */
public record AccessProblem(String stage, String message) { }
