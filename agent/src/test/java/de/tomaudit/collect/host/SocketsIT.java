package de.tomaudit.collect.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import de.tomaudit.facts.FactSet;
import de.tomaudit.target.Command;
import de.tomaudit.target.CommandResult;
import de.tomaudit.target.DirEntry;
import de.tomaudit.target.FileContent;
import de.tomaudit.target.FileStat;
import de.tomaudit.target.Limits;
import de.tomaudit.target.LocalTarget;
import de.tomaudit.target.Target;
import de.tomaudit.target.TargetException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The sockets collector against this machine's kernel, with throwaway listeners. */
class SocketsIT {

    @Test
    void seesALoopbackListenerOfThisJvmAsNotPublic() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            FactSet f = SocketsCollectorTest.collect(new LocalTarget(Limits.DEFAULT));
            Map<String, Object> mine = SocketsCollectorTest.list(f, "sockets.listening").stream()
                    .filter(m -> m.get("port").equals((long) server.getLocalPort()) && m.get("proto").equals("tcp"))
                    .findFirst().orElseThrow(() -> new AssertionError("port " + server.getLocalPort() + " not seen"));
            // a JVM with IPv6 binds an IPv4 address through an IPv6 socket: ss shows ::ffff:127.0.0.1
            assertTrue(List.of("127.0.0.1", "::ffff:127.0.0.1").contains(mine.get("address")), mine.toString());
            assertEquals(false, mine.get("public"));
            if (f.get("sockets.source").orElseThrow().value().equals("ss")) {
                assertEquals("java", mine.get("process"));
            }
            assertTrue(SocketsCollectorTest.list(f, "sockets.public").stream()
                    .noneMatch(m -> m.get("port").equals((long) server.getLocalPort())));
        }
    }

    /**
     * A listener on 0.0.0.0 inside a fresh network namespace (so nothing is exposed here), seen
     * through that namespace's /proc/&lt;pid&gt;/net tables: the kernel-table path of the collector.
     */
    @Test
    void seesAWildcardListenerInAFreshNetworkNamespaceAsPublic() throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("unshare", "-n", "perl", "-MIO::Socket::INET", "-e",
                    "$|=1; my $s = IO::Socket::INET->new(LocalAddr => '0.0.0.0', LocalPort => 0, Listen => 5,"
                            + " Proto => 'tcp') or die $!; print $s->sockport, qq(\\n); sleep 60;")
                    .redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "unshare not available: " + e.getMessage());
            return;
        }
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assumeTrue(line != null && line.matches("\\d+"), "cannot create a network namespace here: " + line);
            long port = Long.parseLong(line.trim());
            Target ns = new NamespaceProcTarget(new LocalTarget(Limits.DEFAULT), p.pid());
            FactSet f = SocketsCollectorTest.collect(ns);
            assertEquals("proc", f.get("sockets.source").orElseThrow().value());
            List<Map<String, Object>> pub = SocketsCollectorTest.list(f, "sockets.public");
            Map<String, Object> mine = pub.stream().filter(m -> m.get("port").equals(port)).findFirst()
                    .orElseThrow(() -> new AssertionError("port " + port + " not among " + pub));
            assertEquals("0.0.0.0", mine.get("address"));
            assertEquals(true, mine.get("public"));
            assertEquals(1, SocketsCollectorTest.list(f, "sockets.listening").size(), "a fresh namespace has only it");
        } finally {
            p.destroy();
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** The local machine as seen from one process's network namespace: /proc/net is /proc/PID/net. */
    private record NamespaceProcTarget(LocalTarget local, long pid) implements Target {
        private String map(String path) {
            return path.startsWith("/proc/net/") ? "/proc/" + pid + "/net/" + path.substring("/proc/net/".length()) : path;
        }

        @Override public String name() { return "netns-of-" + pid; }
        @Override public String address() { return "local"; }
        @Override public boolean canRunCommands() { return false; }
        @Override public FileContent read(String path) throws TargetException { return local.read(map(path)); }
        @Override public Optional<FileStat> stat(String path) throws TargetException { return local.stat(map(path)); }
        @Override public List<DirEntry> list(String dir) throws TargetException { return local.list(map(dir)); }
        @Override public CommandResult run(Command command) throws TargetException {
            throw new TargetException(TargetException.Reason.NOT_SUPPORTED, command.line(), "no commands here");
        }
    }
}
