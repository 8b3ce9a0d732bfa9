package de.tomaudit.parse.cron;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/** crontabs (system and user form) parse without throwing. */
class CrontabFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void crontab(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        CrontabParser.parse("/etc/crontab", text, true);
        CrontabParser.parse("/var/spool/cron/crontabs/root", text, false);
    }
}
