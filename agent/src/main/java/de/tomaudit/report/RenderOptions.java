package de.tomaudit.report;

/** How to render: language, whether ANSI colours are allowed, and the failure threshold shown. */
public record RenderOptions(String lang, boolean colour, String failOn) { }
