package de.tomaudit.waiver;

import de.tomaudit.agentfile.AgentFileException;
import de.tomaudit.agentfile.AgentFiles;
import de.tomaudit.parse.yaml.YamlDocuments;
import de.tomaudit.parse.yaml.YamlException;
import de.tomaudit.parse.yaml.YamlNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a waivers file:
 * <pre>
 * waivers:
 *   - rule: host.ssh-password-auth
 *     target: "*"              # optional: name, address or glob; default every target
 *     justification: "…"       # required
 *     expires: 2027-01-31      # required
 * </pre>
 */
public final class WaiverFile {
    private static final Set<String> KEYS = Set.of("rule", "target", "justification", "expires");

    private WaiverFile() { }

    public static List<Waiver> load(Path file) throws YamlException {
        String text;
        try {
            text = AgentFiles.read(file, "waivers file", 1024 * 1024);
        } catch (AgentFileException e) {
            throw new YamlException(file.toString(), 0, e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
        }
        return parse(file.toString(), text);
    }

    public static List<Waiver> parse(String file, String text) throws YamlException {
        YamlNode root = YamlDocuments.parse(file, text).orElseThrow(() -> new YamlException(file, 1, "empty waivers file"));
        List<Waiver> out = new ArrayList<>();
        for (YamlNode w : root.require("waivers").items()) {
            for (var e : w.entries().entrySet()) {
                if (!KEYS.contains(e.getKey())) {
                    throw e.getValue().error("unknown key '" + e.getKey() + "' (rule, target, justification, expires)");
                }
            }
            String justification = w.require("justification").text().strip();
            if (justification.isEmpty()) {
                throw w.error("a waiver needs a justification");
            }
            YamlNode exp = w.require("expires");
            LocalDate expires;
            try {
                expires = LocalDate.parse(exp.text());
            } catch (DateTimeParseException e) {
                throw exp.error("expires must be a date like 2027-01-31, not '" + exp.text() + "'");
            }
            String target = w.get("target").isPresent() ? w.require("target").text() : "*";
            out.add(new Waiver(w.require("rule").text(), target, justification, expires, w.location()));
        }
        return out;
    }
}
