package de.tomaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --dry-run over SSH: exact command lines, no connection at all; SSH option checks. */
class SshDryRunTest {
    private static final String ENV = "env LC_ALL=C LANG=C PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    @TempDir Path tmp;

    @Test
    void dryRunShowsTheExactCommandsAndContactsNothing() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Path config = Files.writeString(tmp.resolve("config"), "Host bed\n  HostName 127.0.0.1\n  Port " + server.getLocalPort()
                    + "\n  User audit\n");
            CliTest.Run r = CliTest.run("audit", "--dry-run", "--sudo", "--kind", "host", "--ssh-config", config.toString(),
                    "--known-hosts", tmp.resolve("kh").toString(), "ssh://bed");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("# SSH audit@127.0.0.1:" + server.getLocalPort() + ", one connection"), r.out());
            assertTrue(r.out().contains("  run  " + ENV + " sudo -n -- sshd -T "), r.out());
            assertTrue(r.out().contains("  run  " + ENV + " uname -r ") || !r.out().contains("uname"), r.out());
            assertTrue(r.out().contains(ENV + " sudo -n -- cat -- 'PATH'"), r.out());
            assertTrue(r.out().contains("  read /etc/ssh/sshd_config "), r.out());

            CliTest.Run plain = CliTest.run("audit", "--dry-run", "--kind", "host", "--known-hosts", tmp.resolve("kh").toString(),
                    "ssh://audit@127.0.0.1:" + server.getLocalPort());
            assertTrue(plain.out().contains("  run  " + ENV + " sshd -T "), "no sudo without --sudo: " + plain.out());

            server.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, server::accept, "a dry run must not connect");
            assertTrue(!Files.exists(tmp.resolve("kh")));
        }
    }

    @Test
    void dryRunListsTheApiCallsTheDatabaseConnectionAndEverySqlStatement() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            CliTest.Run r = CliTest.run("audit", "--dry-run", "--kind", "mastodon", "--kind", "bbb", "--known-hosts",
                    tmp.resolve("kh").toString(), "ssh://audit@127.0.0.1:" + server.getLocalPort());
            assertEquals(0, r.code(), r.err());
            String out = r.out();
            assertTrue(out.contains("  connect PROBE-ADDRESS:443 "), out);
            for (String path : de.tomaudit.probe.mastodon.MastodonApiFacts.REQUESTS.keySet()) {
                assertTrue(out.contains("  request GET https://DOMAIN" + path + " (Host: DOMAIN"), path + " in " + out);
            }
            assertTrue(out.contains("  connect DB_HOST:DB_PORT/DB_NAME of .env.production ") && out.contains("through a port forward"), out);
            java.util.List<String> sql = de.tomaudit.mastodondb.MastodonDbCheck.statements(
                    de.tomaudit.mastodondb.MastodonDbSettings.NONE.statementTimeout());
            for (String q : sql) {
                assertTrue(out.contains("  query " + q.strip().replaceAll("\\s+", " ") + " "), q + " in " + out);
            }
            assertTrue(out.indexOf("query SET TRANSACTION READ ONLY") < out.indexOf("query ROLLBACK"), out);
            assertTrue(out.contains("request GET https://SERVER/bigbluebutton/api/getMeetings?checksum=CHECKSUM"), out);
            assertTrue(out.contains("request GET https://SERVER/bigbluebutton/api/getRecordings?state=any&checksum=CHECKSUM"), out);

            CliTest.Run noProbe = CliTest.run("audit", "--dry-run", "--no-probe", "--kind", "mastodon", "--mastodon-db",
                    "jdbc:postgresql://db.example.org:5433/social", "dir:" + tmp);
            assertEquals(0, noProbe.code(), noProbe.err());
            assertTrue(!noProbe.out().contains("request GET"), "no API call without probes: " + noProbe.out());
            assertTrue(noProbe.out().contains("  connect jdbc:postgresql://db.example.org:5433/social "), noProbe.out());
            assertTrue(noProbe.out().contains("  query SET TRANSACTION READ ONLY "), noProbe.out());

            CliTest.Run sshNoProbe = CliTest.run("audit", "--dry-run", "--no-probe", "--kind", "bbb", "--known-hosts",
                    tmp.resolve("kh").toString(), "ssh://audit@127.0.0.1:" + server.getLocalPort());
            assertTrue(!sshNoProbe.out().contains("bigbluebutton/api/"), "--no-probe: no API call: " + sshNoProbe.out());

            server.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, server::accept, "a dry run must not connect");
        }
    }

    @Test
    void sshOptionsAreCheckedAndDocumented() {
        CliTest.Run missing = CliTest.run("audit", "--identity", tmp.resolve("nope").toString(), "ssh://a@127.0.0.1");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("--identity " + tmp.resolve("nope") + ": no such file"), missing.err());
        CliTest.Run timeout = CliTest.run("audit", "--connect-timeout", "0", "ssh://a@127.0.0.1");
        assertEquals(2, timeout.code());
        CliTest.Run help = CliTest.run("audit", "--help");
        String text = help.out().replaceAll("\\s+", " ");
        for (String opt : new String[] {"--identity", "--known-hosts", "--ssh-config", "--connect-timeout", "--target-timeout",
                "--sudo", "--accept-new-host-key", "not even the host-key check"}) {
            assertTrue(text.contains(opt), opt + " in --help");
        }
    }
}
