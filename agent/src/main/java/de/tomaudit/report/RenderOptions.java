package de.tomaudit.report;

/**
 * How to render: language, whether ANSI colours are allowed, the failure threshold shown, the width
 * to wrap console lines to, and whether to show everything (all evidence, whole remediations).
 */
public record RenderOptions(String lang, boolean colour, String failOn, int width, boolean verbose) {
    public static final int DEFAULT_WIDTH = 80;

    public RenderOptions {
        width = width < 40 ? DEFAULT_WIDTH : width;
    }

    public RenderOptions(String lang, boolean colour, String failOn) {
        this(lang, colour, failOn, DEFAULT_WIDTH, false);
    }
}
