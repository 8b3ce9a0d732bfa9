package de.tomaudit.target.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import de.tomaudit.target.DirEntry;
import de.tomaudit.target.FileStat;
import de.tomaudit.target.TargetException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Listings read with sudo ls: GNU ls 9.1 output (C locale, C quoting) as printed on Debian 12. */
class LsListingTest {
    private static final String OUTPUT = String.join("\n",
            "total 4",
            "-rw-r--r-- 1 0 0    0 1795400990 \"a b\"",
            "-rw-r--r-- 1 0 0    0 1795400990 \"back\\\\slash\"",
            "prw-r--r-- 1 0 0    0 1795400990 \"fifo\"",
            "lrwxrwxrwx 1 0 0    5 1795400990 \"link\" -> \"plain\"",
            "-rw-r--r-- 1 0 0    0 1795400990 \"new\\nline\"",
            "-rw-r--r-- 1 0 0    0 1795400990 \"q\\\"uote\"",
            "drwxr-xr-x 2 0 0 4096 1795400990 \"sub\"",
            "crw-rw-rw- 1 0 0 1, 3 1795400990 \"null\"",
            "-rw-r--r-- 1 0 0    0 1795400990 \"\\303\\251\"",
            "");

    @Test
    void namesAndTypesComeBackExactly() throws Exception {
        assertEquals(List.of(
                new DirEntry("a b", FileStat.Type.FILE),
                new DirEntry("back\\slash", FileStat.Type.FILE),
                new DirEntry("fifo", FileStat.Type.OTHER),
                new DirEntry("link", FileStat.Type.SYMLINK),
                new DirEntry("new\nline", FileStat.Type.FILE),
                new DirEntry("null", FileStat.Type.OTHER),
                new DirEntry("q\"uote", FileStat.Type.FILE),
                new DirEntry("sub", FileStat.Type.DIRECTORY),
                new DirEntry("é", FileStat.Type.FILE)), LsListing.parse("/d", OUTPUT));
        assertEquals(List.of(), LsListing.parse("/empty", "total 0\n"));
    }

    @Test
    void entriesLsCouldNotStatAreLeftOutAsSftpServerDoes() throws Exception {
        String readableNotSearchable = "total 0\nl????????? ? ? ? ?            ? \"localhost.cfg.lua\"\n"
                + "-????????? ? ? ? ?            ? \"other.cfg.lua\"\n";
        assertEquals(List.of(), LsListing.parse("/etc/prosody/conf.d", readableNotSearchable));
    }

    @Test
    void aFileOrGarbageIsAnError() {
        TargetException file = assertThrows(TargetException.class,
                () -> LsListing.parse("/etc/passwd", "-rw-r--r-- 1 0 0 1 1795400990 \"/etc/passwd\"\n"));
        assertEquals("/etc/passwd: not a directory", file.getMessage());
        for (String bad : List.of("total 1\nno quotes here\n", "total 1\n?rw 1 0 0 1 1 \"x\"\n", "total 1\n-rw 1 0 0 1 1 \"open\n")) {
            assertEquals(TargetException.Reason.IO, assertThrows(TargetException.class, () -> LsListing.parse("/d", bad)).reason());
        }
    }
}
