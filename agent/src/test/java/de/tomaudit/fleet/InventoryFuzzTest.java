package de.tomaudit.fleet;

import com.code_intelligence.jazzer.junit.FuzzTest;
import de.tomaudit.parse.yaml.YamlDocuments;
import de.tomaudit.parse.yaml.YamlException;
import de.tomaudit.parse.yaml.YamlNode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Inventories (Ansible INI and YAML, tomaudit YAML): targets or an InventoryException, never a crash. */
class InventoryFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void inventory(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            AnsibleIniParser.parse("hosts.ini", text);
        } catch (InventoryException e) {
            // refused with file and line
        }
        try {
            Optional<YamlNode> root = YamlDocuments.parse("hosts.yml", text);
            if (root.isPresent()) {
                AnsibleYamlParser.parse("hosts.yml", root.get());
                TomauditInventoryParser.parse("hosts.yml", root.get());
            }
        } catch (InventoryException | YamlException e) {
            // refused with file and line
        }
    }
}
