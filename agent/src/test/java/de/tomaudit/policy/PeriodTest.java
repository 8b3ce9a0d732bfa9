package de.tomaudit.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PeriodTest {

    @ParameterizedTest
    @CsvSource({
            "7 days, 604800", "7d, 604800", "7, 604800", "0, 0", "1 week, 604800", "2 weeks, 1209600", "2w, 1209600",
            "30 Tage, 2592000", "zwei, -2", "1 month, 2592000", "1 Monat, 2592000", "1 year, 31556952", "12 months, 31556952", "24 Monate, 63113904", "13 months, 33696000", "P1Y, 31556952", "12 hours, 43200",
            "12h, 43200", "P7D, 604800", "PT12H, 43200", "P1M, 2592000", "forever, -1", "unbegrenzt, -1", "5 Tage, 432000"})
    void parsesNoticeWording(String text, long seconds) {
        if (seconds == -2) {
            assertTrue(Period.parse(text).isEmpty(), text);
            return;
        }
        assertEquals(seconds, Period.parse(text).orElseThrow().seconds(), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "7 fortnights", "P", "-3 days", "7 days and more"})
    void refusesWhatIsNoPeriod(String text) {
        assertTrue(Period.parse(text).isEmpty(), text);
    }

    @ParameterizedTest
    @CsvSource({"P7D, 7", "PT36H, 2", "forever, -1"})
    void daysRoundUp(String text, long days) {
        assertEquals(days, Period.parse(text).orElseThrow().days());
    }
}
