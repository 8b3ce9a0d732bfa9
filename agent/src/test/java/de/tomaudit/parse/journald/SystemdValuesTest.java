package de.tomaudit.parse.journald;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SystemdValuesTest {

    @Test
    void timeSpansInSystemdUnits() {
        assertEquals(Optional.of(30L * 86_400), SystemdTimeSpan.seconds("30d"));
        assertEquals(Optional.of(2_629_800L), SystemdTimeSpan.seconds("1month"));
        assertEquals(Optional.of(2_629_800L), SystemdTimeSpan.seconds("1M"));
        assertEquals(Optional.of(60L), SystemdTimeSpan.seconds("1m"), "m is minutes, M months");
        assertEquals(Optional.of(14L * 86_400), SystemdTimeSpan.seconds("2weeks"));
        assertEquals(Optional.of(5_400L), SystemdTimeSpan.seconds("1h 30min"));
        assertEquals(Optional.of(5_400L), SystemdTimeSpan.seconds("1h30min"));
        assertEquals(Optional.of(5_400L), SystemdTimeSpan.seconds("1.5h"));
        assertEquals(Optional.of(7L * 86_400), SystemdTimeSpan.seconds("7 days"));
        assertEquals(Optional.of(3_600L), SystemdTimeSpan.seconds("3600"));
        assertEquals(Optional.of(31_557_600L), SystemdTimeSpan.seconds("1y"));
        assertEquals(Optional.of(0L), SystemdTimeSpan.seconds("0"));
        assertEquals(Optional.empty(), SystemdTimeSpan.seconds("forever"));
        assertEquals(Optional.empty(), SystemdTimeSpan.seconds("5 fortnights"));
        assertEquals(Optional.empty(), SystemdTimeSpan.seconds(""));
        assertEquals(Optional.empty(), SystemdTimeSpan.seconds("9".repeat(400) + "y"));
    }

    @Test
    void sizesInPowersOf1024() {
        assertEquals(Optional.of(4L * 1024 * 1024 * 1024), SystemdSize.bytes("4G"));
        assertEquals(Optional.of(500L * 1024 * 1024), SystemdSize.bytes("500M"));
        assertEquals(Optional.of(1536L), SystemdSize.bytes("1.5K"));
        assertEquals(Optional.of(100L), SystemdSize.bytes("100"));
        assertEquals(Optional.empty(), SystemdSize.bytes("10%"));
        assertEquals(Optional.empty(), SystemdSize.bytes("99999999E"));
    }

    @Test
    void confFilesWithSectionsCommentsAndContinuations() {
        SystemdConfFile f = SystemdConfParser.parse("/etc/systemd/journald.conf",
                "# c\n; c\nStray=1\n[Journal]\n Storage = persistent \nMaxRetention\\\nSec=1week\nnoequals\n[Other]\nStorage=none\n");
        assertEquals(List.of("Journal", "Journal", "Other"), f.entries().stream().map(SystemdConfEntry::section).toList());
        assertEquals("persistent", f.entries().get(0).value());
        assertEquals(5, f.entries().get(0).line());
        assertEquals("MaxRetention Sec", f.entries().get(1).key(), "systemd joins continued lines with a space");
        assertEquals(2, f.problems().size(), f.problems().toString());
    }

    @Test
    void laterFilesWinEmptyValuesResetInvalidValuesAreIgnored() {
        SystemdConfFile main = SystemdConfParser.parse("/etc/systemd/journald.conf",
                "[Journal]\nStorage=volatile\nMaxRetentionSec=1month\nSystemMaxUse=1G\n");
        SystemdConfFile dropIn = SystemdConfParser.parse("/etc/systemd/journald.conf.d/50-x.conf",
                "[Journal]\nStorage=persistent\nMaxRetentionSec=\nSystemMaxUse=lots\n");
        JournaldSettings s = JournaldSettings.of(List.of(main, dropIn));
        assertEquals("persistent", s.get("Storage").orElseThrow().value());
        assertEquals("/etc/systemd/journald.conf.d/50-x.conf:2", s.get("Storage").orElseThrow().source());
        assertEquals(Optional.empty(), s.get("MaxRetentionSec"));
        assertEquals("1G", s.get("SystemMaxUse").orElseThrow().value());
        assertEquals(1, s.problems().size(), s.problems().toString());
    }
}
