package de.tomaudit.collect.prosody;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How each release line reads expiry options: the defaults and quirks the rules' assumes rely on. */
class ProsodyPeriodsTest {
    private static final long DAY = 86_400;

    private static String show(Expiry e) {
        return e.kind() == Expiry.Kind.AFTER ? String.valueOf(e.seconds()) : e.kind().name();
    }

    @ParameterizedTest(name = "0.12 archive \"{0}\" = {1}")
    @CsvSource({"1w, 604800", "2 weeks, 1209600", "1d, 86400", "1m, 2678400", "1 month, 2678400", "1y, 31556952",
            "12h, 12", "604800, 604800", "1.5w, 1", "never, NEVER", "forever, INVALID", "'', INVALID"})
    void prosody012Archive(String value, String expected) {
        assertEquals(expected, show(ProsodyPeriods.archive(value, ProsodyVersion.V0_12)));
    }

    @Test
    void prosody012ArchiveNumbersAreSeconds() {
        assertEquals(604_800L, ProsodyPeriods.archive(604_800L, ProsodyVersion.V0_12).seconds());
    }

    @ParameterizedTest(name = "13 archive \"{0}\" = {1}")
    @CsvSource({"1w, 604800", "2 weeks, 1209600", "1 month, 2678400", "1m, 2678400", "12h, 43200", "1 hour, 3600",
            "30 minutes, 1800", "1y, 31556952", "604800, 604800", "never, NEVER", "soon, INVALID"})
    void prosody13Archive(String value, String expected) {
        assertEquals(expected, show(ProsodyPeriods.archive(value, ProsodyVersion.V13)));
    }

    @Test
    void prosody13NumbersAndFalse() {
        assertEquals(3600L, ProsodyPeriods.archive(3600L, ProsodyVersion.V13).seconds());
        assertEquals(Expiry.Kind.NEVER, ProsodyPeriods.archive(false, ProsodyVersion.V13).kind());
    }

    @Test
    void fileShareExpiryPerReleaseLine() {
        assertEquals(7 * DAY, ProsodyPeriods.fileShare(7 * DAY, ProsodyVersion.V0_12).seconds());
        assertEquals(Expiry.Kind.NEVER, ProsodyPeriods.fileShare(-1L, ProsodyVersion.V0_12).kind(), "negative disables (0.12)");
        assertEquals(Expiry.Kind.INVALID, ProsodyPeriods.fileShare("1w", ProsodyVersion.V0_12).kind(),
                "0.12 wants a number: the module fails to load");
        assertEquals(7 * DAY, ProsodyPeriods.fileShare("1w", ProsodyVersion.V13).seconds());
        assertEquals(Expiry.Kind.NEVER, ProsodyPeriods.fileShare("never", ProsodyVersion.V13).kind());
        assertEquals(Expiry.Kind.NEVER, ProsodyPeriods.fileShare(-5L, ProsodyVersion.V13).kind());
    }

    @ParameterizedTest
    @CsvSource({"0.12.3, V0_12", "0.11.9, V0_12", "13.0.1, V13", "13.0, V13", "14.1, V13"})
    void releaseLines(String version, ProsodyVersion line) {
        assertEquals(Optional.of(line), ProsodyVersion.of(version));
    }

    @Test
    void unreadableVersion() {
        assertEquals(Optional.empty(), ProsodyVersion.of("trunk"));
    }
}
