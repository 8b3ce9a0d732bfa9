package de.tomaudit.rules;

/** A failure's severity under a circumstance: the first grade whose condition holds wins. */
public record Grade(Condition when, Severity severity) { }
