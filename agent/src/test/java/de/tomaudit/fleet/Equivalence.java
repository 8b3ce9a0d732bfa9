package de.tomaudit.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.tomaudit.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One target audited four ways: named on the command line, in a tomaudit YAML inventory, in an
 * Ansible INI and in an Ansible YAML inventory. Every way must give the same status, errors and
 * findings (rule, status, reason, evidence); only the name may differ.
 */
final class Equivalence {
    private Equivalence() { }

    /** What a target's result says, apart from its name. */
    record Outcome(String status, String errors, List<String> findings) { }

    /**
     * @param address   the target as the command line names it
     * @param ansible   the Ansible variables that name the same target (host {@code eq})
     * @param normalise applied to every finding line (for values that change between two audits of a live host)
     */
    static Map<String, Outcome> outcomes(Path dir, String address, Map<String, String> ansible,
                                         java.util.function.UnaryOperator<String> normalise, String... options) throws Exception {
        Map<String, Outcome> out = new LinkedHashMap<>();
        out.put("command line", audit(normalise, options, address));
        Path yaml = Files.writeString(dir.resolve("tomaudit.yaml"), "targets:\n  - name: eq\n    address: \"" + address + "\"\n");
        out.put("tomaudit YAML", audit(normalise, options, "--inventory", yaml.toString()));
        StringBuilder ini = new StringBuilder("[servers]\neq");
        ansible.forEach((k, v) -> ini.append(' ').append(k).append('=').append(v));
        Path iniFile = Files.writeString(dir.resolve("hosts.ini"), ini.append('\n').toString());
        out.put("Ansible INI", audit(normalise, options, "--inventory", iniFile.toString()));
        StringBuilder ay = new StringBuilder("all:\n  children:\n    servers:\n      hosts:\n        eq:\n");
        ansible.forEach((k, v) -> ay.append("          ").append(k).append(": \"").append(v).append("\"\n"));
        Path ayFile = Files.writeString(dir.resolve("hosts.yml"), ay.toString());
        out.put("Ansible YAML", audit(normalise, options, "--inventory", ayFile.toString()));
        return out;
    }

    /** Every way gives what the command line gives. */
    static Outcome assertSame(Map<String, Outcome> outcomes) {
        Outcome first = outcomes.get("command line");
        for (Map.Entry<String, Outcome> e : outcomes.entrySet()) {
            assertEquals(first.status(), e.getValue().status(), e.getKey() + " vs command line: status");
            assertEquals(first.errors(), e.getValue().errors(), e.getKey() + " vs command line: errors");
            assertEquals(first.findings(), e.getValue().findings(), e.getKey() + " vs command line: findings");
        }
        return first;
    }

    private static Outcome audit(java.util.function.UnaryOperator<String> normalise, String[] options, String... target)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("audit", "--format", "json"));
        args.addAll(List.of(options));
        args.addAll(List.of(target));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Main.execute(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        JsonNode t = json.get("targets");
        assertEquals(1, t.size(), err.toString(StandardCharsets.UTF_8));
        JsonNode r = t.get(0);
        List<String> findings = new ArrayList<>();
        r.get("findings").forEach(f -> findings.add(normalise.apply(f.get("ruleId").asText() + " " + f.get("status").asText()
                + " " + f.path("reason").asText() + " " + f.get("evidence"))));
        return new Outcome(r.get("status").asText(), normalise.apply(r.get("errors").toString()), findings);
    }
}
