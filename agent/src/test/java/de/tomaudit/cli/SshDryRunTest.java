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
