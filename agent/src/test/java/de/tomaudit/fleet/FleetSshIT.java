package de.tomaudit.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.tomaudit.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fleets from inventories against the real OpenSSH of the sshfleet test bed. */
class FleetSshIT {
    @TempDir Path tmp;

    @BeforeAll
    static void bed() {
        FleetBed.requireUp();
    }

    record Run(int code, JsonNode json, String err) { }

    private static Run audit(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // without probes: the minimal host's copy of this machine's nginx config declares listeners nothing
        // answers on 127.0.0.N, which (now that inventory targets are probed) makes them partial
        List<String> all = new ArrayList<>(List.of("audit", "--format", "json", "--no-probe",
                "--known-hosts", FleetBed.knownHosts().toString()));
        all.addAll(List.of(args));
        int code = Main.execute(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        return new Run(code, text.isBlank() ? null : new ObjectMapper().readTree(text), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void fiftyTargetsWithFiveRefusedPortsAllReportedAndOnlyThoseUnreachable() throws Exception {
        StringBuilder inv = new StringBuilder("targets:\n");
        for (int i = 1; i <= 50; i++) {
            String address = i % 10 == 0 ? "ssh://" + FleetBed.LIGHT_USER + "@127.0.0." + (i + 1) + ":1"
                    : FleetBed.address(FleetBed.LIGHT_USER, i + 1);
            inv.append("  - {name: t").append(i).append(", address: \"").append(address).append("\", kinds: [host]}\n");
        }
        Path file = Files.writeString(tmp.resolve("fifty.yaml"), inv);
        Run r = audit("--inventory", file.toString(), "--parallel", "8", "--identity", FleetBed.key().toString());
        assertEquals(3, r.code(), "some targets could not be audited: " + r.err());
        JsonNode targets = r.json().get("targets");
        assertEquals(50, targets.size());
        for (int i = 1; i <= 50; i++) {
            JsonNode t = targets.get(i - 1);
            assertEquals("t" + i, t.get("name").asText());
            if (i % 10 == 0) {
                assertEquals("unreachable", t.get("status").asText(), t.toString());
                assertEquals("ssh", t.get("errors").get(0).get("stage").asText());
                assertTrue(t.get("errors").get(0).get("message").asText().contains("connection refused"), t.toString());
            } else {
                assertEquals("complete", t.get("status").asText(), t.get("name") + ": " + t.get("errors"));
                assertTrue(t.get("findings").size() > 10, t.get("name").asText());
            }
        }
    }

    @Test
    void anAnsibleInventoryGivesUserPortAndKeyPerHost() throws Exception {
        Path ini = Files.writeString(tmp.resolve("hosts"), """
                [light]
                127.0.0.[2:6]
                [light:vars]
                ansible_user=tomaudit-fleet
                ansible_port=%d
                ansible_ssh_private_key_file=%s
                tomaudit_kinds=host
                [machine]
                this ansible_host=127.0.0.7 ansible_user=tomaudit-nosudo ansible_port=%d ansible_ssh_private_key_file=%s
                """.formatted(FleetBed.PORT, FleetBed.key(), FleetBed.PORT, FleetBed.key()));
        Run r = audit("--inventory", ini.toString(), "--parallel", "4", "--kind", "host", "--ssh-config", emptyConfig().toString());
        assertTrue(r.code() == 0 || r.code() == 1 || r.code() == 3, r.err());
        JsonNode targets = r.json().get("targets");
        assertEquals(6, targets.size());
        for (int i = 0; i < 5; i++) {
            assertEquals("127.0.0." + (i + 2), targets.get(i).get("name").asText());
            assertEquals("complete", targets.get(i).get("status").asText(), targets.get(i).get("errors").toString());
        }
        JsonNode machine = targets.get(5);
        assertEquals("this", machine.get("name").asText());
        assertEquals("ssh://tomaudit-nosudo@127.0.0.7:" + FleetBed.PORT, machine.get("address").asText());
        assertTrue(!machine.get("status").asText().equals("unreachable"), machine.get("errors").toString());
    }

    @Test
    void aServerThatNeverSpeaksCostsOnlyItsOwnSlot() throws Exception {
        try (ServerSocket tarpit = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread accept = new Thread(() -> {
                List<Socket> held = new ArrayList<>();
                try {
                    while (true) {
                        held.add(tarpit.accept());
                    }
                } catch (Exception e) {
                    held.forEach(s -> {
                        try {
                            s.close();
                        } catch (Exception ignored) {
                            // closing what the test held open
                        }
                    });
                }
            });
            accept.setDaemon(true);
            accept.start();
            StringBuilder inv = new StringBuilder("targets:\n");
            inv.append("  - {name: tarpit, address: \"ssh://x@127.0.0.1:").append(tarpit.getLocalPort()).append("\"}\n");
            for (int i = 2; i <= 7; i++) {
                inv.append("  - {name: ok").append(i).append(", address: \"").append(FleetBed.address(FleetBed.LIGHT_USER, i)).append("\"}\n");
            }
            Path file = Files.writeString(tmp.resolve("tarpit.yaml"), inv);
            long start = System.nanoTime();
            Run r = audit("--inventory", file.toString(), "--parallel", "2", "--identity", FleetBed.key().toString(),
                    "--connect-timeout", "2", "--kind", "host");
            assertTrue(System.nanoTime() - start < 60_000_000_000L, "bounded by the connect timeout");
            assertEquals(3, r.code(), r.err());
            JsonNode targets = r.json().get("targets");
            assertEquals("unreachable", targets.get(0).get("status").asText());
            assertEquals("ssh", targets.get(0).get("errors").get(0).get("stage").asText());
            for (int i = 1; i < targets.size(); i++) {
                assertEquals("complete", targets.get(i).get("status").asText(), targets.get(i).get("errors").toString());
            }
        }
    }

    private Path emptyConfig() throws Exception {
        return Files.writeString(tmp.resolve("ssh_config"), "# no aliases\n");
    }
}
