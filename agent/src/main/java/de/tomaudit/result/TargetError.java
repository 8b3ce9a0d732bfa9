package de.tomaudit.result;

/** Something that kept a target from being audited completely: where (stage) and what. */
public record TargetError(String stage, String message) { }
