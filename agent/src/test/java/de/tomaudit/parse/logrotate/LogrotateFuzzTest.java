package de.tomaudit.parse.logrotate;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/** logrotate files parse to entries and problems without throwing; settings never overflow. */
class LogrotateFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void logrotateFile(byte[] input) {
        LogrotateFile f = LogrotateFileParser.parse("/etc/logrotate.d/x", new String(input, StandardCharsets.ISO_8859_1));
        f.problems().forEach(p -> {
            if (p.source().isEmpty()) {
                throw new IllegalStateException("a problem without a source");
            }
        });
    }
}
