package de.tomaudit.parse.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.testsupport.TestPaths;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class SafeXmlTest {

    @Test
    void readsFreeswitchsProfileWithLines() throws Exception {
        String text = Files.readString(TestPaths.sharedFixture("bigbluebutton").resolve("freeswitch-sip_profiles-external.xml"));
        XmlNode root = SafeXml.parse("external.xml", text);
        assertEquals("profile", root.name());
        XmlNode sipIp = root.descendants("param").stream().filter(p -> "sip-ip".equals(p.attributes().get("name"))).findFirst().orElseThrow();
        assertEquals("$${local_ip_v4}", sipIp.attribute("value").orElseThrow());
        assertEquals(59, sipIp.line());
    }

    @Test
    void anEntityBombIsRefusedBeforeAnythingExpands() {
        String bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
                + " <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n]>\n<lolz>&lol2;</lolz>\n";
        XmlRefused e = assertThrows(XmlRefused.class, () -> SafeXml.parse("bomb.xml", bomb));
        assertTrue(e.getMessage().startsWith("bomb.xml:"), e.getMessage());
        assertTrue(e.getMessage().contains("DOCTYPE refused") || e.getMessage().contains("entity"), e.getMessage());
    }

    @Test
    void anUndeclaredEntityIsNotWellFormed() {
        XmlRefused e = assertThrows(XmlRefused.class, () -> SafeXml.parse("x.xml", "<a>\n<b>&secret;</b></a>"));
        assertEquals(2, e.line(), e.getMessage());
    }

    @Test
    void depthIsBounded() {
        String deep = "<a>".repeat(SafeXml.MAX_DEPTH + 1) + "</a>".repeat(SafeXml.MAX_DEPTH + 1);
        XmlRefused e = assertThrows(XmlRefused.class, () -> SafeXml.parse("deep.xml", deep));
        assertTrue(e.getMessage().contains("nested deeper"), e.getMessage());
    }

    @Test
    void theDocumentationsWellFormedResponsesAreRead() throws Exception {
        var f = TestPaths.sharedFixture("bigbluebutton");
        XmlNode info = SafeXml.parse("info", Files.readString(f.resolve("api-getMeetingInfo-response.docs.xml")));
        assertEquals("SUCCESS", info.childText("returncode").orElseThrow());
        XmlNode running = SafeXml.parse("running", Files.readString(f.resolve("api-isMeetingRunning-response.docs.xml")));
        assertEquals("response", running.name());
    }
}
