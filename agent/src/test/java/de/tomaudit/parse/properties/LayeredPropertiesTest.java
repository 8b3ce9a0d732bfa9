package de.tomaudit.parse.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.testsupport.TestPaths;
import java.nio.file.Files;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class LayeredPropertiesTest {
    private static final String DEFAULTS = "/usr/share/bbb-web/WEB-INF/classes/bigbluebutton.properties";
    private static final String OVERRIDE = "/etc/bigbluebutton/bbb-web.properties";

    @Test
    void everyKeyOfTheUpstreamFileReadsAsJavaUtilPropertiesDoes() throws Exception {
        String text = Files.readString(TestPaths.sharedFixture("bigbluebutton").resolve("bigbluebutton.properties"));
        Properties jup = new Properties();
        jup.load(new java.io.StringReader(text));
        LayeredProperties p = LayeredProperties.read(List.of(new LayeredProperties.Layer(DEFAULTS, text)));
        assertEquals(jup.stringPropertyNames(), p.keys());
        for (String k : jup.stringPropertyNames()) {
            assertEquals(jup.getProperty(k), p.entry(k).orElseThrow().raw(), k);
            int line = p.entry(k).orElseThrow().line();
            String atLine = text.lines().skip(line - 1).findFirst().orElseThrow();
            assertTrue(atLine.stripLeading().startsWith(k), k + " is cited at line " + line + ": " + atLine);
        }
        assertTrue(jup.stringPropertyNames().size() > 100);
    }

    @Test
    void overrideDecidesAndReferencesResolveAcrossLayers() {
        LayeredProperties p = LayeredProperties.read(List.of(
                new LayeredProperties.Layer(DEFAULTS, "# c\nbigbluebutton.web.serverURL=http://bigbluebutton.example.com\n"
                        + "defaultHTML5ClientUrl=${bigbluebutton.web.serverURL}/html5client/\nappLogLevel=DEBUG\n"),
                new LayeredProperties.Layer(OVERRIDE, "\n\nbigbluebutton.web.serverURL=https://bbb.example.org\n")));
        LayeredProperties.Value v = p.value("defaultHTML5ClientUrl").orElseThrow();
        assertEquals("https://bbb.example.org/html5client/", v.text().orElseThrow());
        assertEquals(DEFAULTS + ":3", v.decidedBy().source());
        assertEquals(OVERRIDE + ":3", v.references().get(0).source());
        assertEquals(DEFAULTS + ":4", p.value("appLogLevel").orElseThrow().decidedBy().source());
        assertEquals(OVERRIDE + ":3", p.value("bigbluebutton.web.serverURL").orElseThrow().decidedBy().source());
    }

    @Test
    void aCycleIsAProblemOfThatKeyWithItsLine() {
        LayeredProperties p = LayeredProperties.read(List.of(new LayeredProperties.Layer(OVERRIDE,
                "a=${b}\nb=x${a}\nc=fine\n")));
        LayeredProperties.Value a = p.value("a").orElseThrow();
        assertTrue(a.text().isEmpty());
        assertEquals(OVERRIDE + ":1", a.problem().orElseThrow().source());
        assertTrue(a.problem().orElseThrow().message().toLowerCase().contains("loop"), a.problem().toString());
        assertEquals("fine", p.value("c").orElseThrow().text().orElseThrow());
    }

    @Test
    void aBrokenEscapeStopsTheFileAtItsLine() {
        LayeredProperties p = LayeredProperties.read(List.of(new LayeredProperties.Layer(OVERRIDE,
                "a=1\n# note\nsecuritySalt=ab\\uZZZZcd\nb=2\n")));
        assertEquals(1, p.fileProblems().size());
        assertEquals(OVERRIDE + ":3", p.fileProblems().get(0).source());
        assertTrue(p.contains("a"));
        assertFalse(p.contains("b"));
    }

    @Test
    void noPrefixLookupReachesTheAuditorsMachine() {
        LayeredProperties p = LayeredProperties.read(List.of(new LayeredProperties.Layer(OVERRIDE,
                "a=${env:PATH}\nb=${sys:user.home}\n")));
        assertTrue(p.value("a").orElseThrow().text().isEmpty());
        assertTrue(p.value("b").orElseThrow().problem().orElseThrow().message().contains("not defined"));
    }
}
