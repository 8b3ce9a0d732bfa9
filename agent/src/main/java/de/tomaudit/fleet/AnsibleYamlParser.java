package de.tomaudit.fleet;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.parse.yaml.YamlException;
import de.tomaudit.parse.yaml.YamlNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ansible's YAML inventory format: top-level keys are groups (usually {@code all}); a group
 * holds {@code hosts} (host pattern to variables), {@code vars} and {@code children} (nested
 * groups). Other keys in a group are skipped with a warning, as Ansible does.
 */
final class AnsibleYamlParser {
    private static final Logger LOG = LoggerFactory.getLogger(AnsibleYamlParser.class);
    private static final int MAX_DEPTH = 64;

    private AnsibleYamlParser() { }

    static List<FleetTarget> parse(String file, YamlNode root) throws InventoryException {
        AnsibleInventory inv = new AnsibleInventory(file);
        try {
            if (!root.isMapping()) {
                throw new InventoryException(file, root.line(), AuditTexts.get("input.ansible.top"));
            }
            for (Map.Entry<YamlNode, YamlNode> e : root.pairs()) {
                String name = e.getKey().text();
                inv.group(name, e.getKey().line());
                if (!name.equals("all")) {
                    inv.child("all", name, e.getKey().line());
                }
                group(inv, name, e.getValue(), file, 0);
            }
        } catch (YamlException e) {
            throw new InventoryException(file, e.line(), e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
        }
        return inv.targets();
    }

    private static void group(AnsibleInventory inv, String name, YamlNode node, String file, int depth)
            throws YamlException, InventoryException {
        if (depth > MAX_DEPTH) {
            throw new InventoryException(file, node.line(), AuditTexts.get("input.ansible.nested", String.valueOf(MAX_DEPTH)));
        }
        if (node.isNull()) {
            return;
        }
        if (!node.isMapping()) {
            throw node.error(AuditTexts.get("input.ansible.group-mapping", name));
        }
        for (Map.Entry<YamlNode, YamlNode> e : node.pairs()) {
            String key = e.getKey().text();
            YamlNode value = e.getValue();
            switch (key) {
                case "hosts" -> {
                    if (value.isNull()) {
                        continue;
                    }
                    if (!value.isMapping()) {
                        throw value.error(AuditTexts.get("input.ansible.hosts-mapping", name));
                    }
                    for (Map.Entry<YamlNode, YamlNode> h : value.pairs()) {
                        inv.hosts(name, h.getKey().text(), vars(h.getValue(), AuditTexts.get("input.ansible.host", h.getKey().text())), h.getKey().line());
                    }
                }
                case "vars" -> vars(value, AuditTexts.get("input.ansible.group-vars", name)).forEach((k, v) -> inv.groupVar(name, k, v));
                case "children" -> {
                    if (value.isNull()) {
                        continue;
                    }
                    if (!value.isMapping()) {
                        throw value.error(AuditTexts.get("input.ansible.children-mapping", name));
                    }
                    for (Map.Entry<YamlNode, YamlNode> c : value.pairs()) {
                        String child = c.getKey().text();
                        inv.child(name, child, c.getKey().line());
                        group(inv, child, c.getValue(), file, depth + 1);
                    }
                }
                default -> LOG.warn("{}:{}: {}", file, e.getKey().line(), AuditTexts.get("input.ansible.skipped-key", key, name));
            }
        }
    }

    private static Map<String, String> vars(YamlNode node, String what) throws YamlException {
        Map<String, String> out = new LinkedHashMap<>();
        if (node.isNull()) {
            return out;
        }
        if (!node.isMapping()) {
            throw node.error(AuditTexts.get("input.ansible.vars-mapping", what));
        }
        for (Map.Entry<String, YamlNode> e : node.entries().entrySet()) {
            out.put(e.getKey(), text(e.getValue().toValue()));
        }
        return out;
    }

    static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof List<?> l) {
            return l.stream().map(AnsibleYamlParser::text).collect(Collectors.joining(","));
        }
        return v.toString();
    }
}
