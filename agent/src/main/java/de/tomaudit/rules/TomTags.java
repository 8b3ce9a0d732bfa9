package de.tomaudit.rules;

import de.tomaudit.i18n.AuditTexts;
import java.util.List;
import java.util.Set;

/**
 * The three TOM vocabularies of shared/docs/TOM.md a rule is filed under. Only the listed
 * tags are accepted, so a typo in a rule file is caught when it is loaded. The GDPR list adds
 * to TOM.md's the articles of the organisational measures (org pack): Art. 15 (access requests),
 * Art. 30 (records of processing) and Art. 37 (data protection officer).
 */
public record TomTags(List<String> gdpr, List<String> sdm, List<String> kontrolle) {

    public static final Set<String> GDPR = Set.of("art5-1c", "art5-1e", "art13", "art25", "art28", "art32-1a",
            "art32-1b", "art32-1c", "art32-1d", "art33", "art44", "art15", "art30", "art37");
    public static final Set<String> SDM = Set.of("datenminimierung", "verfuegbarkeit", "integritaet",
            "vertraulichkeit", "nichtverkettung", "transparenz", "intervenierbarkeit");
    public static final Set<String> KONTROLLE = Set.of("zutrittskontrolle", "zugangskontrolle", "zugriffskontrolle",
            "weitergabekontrolle", "eingabekontrolle", "auftragskontrolle", "verfuegbarkeitskontrolle",
            "trennungskontrolle", "verschluesselung", "pseudonymisierung", "wiederherstellbarkeit",
            "ueberpruefungsverfahren");

    public TomTags {
        gdpr = List.copyOf(gdpr);
        sdm = List.copyOf(sdm);
        kontrolle = List.copyOf(kontrolle);
    }

    /** The tags of one vocabulary by its name ({@code gdpr}, {@code sdm}, {@code kontrolle}). */
    public List<String> of(String vocabulary) {
        return switch (vocabulary) {
            case "gdpr" -> gdpr;
            case "sdm" -> sdm;
            case "kontrolle" -> kontrolle;
            default -> throw new IllegalArgumentException("unknown TOM vocabulary: " + vocabulary);
        };
    }

    public static Set<String> vocabulary(String name) {
        return switch (name) {
            case "gdpr" -> GDPR;
            case "sdm" -> SDM;
            case "kontrolle" -> KONTROLLE;
            default -> throw new IllegalArgumentException(AuditTexts.get("input.rule.vocabulary", name));
        };
    }
}
