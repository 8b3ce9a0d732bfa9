package de.tomaudit.fleet;

import de.tomaudit.parse.yaml.YamlDocuments;
import de.tomaudit.parse.yaml.YamlException;
import de.tomaudit.parse.yaml.YamlNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
            throw new InventoryException(file, 0, "the inventory is empty");
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
            throw new InventoryException(file, 0, "the inventory is empty");
        }
        if (!root.get().isMapping()) {
            if (yamlName) {
                throw new InventoryException(file, root.get().line(), "expected 'targets:' (tomaudit) or groups such as 'all:' (Ansible)");
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
            throw new InventoryException(file, 0, "the inventory names no hosts");
        }
        return targets;
    }

    private static String read(Path path, String file) throws InventoryException {
        byte[] bytes;
        try {
            if (Files.isDirectory(path)) {
                throw new InventoryException(file, 0, "is a directory, not an inventory file");
            }
            if (Files.size(path) > MAX_BYTES) {
                throw new InventoryException(file, 0, "is larger than " + MAX_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new InventoryException(file, 0, "does not exist");
        } catch (IOException e) {
            throw new InventoryException(file, 0, "cannot be read: " + e.getMessage());
        }
        for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
            if (bytes[i] == 0) {
                throw new InventoryException(file, 0, "is a binary file, not an inventory");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InventoryException(file, 0, "is not UTF-8 text");
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
