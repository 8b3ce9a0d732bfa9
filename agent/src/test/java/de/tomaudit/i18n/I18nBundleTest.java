package de.tomaudit.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import de.tomaudit.testsupport.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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

    private static final Path MAIN = TestPaths.repo().resolve("agent/src/main/java/de/tomaudit");
    /** The application collectors, whose evidence texts come from message keys (issue 12 point 7). */
    private static final List<String> APP_PACKAGES = List.of("collect/ejabberd", "collect/prosody", "collect/mastodon",
            "collect/bbb", "collect/policy", "probe/mastodon");
    private static final Pattern KEY_USE = Pattern.compile("AuditTexts\\.get\\(\\s*\"([a-z0-9.-]+)\"\\s*[,)]");
    private static final Pattern EVIDENCE = Pattern.compile("new Evidence\\(|Evidence\\.(?:at|file|byDefault|probe|command|computed)\\(|"
            + "EjEvidence\\.(?:at|byDefault)\\(|OptionEvidence\\.(?:of|field|entry)\\(");
    /** A string literal with two English words in a row ("not set", "is started"): prose, not a value or a marker. */
    private static final Pattern PROSE = Pattern.compile("\"[^\"]*\\b[a-z]{2,} [a-z]{2,}\\b[^\"]*\"");

    @Test
    void everyKeyTheCodeAsksForExistsInBothLanguages() throws Exception {
        List<String> missing = new ArrayList<>();
        int used = 0;
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = KEY_USE.matcher(Files.readString(f));
                while (m.find()) {
                    used++;
                    for (String lang : Texts.LANGUAGES) {
                        if (!Texts.keys(lang).contains(m.group(1))) {
                            missing.add(MAIN.relativize(f) + ": " + m.group(1) + " has no " + lang + " text");
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), missing);
        assertFalse(used < 150, "keys asked for by the code: " + used);
    }

    /** No English prose in the evidence the application collectors build: it comes from the bundles. */
    @Test
    void theApplicationCollectorsWriteNoEnglishEvidenceInCode() throws Exception {
        List<String> prose = new ArrayList<>();
        for (String pkg : APP_PACKAGES) {
            try (Stream<Path> files = Files.walk(MAIN.resolve(pkg))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String code = Files.readString(f);
                    Matcher m = EVIDENCE.matcher(code);
                    while (m.find()) {
                        String args = arguments(code, m.end());
                        Matcher p = PROSE.matcher(args);
                        if (p.find()) {
                            prose.add(MAIN.relativize(f) + ": " + p.group());
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), prose);
    }

    /** The text of a call's arguments from just after its opening parenthesis to the matching close. */
    private static String arguments(String code, int from) {
        int depth = 1;
        boolean quoted = false;
        for (int i = from; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '"' && code.charAt(i - 1) != '\\') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && --depth == 0) {
                return code.substring(from, i);
            }
        }
        return code.substring(from);
    }
}
