package de.tomaudit.parse.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SocketParsersTest {

    static String capture(String name) throws Exception {
        return Files.readString(Path.of(SocketParsersTest.class.getResource("/de/tomaudit/capture/" + name).toURI()));
    }

    private static Set<String> endpoints(List<ListeningSocket> l) {
        return l.stream().map(s -> s.endpoint() + (s.isPublic() ? " public" : " local")).collect(Collectors.toSet());
    }

    static final Set<String> EXPECTED = Set.of(
            "udp 127.0.0.1:323 local", "udp 0.0.0.0:3478 public", "udp [::]:3478 public",
            "tcp 127.0.0.53:53 local", "tcp 0.0.0.0:6379 public", "tcp 0.0.0.0:5432 public",
            "tcp 127.0.0.1:8080 local", "tcp 192.0.2.10:4369 public", "tcp [::1]:9200 local",
            "tcp [::]:6379 public", "tcp [::]:5432 public", "tcp [2001:db8::10]:5582 public");

    @Test
    void realSsOutputWithProcesses() throws Exception {
        SocketList l = SsOutputParser.parse(capture("ss-listening.txt"), "ss -H -tulpn");
        assertTrue(l.problems().isEmpty(), l.problems().toString());
        Set<String> expected = new java.util.HashSet<>(EXPECTED);
        expected.add("tcp *:8443 public");
        assertEquals(expected, endpoints(l.sockets()));
        ListeningSocket pg = l.sockets().stream().filter(s -> s.port() == 5432 && s.address().equals("0.0.0.0"))
                .findFirst().orElseThrow();
        assertEquals(Optional.of("postgres"), pg.process());
        assertTrue(pg.pid().isPresent());
        assertTrue(pg.origin().startsWith("ss -H -tulpn:"));
        assertEquals(Optional.of("redis-server"), l.sockets().stream().filter(s -> s.port() == 6379).findFirst()
                .orElseThrow().process());
    }

    @Test
    void ssWithoutProcessColumn() throws Exception {
        SocketList l = SsOutputParser.parse(capture("ss-listening-noprocess.txt"), "ss");
        assertTrue(l.problems().isEmpty());
        assertEquals(13, l.sockets().size());
        assertTrue(l.sockets().stream().allMatch(s -> s.process().isEmpty()));
    }

    @Test
    void procNetTablesOfTheSameMoment() throws Exception {
        List<ListeningSocket> all = new java.util.ArrayList<>();
        for (String f : List.of("tcp", "tcp6", "udp", "udp6")) {
            SocketList l = ProcNetParser.parse(capture("proc-net-" + f + ".txt"), f.startsWith("udp") ? "udp" : "tcp",
                    "/proc/net/" + f);
            assertTrue(l.problems().isEmpty(), l.problems().toString());
            all.addAll(l.sockets());
        }
        Set<String> expected = new java.util.HashSet<>(EXPECTED);
        expected.add("tcp [::]:8443 public"); // the kernel table does not tell dual-stack from v6-only
        assertEquals(expected, endpoints(all));
        assertTrue(all.stream().allMatch(s -> s.process().isEmpty()));
        assertTrue(all.get(0).origin().startsWith("/proc/net/tcp:"));
    }

    @Test
    void addressForms() {
        assertEquals("127.0.0.53%lo", SsOutputParser.endpoint("127.0.0.53%lo:53").orElseThrow().address());
        assertEquals("fe80::1%eth0", SsOutputParser.endpoint("[fe80::1]%eth0:123").orElseThrow().address());
        assertEquals("*", SsOutputParser.endpoint("*:22").orElseThrow().address());
        assertTrue(SsOutputParser.endpoint("nonsense").isEmpty());
        assertTrue(SsOutputParser.endpoint("1.2.3.4:99999").isEmpty());
        assertFalse(new ListeningSocket("tcp", "::ffff:127.0.0.1", 1, Optional.empty(), Optional.empty(), "x").isPublic());
        assertTrue(new ListeningSocket("tcp", "fe80::1%eth0", 1, Optional.empty(), Optional.empty(), "x").isPublic());
        assertEquals("127.0.0.1", ProcNetParser.hex("0100007F:1F90").orElseThrow().address());
        assertEquals(8080, ProcNetParser.hex("0100007F:1F90").orElseThrow().port());
        assertEquals("2001:db8::10", ProcNetParser.hex("B80D0120000000000000000010000000:15CE").orElseThrow().address());
        assertEquals("::ffff:127.0.0.1", ProcNetParser.hex("0000000000000000FFFF00000100007F:0016").orElseThrow().address());
    }

    @Test
    void garbageIsReportedNotThrown() {
        SocketList ss = SsOutputParser.parse("tcp LISTEN 0 128 0.0.0.0:22 0.0.0.0:*\nGARBAGE\u0001 here\n"
                + "tcp LISTEN 0 128 bogus 0.0.0.0:*\nsctp LISTEN 0 1 1.2.3.4:5 0:*\n"
                + "tcp ESTAB 0 0 10.0.0.1:22 10.0.0.2:5555\n", "ss");
        assertEquals(1, ss.sockets().size());
        assertEquals(3, ss.problems().size());
        assertEquals("ss:2", ss.problems().get(0).origin());
        SocketList proc = ProcNetParser.parse("  sl  local_address\n   0: ZZZZ:0016 00000000:0000 0A\nbinary\u0000junk\n",
                "tcp", "/proc/net/tcp");
        assertTrue(proc.sockets().isEmpty());
        assertEquals(2, proc.problems().size());
    }
}
