package de.tomaudit.waiver;

import de.tomaudit.i18n.AuditTexts;
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
 *     approver: "IT board"     # required: who accepted the risk
 *     expires: 2027-01-31      # required; not before the day the file was written
 * </pre>
 * An expiry date that had already passed when the file was last written (its modification time) is
 * a mistake in the file, refused naming file and line; a waiver that expires later fails again.
 */
public final class WaiverFile {
    private static final Set<String> KEYS = Set.of("rule", "target", "justification", "approver", "expires");

    private WaiverFile() { }

    public static List<Waiver> load(Path file) throws YamlException {
        String text;
        try {
            text = AgentFiles.read(file, AuditTexts.get("input.what.waivers"), 1024 * 1024);
        } catch (AgentFileException e) {
            throw new YamlException(file.toString(), 0, e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
        }
        LocalDate written;
        try {
            written = LocalDate.ofInstant(java.nio.file.Files.getLastModifiedTime(file).toInstant(), java.time.ZoneId.systemDefault());
        } catch (java.io.IOException e) {
            throw new YamlException(file.toString(), 0, AuditTexts.get("input.file.unreadable", e.getClass().getSimpleName()));
        }
        return parse(file.toString(), text, written);
    }

    public static List<Waiver> parse(String file, String text) throws YamlException {
        return parse(file, text, null);
    }

    /** Parses; with {@code writtenOn}, an expiry date before it is an error. */
    public static List<Waiver> parse(String file, String text, LocalDate writtenOn) throws YamlException {
        YamlNode root = YamlDocuments.parse(file, text).orElseThrow(() -> new YamlException(file, 1, AuditTexts.get("input.waivers.empty")));
        List<Waiver> out = new ArrayList<>();
        for (YamlNode w : root.require("waivers").items()) {
            for (var e : w.entries().entrySet()) {
                if (!KEYS.contains(e.getKey())) {
                    throw e.getValue().error(AuditTexts.get("input.unknown-key", "rule, target, justification, approver, expires"));
                }
            }
            String justification = w.require("justification").text().strip();
            if (justification.isEmpty()) {
                throw w.error(AuditTexts.get("input.waivers.justification"));
            }
            YamlNode exp = w.require("expires");
            LocalDate expires;
            try {
                expires = LocalDate.parse(exp.text());
            } catch (DateTimeParseException e) {
                throw exp.error(AuditTexts.get("input.waivers.date"));
            }
            if (writtenOn != null && expires.isBefore(writtenOn)) {
                throw exp.error(AuditTexts.get("input.waivers.passed", expires.toString(), writtenOn.toString()));
            }
            YamlNode approverNode = w.require("approver");
            String approver = approverNode.text().strip();
            if (approver.isEmpty()) {
                throw approverNode.error(AuditTexts.get("input.waivers.approver"));
            }
            String target = w.get("target").isPresent() ? w.require("target").text() : "*";
            out.add(new Waiver(w.require("rule").text(), target, justification, approver, expires, w.location()));
        }
        return out;
    }
}
