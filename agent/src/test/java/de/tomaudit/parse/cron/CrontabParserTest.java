package de.tomaudit.parse.cron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.tomaudit.testsupport.TestPaths;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CrontabParserTest {

    @Test
    void debiansSystemCrontab() throws IOException {
        String text = TestPaths.debianText("cron-daemon-common", "etc/crontab");
        Crontab tab = CrontabParser.parse("/etc/crontab", text, true);
        assertEquals(List.of(), tab.problems());
        assertEquals(4, tab.entries().size());
        CronEntry daily = tab.entries().get(1);
        assertEquals("25 6 * * *", daily.schedule());
        assertEquals(Optional.of("root"), daily.user());
        assertEquals("test -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.daily; }", daily.command());
        assertEquals(19, daily.line());
        assertEquals("/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin", tab.envFor(daily).get("PATH").value());
    }

    @Test
    void userCrontabKeywordsEnvAndPercent() {
        Crontab tab = CrontabParser.parse("/var/spool/cron/crontabs/mastodon", """
                # m h dom mon dow command
                MAILTO = "admin@example.org"
                @daily /home/mastodon/bin/dump.sh
                0 4 * * 1-5 pg_dump -f /b/db-$(date +\\%F).sql mastodon_production
                5 4 * * * mail -s report root%body line 1%body line 2
                """, false);
        assertEquals(List.of(), tab.problems());
        assertEquals("admin@example.org", tab.env().get(0).value());
        assertEquals("@daily", tab.entries().get(0).schedule());
        assertEquals(Optional.empty(), tab.entries().get(0).user());
        assertEquals("pg_dump -f /b/db-$(date +%F).sql mastodon_production", tab.entries().get(1).command());
        assertEquals("mail -s report root", tab.entries().get(2).command(), "text after % is stdin");
    }

    @Test
    void rejectedLinesNameFileAndLine() {
        Crontab tab = CrontabParser.parse("/etc/cron.d/bad", "@often root x\n* * * root\n0 1 * * *\nnot a cron line at all\n", true);
        assertEquals(4, tab.problems().size());
        assertEquals("/etc/cron.d/bad:1: unknown schedule keyword (not @reboot, @yearly, @annually, @monthly, @weekly, @daily, @midnight or @hourly)", tab.problems().get(0).toString());
        assertTrue(tab.problems().get(2).message().contains("five time fields"));
        assertEquals(0, tab.entries().size());
    }

    @Test
    void binaryGarbageDoesNotCrash() {
        Crontab tab = CrontabParser.parse("/x", "\u0000\u0001\u0002\n\u00ff\u00fe", true);
        assertEquals(0, tab.entries().size());
        assertEquals(2, tab.problems().size());
    }
}
