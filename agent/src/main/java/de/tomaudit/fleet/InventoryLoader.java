package de.tomaudit.fleet;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.agentfile.AgentFileException;
import de.tomaudit.agentfile.AgentFiles;
import de.tomaudit.parse.yaml.YamlDocuments;
import de.tomaudit.parse.yaml.YamlException;
import de.tomaudit.parse.yaml.YamlNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads an inventory and tells its format from its content: YAML with {@code targets:} is
 * tomaudit's own, other YAML is Ansible's YAML, anything else (or a {@code .ini} file) is
 * Ansible's INI format. Every problem is an {@link InventoryException} naming file and line.
 */
public final class InventoryLoader {
    static final long MAX_BYTES = 8L * 1024 * 1024;

    private InventoryLoader() { }

    public static List<FleetTarget> load(Path path) throws InventoryException {
        String file = path.toString();
        String text = read(path, file);
        if (text.isBlank()) {
            throw new InventoryException(file, 0, AuditTexts.get("input.inventory.empty"));
        }
        String lower = file.toLowerCase(Locale.ROOT);
        boolean yamlName = lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json");
        if (!yamlName && (lower.endsWith(".ini") || firstSignificantLine(text).startsWith("["))) {
            return nonEmpty(file, AnsibleIniParser.parse(file, text));
        }
        Optional<YamlNode> root;
        try {
            root = YamlDocuments.parse(file, text);
        } catch (YamlException e) {
            if (yamlName) {
                throw new InventoryException(file, e.line(), e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
            }
            return nonEmpty(file, AnsibleIniParser.parse(file, text));
        }
        if (root.isEmpty() || root.get().isNull()) {
            throw new InventoryException(file, 0, AuditTexts.get("input.inventory.empty"));
        }
        if (!root.get().isMapping()) {
            if (yamlName) {
                throw new InventoryException(file, root.get().line(), AuditTexts.get("input.inventory.top"));
            }
            return nonEmpty(file, AnsibleIniParser.parse(file, text));
        }
        try {
            if (root.get().get("targets").isPresent()) {
                return TomauditInventoryParser.parse(file, root.get());
            }
        } catch (YamlException e) {
            throw new InventoryException(file, e.line(), e.getMessage());
        }
        return nonEmpty(file, AnsibleYamlParser.parse(file, root.get()));
    }

    private static List<FleetTarget> nonEmpty(String file, List<FleetTarget> targets) throws InventoryException {
        if (targets.isEmpty()) {
            throw new InventoryException(file, 0, AuditTexts.get("input.inventory.no-hosts"));
        }
        return targets;
    }

    private static String read(Path path, String file) throws InventoryException {
        try {
            return AgentFiles.read(path, AuditTexts.get("input.what.inventory"), MAX_BYTES);
        } catch (AgentFileException e) {
            throw new InventoryException(file, 0, e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
        }
    }

    private static String firstSignificantLine(String text) {
        for (String l : text.lines().toList()) {
            String s = l.strip();
            if (!s.isEmpty() && !s.startsWith("#") && !s.startsWith(";")) {
                return s;
            }
        }
        return "";
    }
}
