package de.tomaudit.probe.xmpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.probe.ProbeException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class XmlStreamReaderTest {
    private static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' from='localhost' version='1.0'>";

    private static XmlStreamReader reader(String xml, int max) {
        return new XmlStreamReader(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "test", max);
    }

    private static ProbeException fails(String xml) {
        XmlStreamReader r = reader(xml, 64 * 1024);
        return assertThrows(ProbeException.class, () -> {
            r.readStreamHeader();
            r.readElement();
        });
    }

    @Test
    void readsHeaderAndFeaturesWithNamespaces() throws Exception {
        XmlStreamReader r = reader(HEADER + "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/>"
                + "</starttls><mechanisms xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\"><mechanism>SCRAM-SHA-1</mechanism>"
                + "<mechanism> PLAIN </mechanism></mechanisms><ver xmlns='urn:xmpp:features:rosterver'/></stream:features>", 4096);
        XmlElement header = r.readStreamHeader();
        assertEquals("localhost", header.attributes().get("from"));
        XmlElement features = r.readElement();
        assertTrue(features.is("features", XmlStreamReader.STREAMS_NS));
        XmppFeatures f = XmppFeatures.of(features);
        assertTrue(f.starttls());
        assertTrue(f.starttlsRequired());
        assertEquals(List.of("SCRAM-SHA-1", "PLAIN"), f.mechanisms());
        assertEquals(List.of("ver"), f.others());
    }

    @Test
    void decodesPredefinedEntitiesAndCharacterReferences() throws Exception {
        XmlStreamReader r = reader(HEADER + "<x a='&lt;&amp;&#65;&#x42;'>&quot;&apos;&gt;</x>", 4096);
        r.readStreamHeader();
        XmlElement x = r.readElement();
        assertEquals("<&AB", x.attributes().get("a"));
        assertEquals("\"'>", x.text());
    }

    @Test
    void refusesDoctypeAndEntityDeclarations() {
        ProbeException e = fails("<?xml version='1.0'?><!DOCTYPE stream [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>"
                + "<stream:stream xmlns:stream='http://etherx.jabber.org/streams'>");
        assertEquals(ProbeException.Kind.GARBAGE, e.kind());
        ProbeException inside = fails(HEADER + "<!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>");
        assertTrue(inside.getMessage().contains("not allowed"), inside.getMessage());
    }

    @Test
    void refusesUnknownEntitiesCommentsAndBrokenNesting() {
        assertTrue(fails(HEADER + "<x>&xxe;</x>").getMessage().contains("an entity other than the predefined ones"));
        assertEquals(ProbeException.Kind.GARBAGE, fails(HEADER + "<x><!-- hi --></x>").kind());
        assertTrue(fails(HEADER + "<x><y></x></y>").getMessage().contains("does not match its start tag"));
        assertTrue(fails(HEADER + "<p:x/>").getMessage().contains("undeclared namespace prefix"));
        assertEquals(ProbeException.Kind.GARBAGE, fails(HEADER + "<x a=b/>").kind());
    }

    /** Issue 13, point 4: names, prefixes and entities the server sent are not repeated in the error. */
    @Test
    void whatTheServerSentIsNamedNotRepeated() {
        for (String xml : List.of(HEADER + "<x>&CnryEntZq;</x>", HEADER + "<CnryA><CnryB></CnryA></CnryB>",
                HEADER + "<CnryP:x/>", HEADER + "<x>&#CnryZq;</x>", HEADER + "<x CnryAttr/>",
                "<?xml version='1.0'?><CnryStream xmlns='jabber:client'>")) {
            ProbeException e = fails(xml);
            assertEquals(ProbeException.Kind.GARBAGE, e.kind(), xml);
            assertTrue(!e.getMessage().contains("Cnry"), xml + " -> " + e.getMessage());
        }
    }

    @Test
    void refusesTextThatIsNotUtf8() {
        byte[] bad = (HEADER + "<x>").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bad.length + 5];
        System.arraycopy(bad, 0, all, 0, bad.length);
        all[bad.length] = (byte) 0xC3;
        all[bad.length + 1] = (byte) 0x28;
        System.arraycopy("</x>".getBytes(StandardCharsets.US_ASCII), 0, all, bad.length + 1, 4);
        all[bad.length] = (byte) 0xFF;
        XmlStreamReader r = new XmlStreamReader(new ByteArrayInputStream(all), "test", 4096);
        ProbeException e = assertThrows(ProbeException.class, () -> {
            r.readStreamHeader();
            r.readElement();
        });
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void stopsAtTheByteCapAndTheDepthCap() {
        XmlStreamReader big = reader(HEADER + "<x>" + "a".repeat(10_000) + "</x>", 2048);
        ProbeException e = assertThrows(ProbeException.class, () -> {
            big.readStreamHeader();
            big.readElement();
        });
        assertEquals(ProbeException.Kind.TOO_LARGE, e.kind());
        ProbeException deep = fails(HEADER + "<a>".repeat(100) + "</a>".repeat(100));
        assertTrue(deep.getMessage().contains("deeper"), deep.getMessage());
    }

    @Test
    void anEndedStreamOrConnectionIsReportedAsSuch() {
        assertEquals(ProbeException.Kind.CLOSED, fails(HEADER + "</stream:stream>").kind());
        assertEquals(ProbeException.Kind.CLOSED, fails(HEADER + "<stream:features><starttls").kind());
        assertEquals(ProbeException.Kind.GARBAGE, fails("HTTP/1.1 400 Bad Request\r\n\r\n").kind());
    }

    @Test
    void doesNotReadPastTheElementItReturns() throws Exception {
        byte[] xml = (HEADER + "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>\u0016\u0003\u0003").getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayInputStream in = new ByteArrayInputStream(xml);
        XmlStreamReader r = new XmlStreamReader(in, "test", 4096);
        r.readStreamHeader();
        assertEquals("proceed", r.readElement().name());
        assertEquals(3, in.available(), "the TLS bytes after <proceed/> must stay unread");
    }
}
