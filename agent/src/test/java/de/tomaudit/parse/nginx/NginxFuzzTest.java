package de.tomaudit.parse.nginx;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/** nginx configuration files: a result or an NginxParseException naming file and line, nothing else. */
class NginxFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void nginxFile(byte[] input) {
        try {
            NginxFileParser.parse("/etc/nginx/nginx.conf", new String(input, StandardCharsets.UTF_8));
        } catch (NginxParseException e) {
            if (e.line() < 0) {
                throw new IllegalStateException("a parse error without a line");
            }
        }
    }
}
