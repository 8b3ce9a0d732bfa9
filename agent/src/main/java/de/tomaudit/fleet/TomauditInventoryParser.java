package de.tomaudit.fleet;

import de.tomaudit.i18n.AuditTexts;
import de.tomaudit.audit.KindDetector;
import de.tomaudit.audit.TargetSpec;
import de.tomaudit.parse.yaml.YamlException;
import de.tomaudit.parse.yaml.YamlNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * tomaudit's own inventory (examples/inventory/README.md): {@code targets}, a list of
 * {@code name}, {@code address}, {@code kinds}, {@code sudo}, {@code identity}, {@code tags},
 * {@code variables}; and optional {@code defaults} for all of them (a target's own value wins;
 * tags and variables are merged). Unknown keys are errors, so a typo never goes unnoticed.
 */
final class TomauditInventoryParser {
    private static final Set<String> TARGET_KEYS = Set.of("name", "address", "kinds", "sudo", "identity", "tags", "variables");
    private static final Set<String> DEFAULT_KEYS = Set.of("kinds", "sudo", "identity", "tags", "variables");

    private TomauditInventoryParser() { }

    static List<FleetTarget> parse(String file, YamlNode root) throws InventoryException {
        try {
            return targets(file, root);
        } catch (YamlException e) {
            throw new InventoryException(file, e.line(), e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
        }
    }

    private static List<FleetTarget> targets(String file, YamlNode root) throws YamlException, InventoryException {
        Map<String, YamlNode> top = root.entries();
        for (Map.Entry<String, YamlNode> e : top.entrySet()) {
            if (!e.getKey().equals("targets") && !e.getKey().equals("defaults")) {
                throw e.getValue().error(AuditTexts.get("input.unknown-key", "targets, defaults"));
            }
        }
        Map<String, YamlNode> defaults = top.containsKey("defaults") ? checked(top.get("defaults"), DEFAULT_KEYS) : Map.of();
        YamlNode list = root.require("targets");
        List<YamlNode> items = list.isNull() ? List.of() : list.items();
        if (items.isEmpty()) {
            throw list.error(AuditTexts.get("input.inventory.no-targets"));
        }
        List<FleetTarget> out = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        for (YamlNode item : items) {
            Map<String, YamlNode> t = checked(item, TARGET_KEYS);
            YamlNode address = Optional.ofNullable(t.get("address")).orElseThrow(() -> item.error(AuditTexts.get("input.inventory.no-address")));
            TargetSpec spec;
            try {
                spec = TargetSpec.parse(address.text());
            } catch (IllegalArgumentException e) {
                throw address.error(e.getMessage());
            }
            String name = t.containsKey("name") ? t.get("name").text() : address.text();
            if (name.isBlank()) {
                throw t.get("name").error(AuditTexts.get("input.inventory.empty-name"));
            }
            Integer before = names.put(name, item.line());
            if (before != null) {
                throw item.error(AuditTexts.get("input.inventory.name-twice", name, String.valueOf(before)));
            }
            Set<String> kinds = kinds(value(t, defaults, "kinds"));
            Optional<Boolean> sudo = sudo(value(t, defaults, "sudo"));
            Optional<YamlNode> idNode = value(t, defaults, "identity");
            Optional<String> identity = idNode.isPresent() ? Optional.of(FleetTarget.expandHome(idNode.get().text())) : Optional.empty();
            List<String> tags = new ArrayList<>(new LinkedHashSet<>(concat(texts(defaults.get("tags")), texts(t.get("tags")))));
            Map<String, String> vars = new LinkedHashMap<>(variables(defaults.get("variables")));
            vars.putAll(variables(t.get("variables")));
            out.add(new FleetTarget(name, spec, kinds, sudo, identity, tags, vars, file + ":" + item.line()));
        }
        return out;
    }

    private static Map<String, YamlNode> checked(YamlNode node, Set<String> allowed) throws YamlException {
        Map<String, YamlNode> m = node.entries();
        for (Map.Entry<String, YamlNode> e : m.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw e.getValue().error(AuditTexts.get("input.unknown-key", String.join(", ", allowed.stream().sorted().toList())));
            }
        }
        return m;
    }

    private static Optional<YamlNode> value(Map<String, YamlNode> target, Map<String, YamlNode> defaults, String key) {
        return Optional.ofNullable(target.get(key)).or(() -> Optional.ofNullable(defaults.get(key))).filter(n -> !n.isNull());
    }

    private static Set<String> kinds(Optional<YamlNode> node) throws YamlException {
        Set<String> out = new LinkedHashSet<>();
        if (node.isEmpty()) {
            return out;
        }
        for (String k : node.get().texts()) {
            String kind = k.trim().toLowerCase(Locale.ROOT);
            if (!KindDetector.KINDS.contains(kind)) {
                throw node.get().error(AuditTexts.get("input.inventory.kind", String.join(", ", KindDetector.KINDS)));
            }
            out.add(kind);
        }
        return out;
    }

    private static Optional<Boolean> sudo(Optional<YamlNode> node) throws YamlException {
        if (node.isEmpty()) {
            return Optional.empty();
        }
        Object v = node.get().toValue();
        if (!(v instanceof Boolean b)) {
            throw node.get().error(AuditTexts.get("input.inventory.sudo"));
        }
        return Optional.of(b);
    }

    private static List<String> texts(YamlNode node) throws YamlException {
        return node == null ? List.of() : node.texts();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static Map<String, String> variables(YamlNode node) throws YamlException {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isMapping()) {
            throw node.error(AuditTexts.get("input.inventory.variables"));
        }
        for (Map.Entry<String, YamlNode> e : node.entries().entrySet()) {
            out.put(e.getKey(), AnsibleYamlParser.text(e.getValue().toValue()));
        }
        return out;
    }
}
