package de.tomaudit.probe.xmpp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import de.tomaudit.probe.ProbeException;
import java.io.ByteArrayInputStream;

/** Whatever an XMPP server sends: a stream header and elements, or a ProbeException. */
class XmppReplyFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void stream(byte[] input) {
        XmlStreamReader r = new XmlStreamReader(new ByteArrayInputStream(input), "fuzz", 64 * 1024);
        try {
            r.readStreamHeader();
            for (int i = 0; i < 16; i++) {
                r.readElement();
            }
        } catch (ProbeException e) {
            // malformed, too large or closed: a value, not a crash
        }
    }
}
