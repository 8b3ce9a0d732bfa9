package de.tomaudit.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class I18nBundleTest {

    @Test
    void everyKeyHasBothLanguagesAndTheTestListsTheGaps() {
        List<String> gaps = new ArrayList<>();
        for (String lang : Texts.LANGUAGES) {
            String other = lang.equals("de") ? "en" : "de";
            Set<String> missing = new TreeSet<>(Texts.keys(other));
            missing.removeAll(Texts.keys(lang));
            missing.forEach(k -> gaps.add(k + " has no " + lang + " text"));
        }
        assertEquals(List.of(), gaps);
        assertFalse(Texts.keys("en").isEmpty());
    }

    @Test
    void everyPatternIsAValidMessageFormatAndGermanDiffersFromEnglish() {
        for (String key : Texts.keys("en")) {
            for (String lang : Texts.LANGUAGES) {
                new MessageFormat(Texts.bundle(lang).getProperty(key));
            }
        }
        assertEquals("nicht bestanden", Texts.of("de").get("status.fail"));
        assertNotEquals(Texts.of("de").get("console.counts", 1, 2, 3, 4, 5), Texts.of("en").get("console.counts", 1, 2, 3, 4, 5));
    }

    @Test
    void bothLanguagesOfAKeyTakeTheSameArguments() {
        java.util.regex.Pattern arg = java.util.regex.Pattern.compile("\\{(\\d+)");
        List<String> differ = new ArrayList<>();
        for (String key : Texts.keys("en")) {
            Set<String> en = new TreeSet<>(arg.matcher(Texts.bundle("en").getProperty(key)).results().map(m -> m.group(1)).toList());
            String deText = Texts.bundle("de").getProperty(key);
            Set<String> de = deText == null ? en
                    : new TreeSet<>(arg.matcher(deText).results().map(m -> m.group(1)).toList());
            if (!en.equals(de)) {
                differ.add(key + ": en " + en + ", de " + de);
            }
        }
        assertEquals(List.of(), differ);
    }

    @Test
    void aMissingKeyFallsBackToTheOtherLanguageThenToItself() {
        Texts.bundle("de").remove("status.pass");
        try {
            assertEquals("pass", Texts.of("de").get("status.pass"));
        } finally {
            Texts.bundle("de").setProperty("status.pass", "bestanden");
        }
        assertEquals("no.such.key", Texts.of("de").get("no.such.key"));
    }
}
