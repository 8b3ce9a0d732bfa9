package de.tomaudit.parse.apt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.testsupport.TestPaths;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AptConfParserTest {

    /** A test resource of collect/host/apt/ (outputs captured on a Debian 12 machine, crafted cases). */
    static String resource(String name) throws IOException {
        try (java.io.InputStream in = AptConfParserTest.class.getResourceAsStream("/collect/host/apt/" + name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** A file of Debian 12's unattended-upgrades package (20auto-upgrades is what its postinst installs). */
    static String debian(String name) {
        return TestPaths.debianText("unattended-upgrades", "usr/share/unattended-upgrades/" + name);
    }

    @Test
    void readsDebiansRealUnattendedUpgradesFiles() throws IOException {
        AptConfFile auto = AptConfParser.parse("/etc/apt/apt.conf.d/20auto-upgrades", debian("20auto-upgrades"));
        AptConfFile uu = AptConfParser.parse("/etc/apt/apt.conf.d/50unattended-upgrades", debian("50unattended-upgrades"));
        assertEquals(List.of(), auto.problems());
        assertEquals(List.of(), uu.problems());
        AptConfig c = AptConfig.of(List.of(auto, uu));
        assertEquals("1", c.value("APT::Periodic::Unattended-Upgrade").orElseThrow().value());
        assertEquals(2, c.value("apt::periodic::unattended-upgrade").orElseThrow().line(), "names are case-insensitive");
        List<AptConfOp> origins = c.list("Unattended-Upgrade::Origins-Pattern");
        assertEquals(3, origins.size(), "commented patterns are not counted");
        assertEquals("origin=Debian,codename=${distro_codename}-security,label=Debian-Security", origins.get(2).value());
        assertEquals(33, origins.get(2).line());
        assertEquals(List.of(), c.list("Unattended-Upgrade::Package-Blacklist"));
    }

    @Test
    void nestedScopesCommentsAndAppendSyntax() {
        String text = """
                /* block comment
                   APT::Periodic::Unattended-Upgrade "1"; */
                APT {
                  Periodic {
                    Update-Package-Lists "1"; // trailing comment
                    Unattended-Upgrade "0";   # hash comment
                  };
                };
                Unattended-Upgrade::Origins-Pattern:: "origin=Debian,label=Debian-Security";
                DPkg::Pre-Install-Pkgs {"/usr/sbin/dpkg-preconfigure --apt";};
                """;
        AptConfFile f = AptConfParser.parse("/x", text);
        assertEquals(List.of(), f.problems());
        AptConfig c = AptConfig.of(List.of(f));
        assertEquals("1", c.value("APT::Periodic::Update-Package-Lists").orElseThrow().value());
        assertEquals(5, c.value("APT::Periodic::Update-Package-Lists").orElseThrow().line());
        assertEquals("0", c.value("APT::Periodic::Unattended-Upgrade").orElseThrow().value());
        assertEquals(1, c.list("Unattended-Upgrade::Origins-Pattern").size());
        assertEquals("/usr/sbin/dpkg-preconfigure --apt", c.list("DPkg::Pre-Install-Pkgs").get(0).value());
    }

    @Test
    void laterFilesWinAndClearErasesLists() {
        AptConfFile a = AptConfParser.parse("/a", "APT::Periodic::Unattended-Upgrade \"1\";\n"
                + "Unattended-Upgrade::Origins-Pattern { \"o=Debian,l=Debian-Security\"; };\n");
        AptConfFile b = AptConfParser.parse("/b", "APT::Periodic::Unattended-Upgrade \"0\";\n"
                + "#clear Unattended-Upgrade::Origins-Pattern;\n"
                + "Unattended-Upgrade::Origins-Pattern { \"o=Debian,a=stable-updates\"; };\n");
        AptConfig c = AptConfig.of(List.of(a, b));
        assertEquals("/b:1", c.value("APT::Periodic::Unattended-Upgrade").orElseThrow().source());
        assertEquals(List.of("o=Debian,a=stable-updates"),
                c.list("Unattended-Upgrade::Origins-Pattern").stream().map(AptConfOp::value).toList());
        AptConfig reversed = AptConfig.of(List.of(b, a));
        assertEquals("1", reversed.value("APT::Periodic::Unattended-Upgrade").orElseThrow().value());
        assertEquals(2, reversed.list("Unattended-Upgrade::Origins-Pattern").size(), "without a later #clear the lists add up");
    }

    @Test
    void syntaxErrorsNameFileAndLine() {
        AptConfFile missingSemicolon = AptConfParser.parse("/etc/apt/apt.conf.d/99bad",
                "APT::Periodic::Update-Package-Lists \"1\";\nAPT::Periodic::Unattended-Upgrade \"1\"\n");
        assertFalse(missingSemicolon.problems().isEmpty());
        assertEquals("/etc/apt/apt.conf.d/99bad:2: missing ';'", missingSemicolon.problems().get(0).toString());
        assertEquals(2, AptConfParser.parse("/x", "APT {\n Periodic \"1\";\n").problems().get(0).line() - 1);
        assertTrue(AptConfParser.parse("/x", "};").problems().get(0).message().contains("without a matching"));
        assertTrue(AptConfParser.parse("/x", "A \"unterminated;\n").problems().get(0).message().contains("unterminated"));
        assertTrue(AptConfParser.parse("/x", "\"value\";").problems().get(0).message().contains("without an option name"));
    }

    @Test
    void binaryLikeGarbageDoesNotCrash() {
        AptConfFile f = AptConfParser.parse("/x", "\u0001\u0002{{{;;\"\u00ff}}}");
        assertFalse(f.problems().isEmpty());
    }
}
