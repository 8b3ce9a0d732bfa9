package de.tomaudit.probe.tls;

import com.code_intelligence.jazzer.junit.FuzzTest;
import de.tomaudit.probe.ProbeException;
import java.io.ByteArrayInputStream;

/** Whatever a server sends after the ClientHello: a reply or a ProbeException, within the byte limits. */
class TlsReplyFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void serverReply(byte[] input) {
        for (boolean flight : new boolean[] {false, true}) {
            try {
                new ServerReplyReader(new ByteArrayInputStream(input), "fuzz").read(flight);
            } catch (ProbeException e) {
                // a malformed or refused reply: a value, not a crash
            }
        }
    }
}
