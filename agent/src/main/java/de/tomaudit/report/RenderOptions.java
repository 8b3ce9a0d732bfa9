package de.tomaudit.report;

/**
 * How to render. {@code lang} is de or en; {@code colour} whether ANSI colours are allowed (console);
 * {@code failOn} the failure threshold shown; {@code tomGroup} the TOM annex's grouping
 * (kontrolle, gdpr, sdm) and {@code org} the organisation named in document headers (empty when not
 * given); {@code width} the console's line width and {@code verbose} whether to show everything (all
 * evidence, whole remediations). Formats ignore what they do not use.
 */
public record RenderOptions(String lang, boolean colour, String failOn, String tomGroup, String org, int width,
                            boolean verbose) {
    public static final int DEFAULT_WIDTH = 80;

    public RenderOptions {
        lang = lang == null || lang.isBlank() ? "en" : lang;
        failOn = failOn == null ? "high" : failOn;
        tomGroup = tomGroup == null || tomGroup.isBlank() ? "kontrolle" : tomGroup;
        org = org == null ? "" : org.strip();
        width = width < 40 ? DEFAULT_WIDTH : width;
    }

    public RenderOptions(String lang, boolean colour, String failOn) {
        this(lang, colour, failOn, null, null, DEFAULT_WIDTH, false);
    }

    public RenderOptions(String lang, boolean colour, String failOn, String tomGroup, String org) {
        this(lang, colour, failOn, tomGroup, org, DEFAULT_WIDTH, false);
    }

    public RenderOptions(String lang, boolean colour, String failOn, int width, boolean verbose) {
        this(lang, colour, failOn, null, null, width, verbose);
    }

    /** Options for documents: no colour, default threshold. */
    public static RenderOptions of(String lang, String tomGroup, String org) {
        return new RenderOptions(lang, false, "high", tomGroup, org);
    }

    public boolean german() {
        return "de".equals(lang);
    }
}
