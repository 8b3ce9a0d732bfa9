package de.tomaudit.report.tom;

import de.tomaudit.result.Finding;
import java.util.List;
import java.util.Locale;

/**
 * The vocabulary the annex is structured by ({@code --tom-group}), with its categories in the order
 * German TOM templates list them (TOM.md): the classic controls extended by the Art. 32 terms, the
 * GDPR articles in numeric order, or the SDM protection goals.
 */
public enum TomGrouping {
    KONTROLLE(List.of("zutrittskontrolle", "zugangskontrolle", "zugriffskontrolle", "weitergabekontrolle",
            "eingabekontrolle", "auftragskontrolle", "verfuegbarkeitskontrolle", "trennungskontrolle",
            "verschluesselung", "pseudonymisierung", "wiederherstellbarkeit", "ueberpruefungsverfahren")),
    GDPR(List.of("art5-1c", "art5-1e", "art13", "art15", "art25", "art28", "art30", "art32-1a", "art32-1b",
            "art32-1c", "art32-1d", "art33", "art37", "art44")),
    SDM(List.of("datenminimierung", "verfuegbarkeit", "integritaet", "vertraulichkeit", "nichtverkettung",
            "transparenz", "intervenierbarkeit"));

    private final List<String> categories;

    TomGrouping(List<String> categories) {
        this.categories = categories;
    }

    /** The {@code --tom-group} name. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public List<String> categories() {
        return categories;
    }

    /** The finding's tags in this vocabulary (may be empty, or hold tags a newer version knows). */
    public List<String> tags(Finding.Tom tom) {
        if (tom == null) {
            return List.of();
        }
        List<String> tags = switch (this) {
            case KONTROLLE -> tom.kontrolle();
            case GDPR -> tom.gdpr();
            case SDM -> tom.sdm();
        };
        return tags == null ? List.of() : tags;
    }

    public static TomGrouping parse(String s) {
        for (TomGrouping g : values()) {
            if (g.key().equals(s)) {
                return g;
            }
        }
        throw new IllegalArgumentException("--tom-group must be kontrolle, gdpr or sdm, not '" + s + "'");
    }
}
