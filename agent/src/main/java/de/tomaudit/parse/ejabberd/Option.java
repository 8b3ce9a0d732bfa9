package de.tomaudit.parse.ejabberd;

/** A top-level option (or one inside {@code host_config}): its name, where the name is written, its value. */
public record Option(String key, Loc keyLoc, EjValue value) { }
