package de.tomaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import de.tomaudit.i18n.Texts;
import de.tomaudit.report.tom.TomTexts;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Texts with a count say "1 more evidence line" and "2 more evidence lines" ("1 weitere
 * Nachweiszeile", "2 weitere Nachweiszeilen"), not "1 more evidence lines" (issue 12): for counts
 * 0, 1 and 2, the text for 1 is not the text for 2 with the number swapped, and 0 takes the plural.
 */
class CountTextsTest {

    private static void singularAndPlural(String key, BiFunction<String, Integer, String> format) {
        String zero = format.apply(key, 0);
        String one = format.apply(key, 1);
        String two = format.apply(key, 2);
        assertNotEquals(two.replace("2", "1"), one, key + ": the singular is the plural with 1 in it: " + one);
        assertEquals(two.replace("2", "0"), zero, key + ": 0 takes the plural");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void consoleAndEvidenceCounts(String lang) {
        Texts t = Texts.of(lang);
        for (String key : List.of("console.more", "target.causes", "evidence.host.processes.count",
                "evidence.host.apt.would-upgrade", "evidence.host.apt.installed-count", "evidence.host.logrotate.kept-arrow",
                "evidence.probe.tls.expired", "evidence.probe.tls.days-left")) {
            singularAndPlural(key, (k, n) -> t.get(k, n));
        }
        singularAndPlural("evidence.host.logrotate.rotated-kept", (k, n) -> t.get(k, "/etc/logrotate.d/x", (long) n));
        singularAndPlural("evidence.prosody.log-keeps", (k, n) -> t.get(k, (long) n, "/etc/logrotate.d/prosody"));
        assertEquals(t.get("evidence.probe.tls.days-left", 12345).replace("12345", "2"), t.get("evidence.probe.tls.days-left", 2),
                "day counts without grouping, as before");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void documentCounts(String lang) {
        ReportTexts t = ReportTexts.of(lang);
        singularAndPlural("evidence.omitted", (k, n) -> t.format(k, n, 77));
        assertNotEquals(t.get("header.rulesCount"), t.get("header.rulesCount.one"), "one rule, two rules");
        TomTexts tom = TomTexts.of(lang);
        singularAndPlural("evidence.more", (k, n) -> tom.format(k, n));
    }
}
