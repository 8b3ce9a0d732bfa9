package de.tomaudit.rules;

/** A text in English and German. */
public record Text(String en, String de) {

    public static final Text EMPTY = new Text("", "");

    public String in(String lang) {
        return "de".equals(lang) && !de.isEmpty() ? de : en;
    }
}
