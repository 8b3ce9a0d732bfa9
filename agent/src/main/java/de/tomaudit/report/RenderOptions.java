package de.tomaudit.report;

/**
 * How to render: language, whether ANSI colours are allowed, the failure threshold shown, and for
 * the TOM annex the grouping vocabulary ({@code kontrolle}, {@code gdpr}, {@code sdm}) and the
 * organisation named in its header (empty: not given).
 */
public record RenderOptions(String lang, boolean colour, String failOn, String tomGroup, String org) {

    public RenderOptions {
        tomGroup = tomGroup == null || tomGroup.isBlank() ? "kontrolle" : tomGroup;
        org = org == null ? "" : org.strip();
    }

    public RenderOptions(String lang, boolean colour, String failOn) {
        this(lang, colour, failOn, "kontrolle", "");
    }
}
